import { applyDocument } from './fiscal.apply.js';
import type { FiscalContext } from './fiscal.context.js';
import { downloadJob } from './fiscal-files.jobs.js';
import { FocusHttpError } from './focus/focus-errors.js';
import { staleInvoices } from './fiscal.repository.js';
import { filesOf, PROCESSING } from './fiscal.rules.js';

/** Notes asked about per run: Focus allows 100 requests a minute per token, and runs repeat. */
const BATCH = 50;

export interface ReconcileSummary {
  consultadas: number;
  atualizadas: number;
  downloads: number;
  erros: number;
}

/**
 * A webhook can be lost, and Focus disables a hook that fails for a week: notes still processing
 * after `afterMinutes`, and authorised notes without their files, are asked for again and the answer
 * goes through `applyDocument`, exactly as a webhook's would.
 */
export async function reconcile(ctx: FiscalContext, afterMinutes: number, signal?: AbortSignal): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { consultadas: 0, atualizadas: 0, downloads: 0, erros: 0 };
  const focus = ctx.focus;
  if (!focus) return summary;
  const notes = await staleInvoices(ctx.db, ctx.now() - afterMinutes * 60_000, BATCH);
  for (const note of notes) {
    if (signal?.aborted) break;
    // A note whose send never reached Focus is the user's to send again, not Focus's to answer.
    if (note.status === PROCESSING && note.send_failed === 1 && note.focus_document === null) continue;
    summary.consultadas += 1;
    try {
      const { body } = await focus.get<Record<string, unknown>>(`/v2/${note.tipo}/${encodeURIComponent(note.ref)}`);
      const result = await applyDocument(ctx, note.ref, body);
      if (result === 'aplicado') summary.atualizadas += 1;
      else if (note.files_pending === 1) {
        const files = filesOf(note.ref, note.tipo, body);
        if (files.length > 0) {
          await ctx.jobs.enqueue(downloadJob, { ref: note.ref, files }, { idempotencyKey: `fiscal.download:${note.ref}:reconcile` });
          summary.downloads += 1;
        }
      }
    } catch (error) {
      summary.erros += 1;
      const detail = error instanceof FocusHttpError ? error.body : (error as Error).message;
      ctx.logger.warn({ ref: note.ref, detail }, 'Reconciliação fiscal: consulta à FocusNFE falhou');
    }
  }
  return summary;
}
