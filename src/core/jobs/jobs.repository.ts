import { CompiledQuery, sql, type UpdateObject, type Updateable } from 'kysely';
import type { Dialect } from '../db/db.js';
import { appendEvents, statusEvent } from './job-events.repository.js';
import type { JobEvent, JobRow, JobsDb, JobsTable, JobStatus, JobTables } from './jobs.tables.js';

export type JobUpdate = UpdateObject<JobTables, 'jobs'>;

/** A running attempt: every write it makes must still own the row. */
export interface Fence {
  id: string;
  attempt: number;
}

export interface Changed {
  row: JobRow;
  events: JobEvent[];
}

const COLUMNS = [
  'id', 'kind', 'status', 'progress', 'payload', 'result', 'error_message', 'error_category', 'attempt',
  'max_attempts', 'priority', 'group_key', 'idempotency_key', 'run_at', 'lease_expires_at', 'cancel_requested',
  'created_at', 'started_at', 'completed_at', 'updated_at',
] as const satisfies readonly (keyof JobsTable)[];

/**
 * Enqueue is the hot path: its INSERTs are compiled once per database (and per batch size) and then
 * executed with new parameters, skipping the query builder. The keyed form does nothing when an
 * unfinished job holds the key (the partial unique index arbitrates concurrent enqueues).
 */
export interface CompiledInserts {
  plain: string;
  keyed: string;
  /** The keyed INSERT of `rows` rows, returning the ids it inserted. */
  keyedMany(rows: number): string;
}

export function compileInserts(db: JobsDb): CompiledInserts {
  const sample = Object.fromEntries(COLUMNS.map((c) => [c, null])) as unknown as JobsTable;
  const keyedInsert = (rows: number) =>
    db
      .insertInto('jobs')
      .values(Array.from({ length: rows }, () => sample))
      .onConflict((oc) => oc.column('idempotency_key').where(sql<boolean>`status in ('PENDING', 'RUNNING')`).doNothing());
  const keyedMany = new Map<number, string>();
  return {
    plain: db.insertInto('jobs').values(sample).compile().sql,
    keyed: keyedInsert(1).compile().sql,
    keyedMany(rows) {
      let statement = keyedMany.get(rows);
      if (statement === undefined) {
        statement = keyedInsert(rows).returning('id').compile().sql;
        keyedMany.set(rows, statement);
      }
      return statement;
    },
  };
}

export function insertColumns(row: JobRow): unknown[] {
  return COLUMNS.map((c) => row[c]);
}

export async function insertJob(executor: JobsDb, statement: string, row: JobRow): Promise<boolean> {
  const result = await executor.executeQuery(CompiledQuery.raw(statement, insertColumns(row)));
  return Number(result.numAffectedRows ?? 0) > 0;
}

export async function findUnfinishedByKey(executor: JobsDb, key: string): Promise<JobRow | undefined> {
  return executor
    .selectFrom('jobs')
    .selectAll()
    .where('idempotency_key', '=', key)
    .where(sql<boolean>`status in ('PENDING', 'RUNNING')`)
    .executeTakeFirst();
}

export type ClaimTarget = { kind: string; limit: number } | { id: string };

/** `claimRows` in a transaction of its own, with the RUNNING events appended. */
export async function claimJobs(
  db: JobsDb,
  dialect: Dialect,
  target: ClaimTarget,
  now: number,
  leaseMs: number,
): Promise<Changed[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await claimRows(trx, dialect, target, now, leaseMs);
    const events = await appendEvents(trx, dialect, rows.map((row) => statusEvent(row, now)));
    return rows.map((row) => ({ row, events: events.filter((e) => e.job_id === row.id) }));
  });
}

/**
 * Moves claimable jobs to RUNNING with a lease, inside the caller's transaction: the kind's (or the
 * one id's) PENDING jobs that are due, in priority then creation order, at most one per concurrency
 * group and none whose group already runs. SQLite serializes writers (BEGIN IMMEDIATE); on PostgreSQL
 * the candidates are locked with SKIP LOCKED and each group is taken under a transaction advisory lock.
 */
