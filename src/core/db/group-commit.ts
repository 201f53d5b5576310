import type { Kysely, Transaction } from 'kysely';
import { batched, fulfilled } from './batched.js';

type Work<DB> = (trx: Transaction<DB>) => Promise<unknown>;

export type Transact<DB> = <R>(work: (trx: Transaction<DB>) => Promise<R>) => Promise<R>;

/**
 * Group commit for SQLite: transactions asked for in the same turn of the event loop run one after
 * another inside one database transaction, each in its own savepoint, and share its commit. SQLite
 * has one writer, so they were serialized anyway; what they share is the commit, a large part of a
 * small write. A transaction that throws rolls back to its savepoint only and gets its error; every
 * caller hears back only after the commit, so an answered write is a durable one.
 */
export function createGroupCommit<DB>(db: Kysely<DB>, maxBatch = 64): Transact<DB> {
  const run = batched<Work<DB>, unknown>(
    async (batch) => {
      const outcomes: PromiseSettledResult<unknown>[] = [];
      const trx = await db.startTransaction().execute();
      try {
        for (const work of batch) {
          const inner = await trx.savepoint('item').execute();
          try {
            outcomes.push(fulfilled(await work(inner)));
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
      return outcomes;
    },
    // A tick, not a microtask: requests parsed in the same turn of the event loop share the commit.
    { max: maxBatch, wait: 'tick' },
  );
  return <R>(work: (trx: Transaction<DB>) => Promise<R>) => run(work) as Promise<R>;
}
