import type { Kysely, Migration } from 'kysely';

// Frozen in time: migrations never import application code.
export const rpaMigrations: Record<string, Migration> = {
  '20261124_0200_rpa_finished_jobs': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('rpa_finished_jobs')
        .addColumn('job_id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('status', 'varchar(12)', (c) => c.notNull())
        .addColumn('finished_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rpa_finished_jobs_at_idx').on('rpa_finished_jobs').column('finished_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('rpa_finished_jobs').execute();
    },
  },
};
