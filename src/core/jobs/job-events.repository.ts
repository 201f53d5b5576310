import { sql, type Insertable, type Selectable } from 'kysely';
import type { Dialect } from '../db/db.js';
import { stripSecrets } from './job-secrets.js';
import {
  FINISHED_STATUSES,
  type JobEvent,
  type JobEventsTable,
  type JobLogEntry,
  type JobRecord,
  type JobRow,
  type JobsDb,
  type JobStatus,
} from './jobs.tables.js';

// Any constant works; it only has to be the same in every process of the cluster.
const EVENT_ORDER_LOCK = 7_400_100;

export type NewJobEvent = Omit<Insertable<JobEventsTable>, 'id' | 'data'> & { data: Record<string, unknown> };

/**
 * Appends events; call it last in a transaction. On PostgreSQL, identity values are handed out
 * before commit, so two writers could commit ids out of order and an SSE replay (`id > lastId`)
 * would skip one; a transaction lock held until commit makes id order equal commit order.
 */
export async function appendEvents(trx: JobsDb, dialect: Dialect, events: NewJobEvent[]): Promise<JobEvent[]> {
  if (events.length === 0) return [];
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`.execute(trx);
  const rows = await trx
    .insertInto('job_events')
    .values(events.map((e) => ({ ...e, data: JSON.stringify(e.data) })))
    .returningAll()
    .execute();
  return rows.map(toJobEvent).sort((a, b) => a.id - b.id);
}

function toJobEvent(row: Selectable<JobEventsTable>): JobEvent {
  return { id: row.id, job_id: row.job_id, kind: row.kind, type: row.type, data: JSON.parse(row.data), at: row.at };
}

export function statusEvent(row: JobRow, at: number, extra: Record<string, unknown> = {}): NewJobEvent {
  const data: Record<string, unknown> = { status: row.status, attempt: row.attempt, progress: row.progress, ...extra };
  if (row.error_message !== null) data.error_message = row.error_message;
  if (row.error_category !== null) data.error_category = row.error_category;
  if (row.status === 'PENDING') data.run_at = row.run_at;
  return { job_id: row.id, kind: row.kind, type: 'status', data, at };
}

/** `payload`, when given, is the row's payload already without secrets (a fresh enqueue's). */
export function toJobRecord(row: JobRow, payload?: Record<string, unknown>): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    payload: payload ?? stripSecrets(JSON.parse(row.payload)),
    result: row.result === null ? null : JSON.parse(row.result),
    errorMessage: row.error_message,
    errorCategory: row.error_category,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    priority: row.priority,
    group: row.group_key,
    idempotencyKey: row.idempotency_key,
    runAt: row.run_at,
    cancelRequested: row.cancel_requested === 1,
    createdAt: row.created_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    updatedAt: row.updated_at,
  };
}

export async function findJob(db: JobsDb, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ListFilter {
  kind?: string;
  /** Any of these kinds (a module lists its own jobs in one page); an empty list matches nothing. */
  kinds?: readonly string[];
  status?: JobStatus;
  limit?: number;
  offset?: number;
}

/** Newest first: ids are UUIDv7, so id order is creation order. */
export async function listJobs(db: JobsDb, filter: ListFilter): Promise<{ items: JobRow[]; total: number }> {
  if (filter.kinds?.length === 0) return { items: [], total: 0 };
  const base = db
    .selectFrom('jobs')
    .$if(filter.kind !== undefined, (q) => q.where('kind', '=', filter.kind!))
    .$if(filter.kinds !== undefined, (q) => q.where('kind', 'in', filter.kinds!))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!));
  const [items, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function jobLogs(db: JobsDb, jobId: string): Promise<JobLogEntry[]> {
  return db
    .selectFrom('job_logs')
    .select(['id', 'at', 'level', 'message'])
    .where('job_id', '=', jobId)
    .orderBy('id')
    .execute();
}

export interface EventsFilter {
  jobId?: string;
  kinds?: readonly string[];
  limit?: number;
}

export async function eventsAfter(db: JobsDb, lastId: number, filter: EventsFilter): Promise<JobEvent[]> {
  const rows = await db
    .selectFrom('job_events')
    .selectAll()
    .where('id', '>', lastId)
    .$if(filter.jobId !== undefined, (q) => q.where('job_id', '=', filter.jobId!))
    .$if(filter.kinds !== undefined && filter.kinds.length > 0, (q) => q.where('kind', 'in', filter.kinds!))
    .orderBy('id')
    .limit(filter.limit ?? 500)
    .execute();
  return rows.map(toJobEvent);
}

export type JobCounts = Record<string, { pending: number; running: number }>;

// Status is a literal (not a parameter) in these reads so that both databases use the partial indexes.
export async function countUnfinished(db: JobsDb): Promise<JobCounts> {
  const counts: JobCounts = {};
  for (const status of ['PENDING', 'RUNNING'] as const) {
    const rows = await db
      .selectFrom('jobs')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', sql.lit(status))
      .groupBy('kind')
      .execute();
    for (const row of rows) {
      const entry = (counts[row.kind] ??= { pending: 0, running: 0 });
      entry[status === 'PENDING' ? 'pending' : 'running'] = Number(row.n);
    }
  }
  return counts;
}

/**
 * Deletes finished jobs older than their kind's retention (kinds not given use `fallback`),
 * with their logs and events, in batches so no transaction grows large. Returns how many went.
 */
export async function deleteExpiredJobs(
  db: JobsDb,
  retentionByKind: ReadonlyMap<string, number>,
  fallback: number,
  now: number,
): Promise<number> {
  const kinds = [...retentionByKind.keys()];
  let deleted = 0;
  for (;;) {
    const ids = await db
      .selectFrom('jobs')
      .select('id')
      .where('status', 'in', FINISHED_STATUSES)
      .where((eb) =>
        eb.or([
          ...kinds.map((kind) =>
            eb.and([eb('kind', '=', kind), eb('completed_at', '<', now - retentionByKind.get(kind)!)]),
          ),
          eb.and([
            kinds.length > 0 ? eb('kind', 'not in', kinds) : eb.lit(true),
            eb('completed_at', '<', now - fallback),
          ]),
        ]),
      )
      .limit(500)
      .execute();
    if (ids.length === 0) return deleted;
    const list = ids.map((r) => r.id);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('job_events').where('job_id', 'in', list).execute();
      await trx.deleteFrom('job_logs').where('job_id', 'in', list).execute();
      await trx.deleteFrom('jobs').where('id', 'in', list).execute();
    });
    deleted += list.length;
  }
}

/** PENDING jobs due and untouched since `before`: the BullMQ sweeper re-adds them (a no-op if present). */
export async function listStalePending(db: JobsDb, before: number, limit: number): Promise<JobRow[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('status', '=', sql.lit('PENDING'))
    .where('run_at', '<=', before)
    .where('updated_at', '<=', before)
    .orderBy('priority', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
