import type { Executor } from '../db/db.js';
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

export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('perfil', '=', 'ADMINISTRADOR')
    .where('status_ativo', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
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
