import type { Kysely, Migration } from 'kysely';
import { withSerialId } from '../schema-helpers.js';

// Frozen in time: migrations never import application code.
export const coreMigrations: Record<string, Migration> = {
  '20261123_0001_core_auth': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('nome_completo', 'varchar(200)', (c) => c.notNull())
        .addColumn('email', 'varchar(254)', (c) => c.notNull())
        .addColumn('telefone', 'varchar(32)')
        .addColumn('perfil', 'varchar(20)', (c) => c.notNull())
        .addColumn('status_ativo', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('permissions', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // E-mails are stored lower-cased, so a plain unique index makes them case-insensitive.
      await db.schema.createIndex('users_email_uq').on('users').column('email').unique().execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .execute();

      await db.schema
        .createTable('auth_refresh_denylist')
        .addColumn('jti', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();

      await withSerialId(db, db.schema.createTable('audit_log'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('user_id', 'varchar(36)')
        .addColumn('action', 'varchar(100)', (c) => c.notNull())
        .addColumn('target', 'varchar(200)')
        .addColumn('details', 'text')
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['audit_log', 'auth_refresh_denylist', 'api_tokens', 'users']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};
