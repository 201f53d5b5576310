import { CompiledQuery } from 'kysely';
import type { Dialect } from '../db/db.js';
import { appendEvents, type NewJobEvent } from './job-events.repository.js';
import {
  fencedTransition,
  fencedTransitionMany,
  insertColumns,
  type Changed,
  type Fence,
  type JobUpdate,
} from './jobs.repository.js';
import type { JobRow, JobsDb } from './jobs.tables.js';

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: calls made while a flush is running (or within one tick) are written together by
 * the next flush, so many jobs share one commit. Flushes run one at a time, in call order.
 */
function batched<T, R>(
  flush: (items: T[]) => Promise<PromiseSettledResult<R>[]>,
  options: { max: number; wait: 'microtask' | 'tick' },
): (item: T) => Promise<R> {
  let queue: Waiting<T, R>[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, options.max);
      queue = queue.slice(batch.length);
      try {
        const results = await flush(batch.map((w) => w.item));
        batch.forEach((w, i) => {
          const result = results[i];
          if (result.status === 'fulfilled') w.resolve(result.value);
          else w.reject(result.reason);
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    // Set in the same synchronous step as the last emptiness check: no call can slip between.
    running = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // One drain is scheduled or running already; it will take this item.
      if (running || queue.length > 1) return;
      if (options.wait === 'microtask') queueMicrotask(() => void drain());
      else setImmediate(() => void drain());
    });
}

const fulfilled = <R>(value: R): PromiseSettledResult<R> => ({ status: 'fulfilled', value });

/** Inserts plain enqueues (no key, no caller transaction): one row alone, or many in one statement. */
export function createInsertBatcher(db: JobsDb, singleInsert: string): (row: JobRow) => Promise<void> {
  const insert = batched<JobRow, void>(
    async (rows) => {
      if (rows.length === 1) await db.executeQuery(CompiledQuery.raw(singleInsert, insertColumns(rows[0])));
      else await db.insertInto('jobs').values(rows).execute();
      return rows.map(() => fulfilled(undefined));
    },
    // A multi-row INSERT keeps well under SQLite's 32,766 bound parameters (20 per row).
    { max: 500, wait: 'microtask' },
  );
  return insert;
}

export interface FencedWrite {
  fence: Fence;
  set: JobUpdate;
  events: (row: JobRow) => NewJobEvent[];
  also?: (trx: JobsDb) => Promise<unknown>;
}

/**
 * Fenced state writes of many running jobs (progress, logs, final status) in one transaction, with
 * their events in one INSERT. If the batch fails, each write is retried alone so one bad write
 * cannot sink the others.
 */
export function createFencedWriter(db: JobsDb, dialect: Dialect): (write: FencedWrite) => Promise<Changed | undefined> {
  async function writeAll(trx: JobsDb, writes: FencedWrite[]): Promise<(Changed | undefined)[]> {
    const rows: (JobRow | undefined)[] = new Array(writes.length);
    // Writes with the same plain values (most completions, many progress updates) share one UPDATE.
    const groups = new Map<string, number[]>();
    for (const [i, write] of writes.entries()) {
      const key = write.also ? undefined : plainKey(write.set);
      if (key === undefined) {
        rows[i] = await fencedTransition(trx, write.fence, write.set);
        if (rows[i]) await write.also?.(trx);
      } else {
        groups.set(key, [...(groups.get(key) ?? []), i]);
      }
    }
    for (const indexes of groups.values()) {
      const updated = await fencedTransitionMany(trx, indexes.map((i) => writes[i].fence), writes[indexes[0]].set);
      const byId = new Map(updated.map((row) => [row.id, row]));
      for (const i of indexes) rows[i] = byId.get(writes[i].fence.id);
    }
    const pending = rows.map((row, i) => (row ? writes[i].events(row) : []));
    // Events come back in insertion order, which is the order of `writes`.
    const events = await appendEvents(trx, dialect, pending.flat());
    let next = 0;
    return rows.map((row, i) => {
      const mine = events.slice(next, next + pending[i].length);
      next += pending[i].length;
      return row && { row, events: mine };
    });
  }

  return batched<FencedWrite, Changed | undefined>(
    async (writes) => {
      try {
        return (await db.transaction().execute((trx) => writeAll(trx, writes))).map(fulfilled);
      } catch (error) {
        if (writes.length === 1) throw error;
        const alone = (write: FencedWrite) => db.transaction().execute(async (trx) => (await writeAll(trx, [write]))[0]);
        const results: PromiseSettledResult<Changed | undefined>[] = [];
        for (const write of writes) results.push(...(await Promise.allSettled([alone(write)])));
        return results;
      }
    },
    { max: 200, wait: 'tick' },
  );
}

function plainKey(set: JobUpdate): string | undefined {
  const values = Object.values(set);
  return values.every((v) => v === null || typeof v !== 'object') ? JSON.stringify(set) : undefined;
}
