import type { Transaction } from 'kysely';
import { createGroupCommit } from '../../core/db/group-commit.js';
import { isPostgres } from '../../core/db/schema-helpers.js';
import type { CoreTables } from '../../core/db/tables.js';
import { createPresenters, type Presenters } from './fiados.presenters.js';
import * as repo from './fiados.repository.js';
import { autoNumberValue, fiadosErrors, formatAutoNumber, purchaseStatus } from './fiados.rules.js';
import type { FiadosDb, FiadosTables, SequenceKind } from './fiados.tables.js';

export interface FiadosDeps {
  db: FiadosDb;
  /** APP_TZ: how times are rendered. */
  timeZone: string;
  /** FIADOS_AUTO_NUMBERS: generate `NF-…`/`REC-…` when a client sends none. */
  autoNumbers: boolean;
  /** Injected so tests can age purchases without waiting. */
  now?: () => number;
}

export type Trx = Transaction<CoreTables & FiadosTables>;
type PurchasePatch = Partial<Pick<repo.PurchaseRow, 'description' | 'total_value' | 'client_id' | 'note_number' | 'is_active'>>;

/** What the fiados services share: the database, the clock, presenters and the rules that touch rows. */
export interface FiadosContext {
  db: FiadosDb;
  now: () => number;
  present: Presenters;
  /** One transaction; a duplicated note/receipt number becomes a 409 whichever database said so. */
  transact<R>(fn: (trx: Trx) => Promise<R>): Promise<R>;
  /**
   * Applies `patch` and sets paid total and status, in the caller's transaction. `paid` is the new
   * total when the caller knows it (a payment change on the locked purchase: the old total ± its
   * amount, which keeps a payment O(1) however many the purchase has); else it is summed from the
   * active payments.
   */
  settle(trx: Trx, purchase: repo.PurchaseRow, now: number, patch?: PurchasePatch, paid?: number): Promise<repo.PurchaseRow>;
  /** The number the client gave, else the next automatic one (when enabled), else null. */
  numberFor(trx: Trx, kind: SequenceKind, given: string | null | undefined): Promise<string | null>;
}

export function createFiadosContext(deps: FiadosDeps): FiadosContext {
  const { db, autoNumbers } = deps;
  // PostgreSQL runs transactions side by side under row locks; SQLite's single writer runs them in
  // turn, so there they share commits.
  const run: <R>(fn: (trx: Trx) => Promise<R>) => Promise<R> = isPostgres(db)
    ? (fn) => db.transaction().execute(fn)
    : createGroupCommit(db);
  return {
    db,
    now: deps.now ?? Date.now,
    present: createPresenters(deps.timeZone),

    async transact(fn) {
      try {
        return await run(fn);
      } catch (error) {
        const kind = repo.duplicatedNumber(error);
        throw kind ? fiadosErrors.duplicateNumber(kind) : error;
      }
    },

    async settle(trx, purchase, now, patch = {}, knownPaid) {
      const paid = knownPaid ?? (await repo.sumActivePayments(trx, purchase.id));
      const total = patch.total_value ?? purchase.total_value;
      const totals = { total_paid_value: paid, status: purchaseStatus(total, paid), updated_at: now };
      // A payment changes only these: the precompiled update (the hot path of POST …/payments/).
      if (Object.keys(patch).length === 0) return repo.settlePaid(trx, purchase.id, totals);
      return repo.updatePurchase(trx, purchase.id, { ...patch, ...totals });
    },

    async numberFor(trx, kind, given) {
      if (given) {
        // A client may send what the sequence would produce later: move the sequence past it now.
        const taken = autoNumberValue(kind, given);
        if (taken !== undefined) await repo.raiseSequence(trx, kind, taken);
        return given;
      }
      return autoNumbers ? formatAutoNumber(kind, await repo.takeNextNumber(trx, kind)) : null;
    },
  };
}
