import type { CoreDb } from '../db/db.js';
import { AppError, notFound } from '../http/errors.js';
import * as repo from './authz.repository.js';
import type { GroupRow, PermissionRow } from './authz.repository.js';
import type { UsersService } from './users.service.js';

export type { GroupRow, PermissionRow } from './authz.repository.js';

const groupNotFound = () => notFound('Grupo não encontrado.');
const invalid = (field: string, msg: string) => new AppError(400, msg, { issues: [{ loc: ['body', field], msg, type: 'invalid' }] });

/**
 * Permission groups (seed 002's Django groups). A user's permissions are their own plus their groups';
 * every change drops the users cache, so the guard applies it to the next request of this process
 * (other processes within the cache's 2 s).
 */
export function createAuthzService(deps: { db: CoreDb; users: UsersService }) {
  const db = repo.authzDb(deps.db);
  const { users } = deps;

  async function checkPermissions(ids: readonly number[] | undefined): Promise<number[] | undefined> {
    if (ids === undefined) return undefined;
    const unique = [...new Set(ids)];
    const found = await repo.existingPermissionIds(db, unique);
    if (found.length !== unique.length) throw invalid('permissions', 'Permissão inválida.');
    return unique;
  }

  async function checkName(name: string | undefined, exceptId?: number): Promise<string | undefined> {
    if (name === undefined) return undefined;
    const trimmed = name.trim();
    if (!trimmed) throw invalid('name', 'Este campo não pode ser em branco.');
    const other = await repo.findGroupByName(db, trimmed);
    if (other && Number(other.id) !== exceptId) throw invalid('name', 'Já existe um grupo com este nome.');
    return trimmed;
  }

  async function agentExists(userId: string): Promise<void> {
    if (!(await users.findRowById(userId))) throw notFound('Agente não encontrado.');
  }

  return {
    listPermissions: (): Promise<PermissionRow[]> => repo.listPermissions(db),

    /** Adds to the catalogue the permissions routes require (`fiscal.emitir`…) that it lacks. */
    async declarePermissions(perms: Iterable<string>): Promise<void> {
      const rows = [...new Set(perms)].flatMap((perm) => {
        const dot = perm.indexOf('.');
        if (dot <= 0) return [];
        const appLabel = perm.slice(0, dot);
        return [{ app_label: appLabel, codename: perm.slice(dot + 1), model: appLabel, name: perm }];
      });
      await repo.insertPermissions(db, rows);
    },

    listGroups: (): Promise<GroupRow[]> => repo.listGroups(db),

    async getGroup(id: number): Promise<GroupRow> {
      const group = await repo.findGroup(db, id);
      if (!group) throw groupNotFound();
      return group;
    },

    async createGroup(input: { name: string; permissions?: number[] }): Promise<GroupRow> {
      // Checked before the transaction: SQLite has one connection, which the transaction holds.
      const name = (await checkName(input.name))!;
      const permissions = (await checkPermissions(input.permissions)) ?? [];
      const group = await db.transaction().execute(async (trx) => {
        const id = await repo.insertGroup(trx, name);
        await repo.setGroupPermissions(trx, id, permissions);
        return (await repo.findGroup(trx, id))!;
      });
      users.forgetCached();
      return group;
    },

    async updateGroup(id: number, changes: { name?: string; permissions?: number[] }): Promise<GroupRow> {
      if (!(await repo.findGroup(db, id))) throw groupNotFound();
      const name = await checkName(changes.name, id);
      const permissions = await checkPermissions(changes.permissions);
      const group = await db.transaction().execute(async (trx) => {
        if (name !== undefined) await repo.renameGroup(trx, id, name);
        if (permissions !== undefined) await repo.setGroupPermissions(trx, id, permissions);
        return (await repo.findGroup(trx, id))!;
      });
      users.forgetCached();
      return group;
    },

    async deleteGroup(id: number): Promise<void> {
      const deleted = await db.transaction().execute((trx) => repo.deleteGroup(trx, id));
      if (!deleted) throw groupNotFound();
      users.forgetCached();
    },

    async agentGroups(userId: string): Promise<GroupRow[]> {
      await agentExists(userId);
      return repo.groupsOfUser(db, userId);
    },

    async setAgentGroups(userId: string, groupIds: number[]): Promise<GroupRow[]> {
      await agentExists(userId);
      await db.transaction().execute((trx) => repo.setUserGroups(trx, userId, groupIds));
      users.forgetCached();
      return repo.groupsOfUser(db, userId);
    },
  };
}

export type AuthzService = ReturnType<typeof createAuthzService>;
