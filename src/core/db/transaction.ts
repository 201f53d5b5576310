import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `fn` in one transaction. On SQLite it begins IMMEDIATE (writers serialized up front);
 * on PostgreSQL, read-then-write code must lock its rows (`forUpdate`) — see `lockIf`.
 */
export function inTransaction<DB, R>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<R>): Promise<R> {
  return db.transaction().execute(fn);
}
