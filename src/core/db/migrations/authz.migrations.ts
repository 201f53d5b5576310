import type { Kysely, Migration } from 'kysely';
import { withSerialId } from '../schema-helpers.js';

// Frozen in time: the catalogue and the role groups as they were when this migration was written.
// Django's split: `app_label.codename` is what routes require (`core.manage_config_company`).
const PERMISSIONS: [appLabel: string, codename: string, model: string, name: string][] = [
  ['core', 'manage_config_company', 'config', 'Pode gerenciar dados da empresa'],
  ['core', 'manage_config_chat', 'config', 'Pode gerenciar configurações de chat'],
  ['core', 'manage_config_email', 'config', 'Pode gerenciar configurações de e-mail'],
  ['core', 'manage_config_appearance', 'config', 'Pode gerenciar aparência'],
  ['core', 'manage_config_whatsapp', 'config', 'Pode gerenciar WhatsApp'],
  ['core', 'manage_config_documents', 'config', 'Pode gerenciar modelos de documentos'],
  ['accounts', 'manage_auth', 'agent', 'Pode gerenciar grupos e permissões'],
];

const GROUPS: [name: string, codenames: string[]][] = [
  ['Atendente', []],
  ['Supervisor', ['core.manage_config_chat', 'core.manage_config_whatsapp']],
  ['Gerente', PERMISSIONS.map(([appLabel, codename]) => `${appLabel}.${codename}`)],
];

export const authzMigrations: Record<string, Migration> = {
  '20261129_0001_core_authz': {
    async up(db: Kysely<any>) {
      // Users log in by a login name or their e-mail (seed 002); existing users get their e-mail as login name.
      await db.schema.alterTable('users').addColumn('username', 'varchar(254)').execute();
      await db.updateTable('users').set((eb) => ({ username: eb.ref('email') })).execute();
      await db.schema.createIndex('users_username_uq').on('users').column('username').unique().execute();

      await withSerialId(db, db.schema.createTable('auth_permissions'))
        .addColumn('app_label', 'varchar(50)', (c) => c.notNull())
        .addColumn('codename', 'varchar(100)', (c) => c.notNull())
        .addColumn('model', 'varchar(50)', (c) => c.notNull())
        .addColumn('name', 'varchar(255)', (c) => c.notNull())
        .addUniqueConstraint('auth_permissions_uq', ['app_label', 'codename'])
        .execute();
      await withSerialId(db, db.schema.createTable('auth_groups'))
        .addColumn('name', 'varchar(150)', (c) => c.notNull().unique())
        .execute();
      await db.schema
        .createTable('auth_group_permissions')
        .addColumn('group_id', 'integer', (c) => c.notNull().references('auth_groups.id').onDelete('cascade'))
        .addColumn('permission_id', 'integer', (c) => c.notNull().references('auth_permissions.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('auth_group_permissions_pk', ['group_id', 'permission_id'])
        .execute();
      await db.schema
        .createTable('auth_user_groups')
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('group_id', 'integer', (c) => c.notNull().references('auth_groups.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('auth_user_groups_pk', ['user_id', 'group_id'])
        .execute();
      await db.schema.createIndex('auth_user_groups_group_ix').on('auth_user_groups').column('group_id').execute();

      await db
        .insertInto('auth_permissions')
        .values(PERMISSIONS.map(([app_label, codename, model, name]) => ({ app_label, codename, model, name })))
        .execute();
      const ids = new Map<string, number>();
      for (const row of await db.selectFrom('auth_permissions').select(['id', 'app_label', 'codename']).execute()) {
        ids.set(`${row.app_label}.${row.codename}`, Number(row.id));
      }
      for (const [name, codenames] of GROUPS) {
        await db.insertInto('auth_groups').values({ name }).execute();
        const group = await db.selectFrom('auth_groups').select('id').where('name', '=', name).executeTakeFirstOrThrow();
        if (codenames.length === 0) continue;
        await db
          .insertInto('auth_group_permissions')
          .values(codenames.map((codename) => ({ group_id: Number(group.id), permission_id: ids.get(codename) })))
          .execute();
      }
    },
    async down(db: Kysely<any>) {
      for (const table of ['auth_user_groups', 'auth_group_permissions', 'auth_groups', 'auth_permissions']) {
        await db.schema.dropTable(table).execute();
      }
      await db.schema.dropIndex('users_username_uq').execute();
      await db.schema.alterTable('users').dropColumn('username').execute();
    },
  },
};
