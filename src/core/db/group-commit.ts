import type { Kysely, Transaction } from 'kysely';

interface Waiting<DB> {
  work: (trx: Transaction<DB>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export type Transact<DB> = <R>(work: (trx: Transaction<DB>) => Promise<R>) => Promise<R>;

/**
 * Group commit for SQLite: transactions asked for in the same turn of the event loop run one after
 * another inside one database transaction, each in its own savepoint, and share its commit. SQLite
 * has one writer, so they were serialized anyway; what they share is the commit, a large part of a
 * small write. A transaction that throws rolls back to its savepoint only and gets its error; every
 * caller hears back only after the commit, so an answered write is a durable one.
 */
export function createGroupCommit<DB>(db: Kysely<DB>, maxBatch = 64): Transact<DB> {
  let queue: Waiting<DB>[] = [];
  let running = false;

  async function runBatch(batch: Waiting<DB>[]): Promise<void> {
    const outcomes: PromiseSettledResult<unknown>[] = [];
    try {
      const trx = await db.startTransaction().execute();
      try {
        for (const item of batch) {
          const inner = await trx.savepoint('item').execute();
          try {
            outcomes.push({ status: 'fulfilled', value: await item.work(inner) });
            await inner.releaseSavepoint('item').execute();
          } catch (error) {
            outcomes.push({ status: 'rejected', reason: error });
            await inner.rollbackToSavepoint('item').execute();
            await inner.releaseSavepoint('item').execute();
          }
        }
        await trx.commit().execute();
      } catch (error) {
        await trx.rollback().execute().catch(() => undefined);
        throw error;
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.status === 'fulfilled') item.resolve(outcome.value);
      else item.reject(outcome.reason);
    });
  }

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await runBatch(batch);
    }
    running = false;
  }

  return <R>(work: (trx: Transaction<DB>) => Promise<R>) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // A tick, not a microtask: requests parsed in the same turn of the event loop share the commit.
      if (!running && queue.length === 1) setImmediate(() => void drain());
    });
}
