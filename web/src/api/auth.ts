import { endpoint } from './endpoint';

export type Perfil = 'ADMINISTRADOR' | 'APROVADOR' | 'OPERADOR';

export interface User {
  id: string;
  nome_completo: string;
  email: string;
  telefone: string | null;
  perfil: Perfil;
  status_ativo: boolean;
  permissions: string[];
  created_at?: string;
}

/** The signed-in user, with the modules this service has enabled. */
export interface SessionUser extends User {
  modules: string[];
}

export interface SessionReply {
  access: string;
  user: SessionUser;
}

export interface Credentials {
  /** The user's e-mail. */
  username: string;
  password: string;
}

export const authApi = {
  login: endpoint<SessionReply, Credentials>()('POST', '/api/v1/auth/session/'),
  refresh: endpoint<SessionReply>()('POST', '/api/v1/auth/session/refresh'),
  logout: endpoint<void>()('DELETE', '/api/v1/auth/session/', 'empty'),
};
