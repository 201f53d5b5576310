import { CompiledQuery, type Insertable } from 'kysely';
import { batched, fulfilled } from '../db/batched.js';
import type { Dialect } from '../db/db.js';
import { appendEvents, statusEvent, type NewJobEvent } from './job-events.repository.js';
import {
  claimRows,
  fencedTransition,
  fencedTransitionMany,
  insertColumns,
  insertJob,
  type CompiledInserts,
  type Changed,
  type Fence,
  type JobUpdate,
} from './jobs.repository.js';
import type { JobLogsTable, JobRow, JobsDb } from './jobs.tables.js';

/** Inserts plain enqueues (no key, no caller transaction): one row alone, or many in one statement. */
export function createInsertBatcher(db: JobsDb, singleInsert: string): (row: JobRow) => Promise<void> {
  const insert = batched<JobRow, void>(
    async (rows) => {
      if (rows.length === 1) await db.executeQuery(CompiledQuery.raw(singleInsert, insertColumns(rows[0])));
      else await db.insertInto('jobs').values(rows).execute();
      return rows.map(() => fulfilled(undefined));
    },
    // A multi-row INSERT keeps well under SQLite's 32,766 bound parameters (20 per row).
    // A tick, not a microtask: requests parsed in the same turn of the event loop share the commit.
    { max: 500, wait: 'tick' },
  );
  return insert;
}

/**
 * Inserts keyed enqueues (idempotency key, no caller transaction) many to one statement; each
 * learns whether it took the key. Rows of one batch that share a key: the first takes it.
 */
export function createKeyedInsertBatcher(db: JobsDb, inserts: Pick<CompiledInserts, 'keyed' | 'keyedMany'>): (row: JobRow) => Promise<boolean> {
  return batched<JobRow, boolean>(
    async (rows) => {
      if (rows.length === 1) return [fulfilled(await insertJob(db, inserts.keyed, rows[0]!))];
      // One statement, not a transaction around several: no write lock held across an await.
      const taken = await db.executeQuery<{ id: string }>(CompiledQuery.raw(inserts.keyedMany(rows.length), rows.flatMap(insertColumns)));
      const ids = new Set(taken.rows.map((row) => row.id));
      return rows.map((row) => fulfilled(ids.has(row.id)));
    },
    // A tick, not a microtask: requests parsed in the same turn of the event loop share the commit.
    { max: 500, wait: 'tick' },
  );
}

export interface FencedWrite {
  fence: Fence;
  set: JobUpdate;
  events: (row: JobRow) => NewJobEvent[];
  /** A line of the job's log, kept only if the fence holds. */
  log?: Insertable<JobLogsTable>;
}

export interface JobWriter {
  /** A fenced state write of a running job (progress, log, final status); `undefined` if the attempt lost the row. */
  write(write: FencedWrite): Promise<Changed | undefined>;
  /** Claims up to `limit` due jobs of `kind`, after the writes of the same batch (whose slots they may take). */
  claim(kind: string, limit: number): Promise<Changed[]>;
}

type Operation = { write: FencedWrite } | { claim: { kind: string; limit: number } };
type Outcome = Changed | undefined | Changed[];
interface Part {
  row: JobRow;
  events: NewJobEvent[];
}

/**
 * Fenced state writes of many running jobs, and the claims that fill the slots they free, in one
 * transaction with their log lines and events in one INSERT each: a finished job and its successor
 * share a commit. If the batch fails, each operation is retried alone so one bad write cannot sink
 * the others.
 */
