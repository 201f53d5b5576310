import { sql, type Kysely, type Migration } from 'kysely';
import { withSerialId } from '../db/schema-helpers.js';

// Frozen in time: migrations never import application code.
export const jobsMigrations: Record<string, Migration> = {
  '20261123_0100_core_jobs': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(100)', (c) => c.notNull())
        .addColumn('status', 'varchar(12)', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('error_message', 'text')
        .addColumn('error_category', 'varchar(50)')
        .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('group_key', 'varchar(200)')
        .addColumn('idempotency_key', 'varchar(500)')
        .addColumn('run_at', 'bigint', (c) => c.notNull())
        .addColumn('lease_expires_at', 'bigint')
        .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('completed_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // Indexes are partial where they can be, so an enqueue writes only the table and the claim index.
      // Claim order: a kind's pending jobs by priority, then id (UUIDv7, so creation order).
      await db.schema
        .createIndex('jobs_claim_idx')
        .on('jobs')
        .columns(['kind', 'priority desc', 'id'])
        .where(sql.ref('status'), '=', sql.lit('PENDING'))
        .execute();
      // One unfinished job per idempotency key, enforced by the database under concurrent enqueues.
      await db.schema
        .createIndex('jobs_idempotency_uq')
        .on('jobs')
        .column('idempotency_key')
        .unique()
        .where(sql.ref('status'), 'in', sql`('PENDING', 'RUNNING')`)
        .execute();
      // At most one running job per concurrency group, whatever the claiming code does.
      await db.schema
        .createIndex('jobs_running_group_uq')
        .on('jobs')
        .column('group_key')
        .unique()
        .where(sql.ref('status'), '=', sql.lit('RUNNING'))
        .execute();
      await db.schema
        .createIndex('jobs_lease_idx')
        .on('jobs')
        .column('lease_expires_at')
        .where(sql.ref('status'), '=', sql.lit('RUNNING'))
        .execute();
      await db.schema
        .createIndex('jobs_completed_idx')
        .on('jobs')
        .column('completed_at')
        .where(sql.ref('completed_at'), 'is not', null)
        .execute();

      await withSerialId(db, db.schema.createTable('job_logs'))
        .addColumn('job_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('level', 'varchar(10)', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('job_logs_job_idx').on('job_logs').columns(['job_id', 'id']).execute();

      await withSerialId(db, db.schema.createTable('job_events'))
        .addColumn('job_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('kind', 'varchar(100)', (c) => c.notNull())
        .addColumn('type', 'varchar(10)', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('job_events_job_idx').on('job_events').columns(['job_id', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['job_events', 'job_logs', 'jobs']) await db.schema.dropTable(table).execute();
    },
  },
};
