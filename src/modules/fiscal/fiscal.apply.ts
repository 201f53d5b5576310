import type { FiscalContext, Trx } from './fiscal.context.js';
import { downloadJob } from './fiscal-files.jobs.js';
import { addEvent, findInvoice, moveInvoice } from './fiscal.repository.js';
import { advances, chaveOf, filesOf, isDocumentStatus, messageOf } from './fiscal.rules.js';

export type ApplyResult = 'aplicado' | 'duplicado' | 'ignorado';

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, max) : null;

/**
 * The one path by which Focus's view of a document reaches the local record: webhooks, the
 * reconciliation poll, emission answers and GET refreshes all come through here. The status only
 * moves forward (see `advances`), a change writes exactly one timeline event in the same
 * transaction, and a status with files enqueues their download with it.
 */
export async function applyDocument(ctx: FiscalContext, ref: string, doc: Record<string, unknown>): Promise<ApplyResult> {
  if (!isDocumentStatus(doc.status)) return 'ignorado';
  const known = await findInvoice(ctx.db, ref);
  if (!known) return 'ignorado';
  if (!advances(known.status, doc.status)) return 'duplicado';
  return ctx.transact((trx) => applyInTransaction(ctx, trx, ref, doc));
}

/** `applyDocument` inside the caller's transaction (the webhook job marks its log in the same one). */
export async function applyInTransaction(ctx: FiscalContext, trx: Trx, ref: string, doc: Record<string, unknown>): Promise<ApplyResult> {
  const status = doc.status;
  if (!isDocumentStatus(status)) return 'ignorado';
  const invoice = await findInvoice(trx, ref);
  if (!invoice) return 'ignorado';
  if (!advances(invoice.status, status)) return 'duplicado';
  const at = ctx.now();
  const files = filesOf(ref, invoice.tipo, doc);
  const moved = await moveInvoice(trx, invoice, {
    status,
    chave: chaveOf(doc) ?? invoice.chave,
    numero: text(doc.numero, 20) ?? invoice.numero,
    serie: text(doc.serie, 10) ?? invoice.serie,
    focus_document: JSON.stringify(doc),
    send_failed: 0,
    files_pending: files.length > 0 ? 1 : invoice.files_pending,
    updated_at: at,
  });
  if (!moved) return 'duplicado';
  await addEvent(trx, invoice.id, status, status, messageOf(doc), at);
  if (files.length > 0) {
    await ctx.jobs.enqueue(downloadJob, { ref, files }, { trx, idempotencyKey: `fiscal.download:${ref}:${status}` });
  }
  return 'aplicado';
}
