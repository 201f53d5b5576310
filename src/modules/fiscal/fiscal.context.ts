import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { createGroupCommit } from '../../core/db/group-commit.js';
import { isPostgres } from '../../core/db/schema-helpers.js';
import type { CoreTables } from '../../core/db/tables.js';
import type { JobQueue } from '../../core/jobs/index.js';
import type { BlobStore } from '../../core/storage/index.js';
import type { FocusClient } from './focus/focus-client.js';
import type { FiscalDb, FiscalTables } from './fiscal.tables.js';

export type Trx = Transaction<CoreTables & FiscalTables>;

/** What the fiscal services and jobs share. `focus` is undefined while FOCUS_NFE_TOKEN is not set. */
export interface FiscalContext {
  db: FiscalDb;
  jobs: JobQueue;
  storage: BlobStore;
  focus: FocusClient | undefined;
  logger: Logger;
  now: () => number;
  /** One transaction; on SQLite, those asked for in one turn of the event loop share a commit. */
  transact<R>(fn: (trx: Trx) => Promise<R>): Promise<R>;
  /** FOCUS_NFE_RECONCILE_AFTER_MINUTES. */
  reconcileAfterMinutes: number;
}

export function createTransact(db: FiscalDb): FiscalContext['transact'] {
  // PostgreSQL runs transactions side by side under row locks; SQLite's single writer runs them in turn.
  return isPostgres(db) ? (fn) => db.transaction().execute(fn) : createGroupCommit(db);
}
