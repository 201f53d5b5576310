import type { Perfil, User } from './auth';
import { endpoint } from './endpoint';

export interface UserPage {
  count: number;
  next: string | null;
  previous: string | null;
  results: User[];
}

export interface UserCreate {
  nome_completo: string;
  email: string;
  telefone?: string | null;
  perfil: Perfil;
  password: string;
}

export type UserUpdate = Partial<UserCreate> & { status_ativo?: boolean };

export const usersApi = {
  list: endpoint<UserPage, undefined, { page: number; page_size: number }>()('GET', '/api/v1/usuarios/'),
  create: endpoint<User, UserCreate>()('POST', '/api/v1/usuarios/'),
  update: endpoint<User, UserUpdate>()('PUT', '/api/v1/usuarios/{id}'),
  deactivate: endpoint<void>()('DELETE', '/api/v1/usuarios/{id}', 'empty'),
};
