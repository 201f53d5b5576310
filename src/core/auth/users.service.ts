import { randomUUID } from 'node:crypto';
import type { CoreDb } from '../db/db.js';
import { AppError, conflict, notFound } from '../http/errors.js';
import { groupPermissionsOf } from './authz.repository.js';
import { hashPassword } from './passwords.js';
import * as repo from './users.repository.js';
import type { Perfil, UserRow } from './users.repository.js';

export interface User {
  id: string;
  nome_completo: string;
  email: string;
  username: string;
  /** Seed 002's name for `nome_completo`. */
  display_name: string;
  telefone: string | null;
  perfil: Perfil;
  status_ativo: boolean;
  permissions: string[];
  created_at: string;
  updated_at: string;
  /** Last successful login (token or console session); null when never. */
  last_login: string | null;
}

export interface UserInput {
  nome_completo: string;
  email: string;
  /** Login name; the e-mail when omitted. */
  username?: string;
  telefone?: string | null;
  perfil: Perfil;
  password: string;
  status_ativo?: boolean;
  permissions?: string[];
}

export type UserChanges = Partial<UserInput>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    nome_completo: row.nome_completo,
    email: row.email,
    username: row.username,
    display_name: row.nome_completo,
    telefone: row.telefone,
    perfil: row.perfil,
    status_ativo: row.status_ativo === 1,
    permissions: JSON.parse(row.permissions) as string[],
    created_at: new Date(Number(row.created_at)).toISOString(),
    updated_at: new Date(Number(row.updated_at)).toISOString(),
    last_login: row.last_login === null ? null : new Date(Number(row.last_login)).toISOString(),
  };
}

const emailTaken = () =>
  new AppError(409, 'Já existe um usuário com este e-mail.', { issues: [{ loc: ['body', 'email'], msg: 'Já existe um usuário com este e-mail.', type: 'value_error.unique' }] });

const usernameTaken = () =>
  new AppError(409, 'Já existe um usuário com este nome de usuário.', { issues: [{ loc: ['body', 'username'], msg: 'Já existe um usuário com este nome de usuário.', type: 'value_error.unique' }] });

/** The guard checks a user's own permissions plus those of their groups (seed 002's `has_perm`). */
function withGroupPermissions(user: User, fromGroups: string[]): User {
  return fromGroups.length === 0 ? user : { ...user, permissions: [...new Set([...user.permissions, ...fromGroups])] };
}

// How long a presented user is reused by the guard and /me: deactivation and perfil changes made by
// another process take effect within this window; this process's own changes take effect at once.
const CACHE_MS = 2000;

