import type { Generated } from 'kysely';

/** Tables owned by core. Times are UTC epoch milliseconds. */
export interface UsersTable {
  id: string;
  nome_completo: string;
  email: string;
  /** Login name (seed 002's `username`); the e-mail unless set otherwise. */
  username: string;
  telefone: string | null;
  perfil: 'ADMINISTRADOR' | 'APROVADOR' | 'OPERADOR';
  status_ativo: number;
  permissions: string;
  password_hash: string;
  created_at: number;
  updated_at: number;
  /** Epoch ms of the last successful login; null when never. */
  last_login: number | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface RefreshDenylistTable {
  jti: string;
  expires_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  user_id: string | null;
  action: string;
  target: string | null;
  details: string | null;
}

export interface CoreTables {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  auth_refresh_denylist: RefreshDenylistTable;
  audit_log: AuditLogTable;
}
