import type { Perfil, User } from './auth';
import { endpoint } from './endpoint';

/** A user as the users API lists them: with their last successful login (ISO 8601; null when never). */
export interface ManagedUser extends User {
  last_login: string | null;
}

export interface UserPage {
  count: number;
  next: string | null;
  previous: string | null;
  results: ManagedUser[];
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
  create: endpoint<ManagedUser, UserCreate>()('POST', '/api/v1/usuarios/'),
  update: endpoint<ManagedUser, UserUpdate>()('PUT', '/api/v1/usuarios/{id}'),
  deactivate: endpoint<void>()('DELETE', '/api/v1/usuarios/{id}', 'empty'),
};
