import type { Kysely, Transaction } from 'kysely';
import type { CoreDb } from '../db/db.js';
import type { CoreTables } from '../db/tables.js';
import type { AuthzTables } from './authz.tables.js';

export type AuthzDb = Kysely<CoreTables & AuthzTables>;
type Executor = AuthzDb | Transaction<CoreTables & AuthzTables>;

export const authzDb = (db: CoreDb): AuthzDb => db.withTables<AuthzTables>();

export interface PermissionRow {
  id: number;
  app_label: string;
  codename: string;
  model: string;
  name: string;
}

export interface GroupRow {
  id: number;
  name: string;
  permissions: number[];
}

/** What the guard checks: `app_label.codename` of every permission of the user's groups. */
export async function groupPermissionsOf(db: CoreDb, userId: string): Promise<string[]> {
  const rows = await authzDb(db)
    .selectFrom('auth_user_groups as ug')
    .innerJoin('auth_group_permissions as gp', 'gp.group_id', 'ug.group_id')
    .innerJoin('auth_permissions as p', 'p.id', 'gp.permission_id')
    .select(['p.app_label', 'p.codename'])
    .where('ug.user_id', '=', userId)
    .execute();
  return rows.map((row) => `${row.app_label}.${row.codename}`);
}

export async function listPermissions(db: Executor): Promise<PermissionRow[]> {
  const rows = await db.selectFrom('auth_permissions').selectAll().orderBy('app_label').orderBy('model').orderBy('codename').execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function insertPermissions(db: Executor, rows: Omit<PermissionRow, 'id'>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('auth_permissions')
    .values(rows)
    .onConflict((oc) => oc.columns(['app_label', 'codename']).doNothing())
    .execute();
}

export async function existingPermissionIds(db: Executor, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('auth_permissions').select('id').where('id', 'in', [...ids]).execute();
  return rows.map((row) => Number(row.id));
}

async function withPermissions(db: Executor, groups: { id: number; name: string }[]): Promise<GroupRow[]> {
  if (groups.length === 0) return [];
  const links = await db
    .selectFrom('auth_group_permissions')
    .select(['group_id', 'permission_id'])
    .where('group_id', 'in', groups.map((g) => g.id))
    .orderBy('permission_id')
    .execute();
  return groups.map((group) => ({
    id: Number(group.id),
    name: group.name,
    permissions: links.filter((l) => Number(l.group_id) === Number(group.id)).map((l) => Number(l.permission_id)),
  }));
}

export async function listGroups(db: Executor): Promise<GroupRow[]> {
  return withPermissions(db, await db.selectFrom('auth_groups').select(['id', 'name']).orderBy('name').execute());
}

export async function findGroup(db: Executor, id: number): Promise<GroupRow | undefined> {
  const row = await db.selectFrom('auth_groups').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  return row && (await withPermissions(db, [row]))[0];
}

export function findGroupByName(db: Executor, name: string) {
  return db.selectFrom('auth_groups').select('id').where('name', '=', name).executeTakeFirst();
}

export async function insertGroup(db: Executor, name: string): Promise<number> {
  await db.insertInto('auth_groups').values({ name }).execute();
  const row = await db.selectFrom('auth_groups').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function renameGroup(db: Executor, id: number, name: string): Promise<void> {
  await db.updateTable('auth_groups').set({ name }).where('id', '=', id).execute();
}

export async function setGroupPermissions(db: Executor, id: number, permissionIds: readonly number[]): Promise<void> {
  await db.deleteFrom('auth_group_permissions').where('group_id', '=', id).execute();
  if (permissionIds.length === 0) return;
  await db.insertInto('auth_group_permissions').values(permissionIds.map((permission_id) => ({ group_id: id, permission_id }))).execute();
}

export async function deleteGroup(db: Executor, id: number): Promise<boolean> {
  await db.deleteFrom('auth_group_permissions').where('group_id', '=', id).execute();
  await db.deleteFrom('auth_user_groups').where('group_id', '=', id).execute();
  const result = await db.deleteFrom('auth_groups').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function groupsOfUser(db: Executor, userId: string): Promise<GroupRow[]> {
  const rows = await db
    .selectFrom('auth_groups as g')
    .innerJoin('auth_user_groups as ug', 'ug.group_id', 'g.id')
    .select(['g.id', 'g.name'])
    .where('ug.user_id', '=', userId)
    .orderBy('g.name')
    .execute();
  return withPermissions(db, rows);
}

/** Replaces the user's groups with those of `groupIds` that exist (Django's `set()` ignores the rest). */
export async function setUserGroups(db: Executor, userId: string, groupIds: readonly number[]): Promise<void> {
  await db.deleteFrom('auth_user_groups').where('user_id', '=', userId).execute();
  if (groupIds.length === 0) return;
  const existing = await db.selectFrom('auth_groups').select('id').where('id', 'in', [...new Set(groupIds)]).execute();
  if (existing.length === 0) return;
  await db.insertInto('auth_user_groups').values(existing.map((g) => ({ user_id: userId, group_id: Number(g.id) }))).execute();
}
