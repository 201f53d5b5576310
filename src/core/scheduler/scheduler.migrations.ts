import { sql, type Kysely, type Migration } from 'kysely';

// Frozen in time: migrations never import application code.
export const schedulerMigrations: Record<string, Migration> = {
  '20261123_0101_core_schedules': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('schedules')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('cron', 'varchar(100)', (c) => c.notNull())
        .addColumn('timezone', 'varchar(64)', (c) => c.notNull())
        .addColumn('job_kind', 'varchar(100)', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('overlap', 'varchar(8)', (c) => c.notNull().defaultTo('skip'))
        .addColumn('catch_up', 'varchar(10)', (c) => c.notNull().defaultTo('run_once'))
        .addColumn('last_run_at', 'bigint')
        .addColumn('next_run_at', 'bigint')
        .addColumn('last_job_id', 'varchar(36)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('schedules_name_uq').on('schedules').column('name').unique().execute();
      await db.schema
        .createIndex('schedules_due_idx')
        .on('schedules')
        .column('next_run_at')
        .where(sql.ref('active'), '=', sql.lit(1))
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('schedules').execute();
    },
  },
};
