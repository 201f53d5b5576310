import type { Kysely, Migration } from 'kysely';

// Frozen in time: migrations never import application code.
export const usersLastLoginMigrations: Record<string, Migration> = {
  '20261129_0002_core_users_last_login': {
    async up(db: Kysely<any>) {
      // Epoch milliseconds like the other timestamps of `users`; null until the first login.
      await db.schema.alterTable('users').addColumn('last_login', 'bigint').execute();
    },
  },
};
