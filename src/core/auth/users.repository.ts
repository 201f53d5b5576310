import type { Executor } from '../db/db.js';
import { isPostgres } from '../db/schema-helpers.js';
import type { UsersTable } from '../db/tables.js';

export type UserRow = UsersTable;
export type Perfil = UsersTable['perfil'];

export function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** By login name (as typed) or e-mail (case-insensitive); a login name never equals another user's e-mail. */
export function findUserByLogin(db: Executor, login: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', login), eb('email', '=', login.toLowerCase())]))
    .orderBy('email')
    .executeTakeFirst();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Locked on PostgreSQL (an aggregate cannot be): two administrators demoting each other at the same
 * time are then serialized, and the second sees only one left. SQLite serializes writers already.
 */
export async function countActiveAdmins(db: Executor): Promise<number> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('perfil', '=', 'ADMINISTRADOR')
    .where('status_ativo', '=', 1)
    .$if(isPostgres(db), (q) => q.forUpdate())
    .execute();
  return rows.length;
}

export function listUsers(db: Executor, limit: number, offset: number): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('nome_completo').orderBy('id').limit(limit).offset(offset).execute();
}

export async function insertUser(db: Executor, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Executor, id: string, changes: Partial<UserRow>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** One UPDATE per successful login; nothing else of the row changes (not even `updated_at`). */
export async function recordLogin(db: Executor, id: string, at: number): Promise<void> {
  await db.updateTable('users').set({ last_login: at }).where('id', '=', id).execute();
}
