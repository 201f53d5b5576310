import { sql, type Selectable } from 'kysely';
import type { DocType, FiscalExecutor, FiscalInvoiceEventsTable, FiscalInvoicesTable } from './fiscal.tables.js';

export type InvoiceRow = Selectable<FiscalInvoicesTable>;
export type EventRow = Selectable<FiscalInvoiceEventsTable>;

export function findInvoice(db: FiscalExecutor, ref: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('fiscal_invoices').selectAll().where('ref', '=', ref).executeTakeFirst();
}

export async function insertInvoice(db: FiscalExecutor, row: Omit<InvoiceRow, 'id'>): Promise<InvoiceRow> {
  const { id } = await db.insertInto('fiscal_invoices').values(row).returning('id').executeTakeFirstOrThrow();
  await adjustCount(db, row.tipo, row.status, 1);
  return { ...row, id };
}

/**
 * Moves a note to `status` only if it still has `from` (compare-and-set), keeping the counts in
 * step. False when someone else moved it first: that caller records the change, this one does not.
 */
export async function moveInvoice(
  db: FiscalExecutor,
  invoice: Pick<InvoiceRow, 'id' | 'tipo' | 'status'>,
  patch: Partial<Omit<InvoiceRow, 'id' | 'ref' | 'created_at'>> & { updated_at: number },
): Promise<boolean> {
  const result = await db
    .updateTable('fiscal_invoices')
    .set(patch)
    .where('id', '=', invoice.id)
    .where('status', '=', invoice.status)
    .where('tipo', '=', invoice.tipo)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  const tipo = patch.tipo ?? invoice.tipo;
  const status = patch.status ?? invoice.status;
  if (tipo !== invoice.tipo || status !== invoice.status) {
    await adjustCount(db, invoice.tipo, invoice.status, -1);
    await adjustCount(db, tipo, status, 1);
  }
  return true;
}

export async function updateInvoice(db: FiscalExecutor, id: number, patch: Partial<Omit<InvoiceRow, 'id' | 'ref' | 'tipo' | 'status'>>): Promise<void> {
  await db.updateTable('fiscal_invoices').set(patch).where('id', '=', id).execute();
}

async function adjustCount(db: FiscalExecutor, tipo: string, status: string, delta: number): Promise<void> {
  await db
    .insertInto('fiscal_counts')
    .values({ tipo, status, total: delta })
    .onConflict((oc) => oc.columns(['tipo', 'status']).doUpdateSet({ total: sql`fiscal_counts.total + ${delta}` }))
    .execute();
}

export async function addEvent(
  db: FiscalExecutor,
  invoiceId: number,
  evento: string,
  status: string | null,
  mensagem: string | null,
  at: number,
): Promise<void> {
  await db.insertInto('fiscal_invoice_events').values({ invoice_id: invoiceId, evento, status, mensagem, created_at: at }).execute();
}

export function eventsOf(db: FiscalExecutor, invoiceId: number): Promise<EventRow[]> {
  return db.selectFrom('fiscal_invoice_events').selectAll().where('invoice_id', '=', invoiceId).orderBy('id').execute();
}

export function counts(db: FiscalExecutor): Promise<{ tipo: string; status: string; total: number }[]> {
  return db.selectFrom('fiscal_counts').select(['tipo', 'status', 'total']).where('total', '>', 0).execute();
}

/** Webhooks received and not yet applied: nothing stays here for long unless processing is failing. */
export async function pendingWebhooks(db: FiscalExecutor): Promise<number> {
  const row = await db.selectFrom('fiscal_webhook_logs').select((eb) => eb.fn.countAll<number>().as('n')).where('applied_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function latestInvoices(db: FiscalExecutor, limit: number): Promise<InvoiceRow[]> {
  return db.selectFrom('fiscal_invoices').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export interface InvoiceFilter {
  tipo: DocType;
  status?: string;
  cnpj?: string;
  limit: number;
  offset: number;
}

export async function listInvoices(db: FiscalExecutor, filter: InvoiceFilter): Promise<{ total: number; rows: InvoiceRow[] }> {
  let query = db.selectFrom('fiscal_invoices').where('tipo', '=', filter.tipo);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.cnpj) query = query.where('cnpj_emitente', '=', filter.cnpj);
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), rows };
}

/** Notes reconciliation should ask Focus about: stuck in processing, or still missing files, for a while. */
export function staleInvoices(db: FiscalExecutor, before: number, limit: number): Promise<InvoiceRow[]> {
  return db
    .selectFrom('fiscal_invoices')
    .selectAll()
    .where('updated_at', '<', before)
    .where((eb) => eb.or([eb('status', '=', 'processando_autorizacao'), eb('files_pending', '=', 1)]))
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

export async function insertWebhookLog(db: FiscalExecutor, ref: string | null, status: string | null, payload: string, at: number): Promise<number> {
  const { id } = await db
    .insertInto('fiscal_webhook_logs')
    .values({ ref, status, payload, resultado: null, received_at: at, applied_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function unappliedWebhookLogs(db: FiscalExecutor, limit: number) {
  return db.selectFrom('fiscal_webhook_logs').select(['id', 'payload']).where('applied_at', 'is', null).orderBy('id').limit(limit).execute();
}

export async function markWebhookLog(db: FiscalExecutor, id: number, resultado: string, at: number): Promise<void> {
  await db.updateTable('fiscal_webhook_logs').set({ resultado, applied_at: at }).where('id', '=', id).execute();
}
