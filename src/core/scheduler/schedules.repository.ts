import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { JobTables } from '../jobs/jobs.tables.js';

export interface SchedulesTable {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  job_kind: string;
  /** JSON text. */
  payload: string;
  active: number;
  overlap: 'skip' | 'allow';
  catch_up: 'run_once' | 'skip';
  last_run_at: number | null;
  next_run_at: number | null;
  last_job_id: string | null;
  created_at: number;
  updated_at: number;
}

// Type aliases, not interfaces: Kysely's `withTables` wants an indexable shape.
export type SchedulerTables = JobTables & { schedules: SchedulesTable };
export type SchedulerDb = Kysely<SchedulerTables>;
export type ScheduleRow = Selectable<SchedulesTable>;

export async function insertSchedule(db: SchedulerDb, row: Insertable<SchedulesTable>): Promise<void> {
  await db.insertInto('schedules').values(row).execute();
}

export async function updateSchedule(
  db: SchedulerDb,
  id: string,
  set: Updateable<SchedulesTable>,
): Promise<ScheduleRow | undefined> {
  return db.updateTable('schedules').set(set).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteSchedule(db: SchedulerDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('schedules').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findSchedule(db: SchedulerDb, id: string): Promise<ScheduleRow | undefined> {
  return db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findScheduleByName(db: SchedulerDb, name: string): Promise<ScheduleRow | undefined> {
  return db.selectFrom('schedules').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function listSchedules(db: SchedulerDb): Promise<ScheduleRow[]> {
  return db.selectFrom('schedules').selectAll().orderBy('name').execute();
}

// `active` is a literal, not a parameter, so that both databases use the partial index.
export async function listDue(db: SchedulerDb, now: number): Promise<ScheduleRow[]> {
  return db
    .selectFrom('schedules')
    .selectAll()
    .where('active', '=', sql.lit(1))
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .limit(100)
    .execute();
}

export async function earliestDue(db: SchedulerDb): Promise<number | undefined> {
  const row = await db
    .selectFrom('schedules')
    .select((eb) => eb.fn.min('next_run_at').as('at'))
    .where('active', '=', sql.lit(1))
    .executeTakeFirst();
  return row?.at ?? undefined;
}

/**
 * Moves an active schedule from `slot` to `next`, only if no one did it first: the compare-and-set
 * that makes each slot fire once across every process sharing the database.
 */
export async function advanceSlot(
  trx: SchedulerDb,
  id: string,
  slot: number,
  next: number | null,
  now: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('schedules')
    .set({ next_run_at: next, updated_at: now })
    .where('id', '=', id)
    .where('next_run_at', '=', slot)
    .where('active', '=', sql.lit(1))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordRun(trx: SchedulerDb, id: string, slot: number, jobId: string): Promise<void> {
  await trx.updateTable('schedules').set({ last_run_at: slot, last_job_id: jobId }).where('id', '=', id).execute();
}

export async function isJobUnfinished(trx: SchedulerDb, jobId: string): Promise<boolean> {
  const job = await trx
    .selectFrom('jobs')
    .select('id')
    .where('id', '=', jobId)
    .where(sql<boolean>`status in ('PENDING', 'RUNNING')`)
    .executeTakeFirst();
  return job !== undefined;
}
