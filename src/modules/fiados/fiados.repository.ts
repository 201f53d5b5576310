import type { Insertable, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import { isPostgres } from '../../core/db/schema-helpers.js';
import { compiledQuery } from './fiados-compiled.repository.js';
import type {
  FiadosClientsTable,
  FiadosExecutor,
  FiadosPaymentsTable,
  FiadosPurchasesTable,
  SequenceKind,
} from './fiados.tables.js';

export type ClientRow = Selectable<FiadosClientsTable>;
export type PurchaseRow = Selectable<FiadosPurchasesTable>;
export type PaymentRow = Selectable<FiadosPaymentsTable>;
export interface Page {
  limit?: number;
  offset?: number;
}
/** all: every purchase; active: active ones; open: active and not paid. */
export type PurchaseFilter = 'all' | 'active' | 'open';

function paginate<DB, TB extends keyof DB, O>(db: FiadosExecutor, query: SelectQueryBuilder<DB, TB, O>, page: Page) {
  let q = query;
  if (page.limit !== undefined) q = q.limit(page.limit);
  // SQLite accepts OFFSET only after a LIMIT; -1 means none there.
  else if (page.offset && !isPostgres(db)) q = q.limit(-1);
  if (page.offset) q = q.offset(page.offset);
  return q;
}

// ---- clients

export function listClients(db: FiadosExecutor, onlyActive: boolean, page: Page): Promise<ClientRow[]> {
  const query = db
    .selectFrom('fiados_clients')
    .selectAll()
    .$if(onlyActive, (q) => q.where('is_active', '=', 1))
    .orderBy('id');
  return paginate(db, query, page).execute();
}

export function findClient(db: FiadosExecutor, id: number): Promise<ClientRow | undefined> {
  return db.selectFrom('fiados_clients').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the client against a concurrent deactivation while a purchase is placed under it (PostgreSQL). */
export function lockClientShared(trx: FiadosExecutor, id: number): Promise<ClientRow | undefined> {
  return trx
    .selectFrom('fiados_clients')
    .selectAll()
    .where('id', '=', id)
    .$if(isPostgres(trx), (q) => q.forShare())
    .executeTakeFirst();
}

export function lockClient(trx: FiadosExecutor, id: number): Promise<ClientRow | undefined> {
  return trx
    .selectFrom('fiados_clients')
    .selectAll()
    .where('id', '=', id)
    .$if(isPostgres(trx), (q) => q.forUpdate())
    .executeTakeFirst();
}

export type NewClient = Required<Omit<Insertable<FiadosClientsTable>, 'id'>>;

const insertClientQuery = compiledQuery((db, slot) =>
  db
    .insertInto('fiados_clients')
    .values({
      name: slot('name'),
      nickname: slot('nickname'),
      phone: slot('phone'),
      email: slot('email'),
      is_active: slot('is_active'),
      created_at: slot('created_at'),
      updated_at: slot('updated_at'),
    })
    .returningAll(),
);

export async function insertClient(db: FiadosExecutor, values: NewClient): Promise<ClientRow> {
  const [row] = await insertClientQuery(db, values);
  return row!;
}

export function updateClient(db: FiadosExecutor, id: number, patch: Updateable<FiadosClientsTable>): Promise<ClientRow> {
  return db.updateTable('fiados_clients').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// ---- purchases

export function listPurchases(db: FiadosExecutor, filter: PurchaseFilter, page: Page): Promise<PurchaseRow[]> {
  const query = db
    .selectFrom('fiados_purchases')
    .selectAll()
    .$if(filter !== 'all', (q) => q.where('is_active', '=', 1))
    .$if(filter === 'open', (q) => q.where('status', '<>', 'paid'))
    .orderBy('id', 'desc');
  return paginate(db, query, page).execute();
}

export function listClientPurchases(db: FiadosExecutor, clientId: number, onlyActive: boolean, page: Page): Promise<PurchaseRow[]> {
  const query = db
    .selectFrom('fiados_purchases')
    .selectAll()
    .where('client_id', '=', clientId)
    .$if(onlyActive, (q) => q.where('is_active', '=', 1))
    .orderBy('id', 'desc');
  return paginate(db, query, page).execute();
}

const findPurchaseQuery = compiledQuery((db, slot) => db.selectFrom('fiados_purchases').selectAll().where('id', '=', slot('id')));

export async function findPurchase(db: FiadosExecutor, id: number): Promise<PurchaseRow | undefined> {
  return (await findPurchaseQuery(db, { id }))[0];
}

export function findPurchaseByNote(db: FiadosExecutor, noteNumber: string): Promise<PurchaseRow | undefined> {
  return db.selectFrom('fiados_purchases').selectAll().where('note_number', '=', noteNumber).executeTakeFirst();
}

/**
 * Reads a purchase to change it: on PostgreSQL the row stays locked until commit, so concurrent
 * payments recompute its totals one after the other (SQLite's BEGIN IMMEDIATE already serializes).
 */
const lockPurchaseQuery = compiledQuery((db, slot) =>
  db
    .selectFrom('fiados_purchases')
    .selectAll()
    .where('id', '=', slot('id'))
    .$if(isPostgres(db), (q) => q.forUpdate()),
);

export async function lockPurchase(trx: FiadosExecutor, id: number): Promise<PurchaseRow | undefined> {
  return (await lockPurchaseQuery(trx, { id }))[0];
}

/** Locks and returns the active purchases of a client (ids ascending, one lock order for everyone). */
export function lockActiveClientPurchases(trx: FiadosExecutor, clientId: number): Promise<PurchaseRow[]> {
  return trx
    .selectFrom('fiados_purchases')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('is_active', '=', 1)
    .orderBy('id')
    .$if(isPostgres(trx), (q) => q.forUpdate())
    .execute();
}

export function insertPurchase(trx: FiadosExecutor, values: Insertable<FiadosPurchasesTable>): Promise<PurchaseRow> {
  return trx.insertInto('fiados_purchases').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePurchase(trx: FiadosExecutor, id: number, patch: Updateable<FiadosPurchasesTable>): Promise<PurchaseRow> {
  return trx.updateTable('fiados_purchases').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export type PaidTotals = Pick<PurchaseRow, 'total_paid_value' | 'status' | 'updated_at'>;

const settlePaidQuery = compiledQuery((db, slot) =>
  db
    .updateTable('fiados_purchases')
    .set({ total_paid_value: slot('total_paid_value'), status: slot('status'), updated_at: slot('updated_at') })
    .where('id', '=', slot('id'))
    .returningAll(),
);

/** `updatePurchase` for the one change every payment makes: the paid total, the status and the time. */
export async function settlePaid(trx: FiadosExecutor, id: number, totals: PaidTotals): Promise<PurchaseRow> {
  const [row] = await settlePaidQuery(trx, { ...totals, id });
  return row!;
}

export async function sumActivePayments(trx: FiadosExecutor, purchaseId: number): Promise<number> {
  const row = await trx
    .selectFrom('fiados_payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('paid'))
    .where('purchase_id', '=', purchaseId)
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return row.paid;
}

// ---- payments

/** A purchase's payments (active and inactive), or with `purchaseId` null the active payments of all. */
export function listPayments(db: FiadosExecutor, purchaseId: number | null, page: Page): Promise<PaymentRow[]> {
  const query = db
    .selectFrom('fiados_payments')
    .selectAll()
    .$if(purchaseId === null, (q) => q.where('is_active', '=', 1))
    .$if(purchaseId !== null, (q) => q.where('purchase_id', '=', purchaseId!))
    .orderBy('id', 'desc');
  return paginate(db, query, page).execute();
}

export function findPayment(db: FiadosExecutor, id: number): Promise<PaymentRow | undefined> {
  return db.selectFrom('fiados_payments').selectAll().where('id', '=', id).executeTakeFirst();
}

export type NewPayment = Required<Omit<Insertable<FiadosPaymentsTable>, 'id'>>;

const insertPaymentQuery = compiledQuery((db, slot) =>
  db
    .insertInto('fiados_payments')
    .values({
      purchase_id: slot('purchase_id'),
      amount: slot('amount'),
      payment_date: slot('payment_date'),
      method: slot('method'),
      description: slot('description'),
      receipt_number: slot('receipt_number'),
      is_active: slot('is_active'),
      created_at: slot('created_at'),
      updated_at: slot('updated_at'),
    })
    .returningAll(),
);

export async function insertPayment(trx: FiadosExecutor, values: NewPayment): Promise<PaymentRow> {
  const [row] = await insertPaymentQuery(trx, values);
  return row!;
}

export function updatePayment(trx: FiadosExecutor, id: number, patch: Updateable<FiadosPaymentsTable>): Promise<PaymentRow> {
  return trx.updateTable('fiados_payments').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deactivatePaymentsOf(trx: FiadosExecutor, purchaseIds: number[], now: number): Promise<void> {
  if (purchaseIds.length === 0) return;
  await trx
    .updateTable('fiados_payments')
    .set({ is_active: 0, updated_at: now })
    .where('purchase_id', 'in', purchaseIds)
    .where('is_active', '=', 1)
    .execute();
}

// ---- automatic numbers

/** Takes the next value of a sequence; the updated row stays locked until commit, so values never repeat. */
const takeNextNumberQuery = compiledQuery((db, slot) =>
  db
    .updateTable('fiados_sequences')
    .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
    .where('kind', '=', slot('kind'))
    .returning('last_value'),
);

export async function takeNextNumber(trx: FiadosExecutor, kind: SequenceKind): Promise<number> {
  const [row] = await takeNextNumberQuery(trx, { kind });
  return row!.last_value;
}

/** Moves a sequence up to `atLeast` (never down), so it will not hand out a number a client already used. */
export async function raiseSequence(trx: FiadosExecutor, kind: SequenceKind, atLeast: number): Promise<void> {
  await trx
    .updateTable('fiados_sequences')
    .set({ last_value: atLeast })
    .where('kind', '=', kind)
    .where('last_value', '<', atLeast)
    .execute();
}

/** Which unique number a failed insert/update collided on (SQLite and PostgreSQL word it differently). */
export function duplicatedNumber(error: unknown): SequenceKind | undefined {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505' && e?.code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
  const where = `${e.constraint ?? ''} ${e.message ?? ''}`;
  if (where.includes('note_number')) return 'note';
  if (where.includes('receipt_number')) return 'receipt';
  return undefined;
}