export async function claimRows(trx: JobsDb, dialect: Dialect, target: ClaimTarget, now: number, leaseMs: number): Promise<JobRow[]> {
  const limit = 'id' in target ? 1 : target.limit;
  const candidates = await trx
    .selectFrom('jobs')
    .select(['id', 'group_key'])
    .$if('id' in target, (q) => q.where('id', '=', (target as { id: string }).id))
    .$if('kind' in target, (q) => q.where('kind', '=', (target as { kind: string }).kind))
    .where('status', '=', sql.lit('PENDING'))
    .where('run_at', '<=', now)
    .where((eb) =>
      eb.or([
        eb('group_key', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('jobs as running')
              .select(sql.lit(1).as('one'))
              .whereRef('running.group_key', '=', 'jobs.group_key')
              .where('running.status', '=', sql.lit('RUNNING')),
          ),
        ),
      ]),
    )
    .orderBy('priority', 'desc')
    .orderBy('id')
    .limit(limit * 2 + 8)
    .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked())
    .execute();
  const ids: string[] = [];
  const groups = new Set<string>();
  for (const candidate of candidates) {
    if (ids.length >= limit) break;
    const group = candidate.group_key;
    if (group !== null) {
      if (groups.has(group)) continue;
      groups.add(group);
      if (dialect === 'postgres' && !(await lockIdleGroup(trx, group))) continue;
    }
    ids.push(candidate.id);
  }
  if (ids.length === 0) return [];
  const rows = await trx
    .updateTable('jobs')
    .set((eb) => ({
      status: 'RUNNING',
      attempt: eb('attempt', '+', 1),
      started_at: now,
      lease_expires_at: now + leaseMs,
      updated_at: now,
    }))
    .where('id', 'in', ids)
    .where('status', '=', sql.lit('PENDING'))
    .returningAll()
    .execute();
  return rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
}

/** A plain read: lets an idle poll skip the claim transaction and its write lock. */
export async function hasDueJob(db: JobsDb, kind: string, now: number): Promise<boolean> {
  const due = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where('status', '=', sql.lit('PENDING'))
    .where('run_at', '<=', now)
    .limit(1)
    .executeTakeFirst();
  return due !== undefined;
}