/** Users and their rules: unique e-mail, hashed passwords, never lose the last active administrator. */
export function createUsersService(db: CoreDb) {
  const cache = new Map<string, { at: number; user: User | undefined }>();

  async function get(id: string): Promise<UserRow> {
    const row = await repo.findUserById(db, id);
    if (!row) throw notFound('Usuário não encontrado.');
    return row;
  }

  /** `cached` when the answer is in memory (`user` undefined: no such user); undefined when a read is due. */
  function cachedNow(id: string): { user: User | undefined } | undefined {
    const hit = cache.get(id);
    return hit && Date.now() - hit.at < CACHE_MS ? hit : undefined;
  }

  return {
    get: async (id: string) => toUser(await get(id)),

    /** The user as the guard sees it, without a read per request (see CACHE_MS). */
    async cached(id: string): Promise<User | undefined> {
      const hit = cachedNow(id);
      if (hit) return hit.user;
      const now = Date.now();
      const row = await repo.findUserById(db, id);
      if (cache.size > 5000) cache.clear();
      const user = row && withGroupPermissions(toUser(row), await groupPermissionsOf(db, id));
      cache.set(id, { at: now, user });
      return user;
    },

    cachedNow,

    /** Drops every cached user: a group's permissions changed, and with them those of its members. */
    forgetCached(): void {
      cache.clear();
    },

    async list(page: number, pageSize: number): Promise<{ count: number; results: User[] }> {
      const [count, rows] = await Promise.all([repo.countUsers(db), repo.listUsers(db, pageSize, (page - 1) * pageSize)]);
      return { count, results: rows.map(toUser) };
    },

    async create(input: UserInput): Promise<User> {
      const email = input.email.trim().toLowerCase();
      const now = Date.now();
      const row: UserRow = {
        id: randomUUID(),
        nome_completo: input.nome_completo.trim(),
        email,
        username: input.username?.trim() || email,
        telefone: input.telefone ?? null,
        perfil: input.perfil,
        status_ativo: input.status_ativo === false ? 0 : 1,
        permissions: JSON.stringify(input.permissions ?? []),
        password_hash: await hashPassword(input.password),
        created_at: now,
        updated_at: now,
        last_login: null,
      };
      await db.transaction().execute(async (trx) => {
        if (await repo.findUserByEmail(trx, email)) throw emailTaken();
        if (await repo.findUserByLogin(trx, row.username)) throw usernameTaken();
        await repo.insertUser(trx, row);
      });
      return toUser(row);
    },

    /**
     * `actorId`: the administrator making the change, who may not lock themselves out (deactivate
     * their own account or drop their own ADMINISTRADOR perfil); absent for changes made by the system.
     */
    async update(id: string, changes: UserChanges, actorId?: string): Promise<User> {
      const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
      return db.transaction().execute(async (trx) => {
        const current = await repo.findUserById(trx, id);
        if (!current) throw notFound('Usuário não encontrado.');
        const next: Partial<UserRow> = { updated_at: Date.now() };
        if (changes.nome_completo !== undefined) next.nome_completo = changes.nome_completo.trim();
        if (changes.telefone !== undefined) next.telefone = changes.telefone;
        if (changes.perfil !== undefined) next.perfil = changes.perfil;
        if (changes.status_ativo !== undefined) next.status_ativo = changes.status_ativo ? 1 : 0;
        if (changes.permissions !== undefined) next.permissions = JSON.stringify(changes.permissions);
        if (passwordHash) next.password_hash = passwordHash;
        if (changes.email !== undefined) {
          const email = changes.email.trim().toLowerCase();
          const other = await repo.findUserByEmail(trx, email);
          if (other && other.id !== id) throw emailTaken();
          next.email = email;
          // A login name that was the e-mail follows it.
          if (current.username === current.email) next.username = email;
        }
        if (id === actorId && next.status_ativo === 0) throw conflict('Você não pode desativar a própria conta.');
        const demoted = current.perfil === 'ADMINISTRADOR' && next.perfil !== undefined && next.perfil !== 'ADMINISTRADOR';
        if (id === actorId && demoted) throw conflict('Você não pode remover o próprio perfil ADMINISTRADOR.');
        const losesAdmin = current.status_ativo === 1 && (demoted || (current.perfil === 'ADMINISTRADOR' && next.status_ativo === 0));
        if (losesAdmin && (await repo.countActiveAdmins(trx)) <= 1) {
          throw conflict('Não é possível desativar ou rebaixar o último ADMINISTRADOR ativo.');
        }
        await repo.updateUser(trx, id, next);
        cache.delete(id);
        return toUser({ ...current, ...next });
      });
    },

    deactivate(id: string, actorId?: string): Promise<User> {
      return this.update(id, { status_ativo: false }, actorId);
    },

    /** A successful login: one UPDATE; the cached copy is dropped so /me shows it at once. */
    async recordLogin(id: string): Promise<void> {
      await repo.recordLogin(db, id, Date.now());
      cache.delete(id);
    },

    findRowByEmail: (email: string) => repo.findUserByEmail(db, email),
    /** Seed 002 logs in with `username`, which may be the login name or the e-mail. */
    findRowByLogin: (login: string) => repo.findUserByLogin(db, login),
    findRowById: (id: string) => repo.findUserById(db, id),
    count: () => repo.countUsers(db),
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