export function createJobWriter(db: JobsDb, dialect: Dialect, options: { now(): number; leaseMs: number }): JobWriter {
  async function writeAll(trx: JobsDb, operations: Operation[]): Promise<Outcome[]> {
    const parts: (Part[] | undefined)[] = new Array(operations.length);
    const logs: Insertable<JobLogsTable>[] = [];
    const writeOf = (i: number) => (operations[i] as { write: FencedWrite }).write;
    const settle = (i: number, row: JobRow | undefined) => {
      const write = writeOf(i);
      parts[i] = row && [{ row, events: write.events(row) }];
      if (row && write.log) logs[i] = write.log;
    };
    // A row's plain writes (log lines, progress, most completions) merge into one SET in call order,
    // and rows whose merged SETs are equal share one UPDATE. A write that cannot merge (SQL
    // expressions) first applies what is pending for its row, so every row's writes keep call order.
    let pending = new Map<string, { fence: Fence; set: JobUpdate; indexes: number[] }>();
    async function applyGroups(): Promise<void> {
      const groups = new Map<string, { fence: Fence; set: JobUpdate; indexes: number[] }[]>();
      for (const entry of pending.values()) {
        const key = plainKey(entry.set)!;
        groups.set(key, [...(groups.get(key) ?? []), entry]);
      }
      pending = new Map();
      for (const entries of groups.values()) {
        const updated = await fencedTransitionMany(trx, entries.map((e) => e.fence), entries[0]!.set);
        const byId = new Map(updated.map((row) => [row.id, row]));
        for (const entry of entries) for (const i of entry.indexes) settle(i, byId.get(entry.fence.id));
      }
    }
    const claims = new Map<string, number[]>();
    for (const [i, operation] of operations.entries()) {
      if ('claim' in operation) {
        claims.set(operation.claim.kind, [...(claims.get(operation.claim.kind) ?? []), i]);
        continue;
      }
      const { fence, set } = operation.write;
      const entry = pending.get(fence.id);
      const plain = plainKey(set) !== undefined;
      if (entry && plain && entry.fence.attempt === fence.attempt) {
        entry.set = { ...entry.set, ...set };
        entry.indexes.push(i);
        continue;
      }
      if (entry) await applyGroups();
      if (plain) pending.set(fence.id, { fence, set, indexes: [i] });
      else settle(i, await fencedTransition(trx, fence, set));
    }
    await applyGroups();
    const lines = logs.filter((line) => line !== undefined);
    if (lines.length > 0) await trx.insertInto('job_logs').values(lines).execute();
    // One claim per kind for the whole batch, its rows handed out in request order.
    const now = options.now();
    for (const [kind, indexes] of claims) {
      const limits = indexes.map((i) => (operations[i] as { claim: { limit: number } }).claim.limit);
      const rows = await claimRows(trx, dialect, { kind, limit: limits.reduce((a, b) => a + b, 0) }, now, options.leaseMs);
      let next = 0;
      indexes.forEach((i, n) => {
        parts[i] = rows.slice(next, (next += limits[n])).map((row) => ({ row, events: [statusEvent(row, now)] }));
      });
    }
    // Events come back in insertion order, which is the order of `operations`.
    const events = await appendEvents(trx, dialect, parts.flatMap((p) => p ?? []).flatMap((p) => p.events));
    let next = 0;
    const changed = (part: Part): Changed => ({ row: part.row, events: events.slice(next, (next += part.events.length)) });
    return operations.map((operation, i) => {
      const done = parts[i]?.map(changed);
      return 'claim' in operation ? (done ?? []) : done?.[0];
    });
  }

  const run = batched<Operation, Outcome>(
    async (operations) => {
      try {
        return (await db.transaction().execute((trx) => writeAll(trx, operations))).map(fulfilled);
      } catch (error) {
        if (operations.length === 1) throw error;
        const alone = (operation: Operation) => db.transaction().execute(async (trx) => (await writeAll(trx, [operation]))[0]);
        const results: PromiseSettledResult<Outcome>[] = [];
        for (const operation of operations) results.push(...(await Promise.allSettled([alone(operation)])));
        return results;
      }
    },
    { max: 200, wait: 'tick' },
  );
  return {
    write: (write) => run({ write }) as Promise<Changed | undefined>,
    claim: (kind, limit) => run({ claim: { kind, limit } }) as Promise<Changed[]>,
  };
}

function plainKey(set: JobUpdate): string | undefined {
  const values = Object.values(set);
  return values.every((v) => v === null || typeof v !== 'object') ? JSON.stringify(set) : undefined;
}