// Another claimer may have started this group after our snapshot; the lock serializes claimers of
// one group, and the re-read (a new statement under READ COMMITTED) sees what they committed.
async function lockIdleGroup(trx: JobsDb, group: string): Promise<boolean> {
  const key = `job-group:${group}`;
  const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${key})) as ok`.execute(trx);
  if (!locked.rows[0]?.ok) return false;
  const busy = await trx
    .selectFrom('jobs')
    .select('id')
    .where('group_key', '=', group)
    .where('status', '=', sql.lit('RUNNING'))
    .executeTakeFirst();
  return busy === undefined;
}

/**
 * Applies `set` only if the attempt still owns the RUNNING row (`WHERE id = ? AND attempt = ?`);
 * a zombie runner gets `undefined` and nothing is written.
 */
export async function fencedTransition(executor: JobsDb, fence: Fence, set: JobUpdate): Promise<JobRow | undefined> {
  return executor
    .updateTable('jobs')
    .set(set)
    .where('id', '=', fence.id)
    .where('attempt', '=', fence.attempt)
    .where('status', '=', sql.lit('RUNNING'))
    .returningAll()
    .executeTakeFirst();
}

/** `fencedTransition` for many attempts that get the same `set`, in one statement. */
export async function fencedTransitionMany(executor: JobsDb, fences: Fence[], set: JobUpdate): Promise<JobRow[]> {
  return executor
    .updateTable('jobs')
    .set(set)
    .where('id', 'in', fences.map((f) => f.id))
    .where((eb) => eb(eb.refTuple('id', 'attempt'), 'in', fences.map((f) => eb.tuple(f.id, f.attempt))))
    .where('status', '=', sql.lit('RUNNING'))
    .returningAll()
    .execute();
}

/** A job going back to PENDING; a cancel requested meanwhile turns it CANCELLED instead. */
export function backToPending(now: number): JobUpdate {
  return {
    status: sql<JobStatus>`case when cancel_requested = 1 then 'CANCELLED' else 'PENDING' end`,
    completed_at: sql<number | null>`case when cancel_requested = 1 then cast(${now} as bigint) else null end`,
    lease_expires_at: null,
    updated_at: now,
  };
}

/** Extends the leases of running attempts; says which were lost and which must stop for a cancel. */
export async function renewLeases(
  db: JobsDb,
  fences: Fence[],
  leaseUntil: number,
  now: number,
): Promise<{ lost: Fence[]; cancel: Fence[] }> {
  const lost: Fence[] = [];
  const cancel: Fence[] = [];
  for (const fence of fences) {
    const row = await db
      .updateTable('jobs')
      .set({ lease_expires_at: leaseUntil, updated_at: now })
      .where('id', '=', fence.id)
      .where('attempt', '=', fence.attempt)
      .where('status', '=', sql.lit('RUNNING'))
      .returning('cancel_requested')
      .executeTakeFirst();
    if (!row) lost.push(fence);
    else if (row.cancel_requested === 1) cancel.push(fence);
  }
  return { lost, cancel };
}

/** PENDING → CANCELLED at once; RUNNING → cancel requested (the runner aborts, then finishes it). */
export async function requestCancel(db: JobsDb, dialect: Dialect, id: string, now: number): Promise<Changed | undefined> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id)
      .$if(dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!current) return undefined;
    const finished = current.status !== 'PENDING' && current.status !== 'RUNNING';
    if (finished || current.cancel_requested === 1) return { row: current, events: [] };
    const set: Updateable<JobsTable> =
      current.status === 'PENDING'
        ? { status: 'CANCELLED', cancel_requested: 1, completed_at: now, updated_at: now }
        : { cancel_requested: 1, updated_at: now };
    const row = await trx.updateTable('jobs').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const extra = row.status === 'RUNNING' ? { cancel_requested: true } : {};
    return { row, events: await appendEvents(trx, dialect, [statusEvent(row, now, extra)]) };
  });
}

const LEASE_EXPIRED = 'Execução interrompida: o processo que a executava parou de responder';

/**
 * Returns RUNNING jobs whose lease expired (or, with `everyRunning`, all RUNNING jobs: a single
 * embedded process at start owns none of them) to PENDING, or to FAILED when out of attempts.
 */
export async function reapExpired(db: JobsDb, dialect: Dialect, now: number, everyRunning: boolean): Promise<JobEvent[]> {
  return db.transaction().execute(async (trx) => {
    const expired = await trx
      .selectFrom('jobs')
      .select(['id', 'attempt', 'max_attempts'])
      .where('status', '=', sql.lit('RUNNING'))
      .$if(!everyRunning, (q) => q.where('lease_expires_at', '<', now))
      .limit(500)
      .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked())
      .execute();
    const changed: JobRow[] = [];
    for (const job of expired) {
      const retry = job.attempt < job.max_attempts;
      const row = await trx
        .updateTable('jobs')
        .set({
          ...(retry ? backToPending(now) : { status: 'FAILED', completed_at: now, lease_expires_at: null, updated_at: now }),
          run_at: now,
          error_message: LEASE_EXPIRED,
          error_category: 'lease_expired',
        })
        .where('id', '=', job.id)
        .where('attempt', '=', job.attempt)
        .where('status', '=', sql.lit('RUNNING'))
        .returningAll()
        .executeTakeFirst();
      if (row) changed.push(row);
    }
    return appendEvents(trx, dialect, changed.map((row) => statusEvent(row, now)));
  });
}
