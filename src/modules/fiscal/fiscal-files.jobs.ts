import { Type, type Static } from 'typebox';
import { defineJob, RetryableError, type JobContext } from '../../core/jobs/index.js';
import { contextFor, type JobDeps } from './fiscal.binding.js';
import type { FiscalContext } from './fiscal.context.js';
import { addEvent, findInvoice, updateInvoice } from './fiscal.repository.js';

const DownloadPayload = Type.Object({
  ref: Type.String({ maxLength: 50 }),
  files: Type.Array(
    Type.Object({
      key: Type.String({ maxLength: 300 }),
      url: Type.String({ maxLength: 2048 }),
      kind: Type.Union([Type.Literal('xml'), Type.Literal('pdf'), Type.Literal('extra')]),
    }),
    { maxItems: 10 },
  ),
});
type DownloadPayload = Static<typeof DownloadPayload>;

export type FilesToStore = DownloadPayload['files'];

/**
 * Copies a note's files from Focus into storage under `fiscal/{ref}/`. Files already stored are
 * skipped, so a retry fetches only what failed; a failure is a timeline event and a retry (with
 * backoff), never a lost file. Reconciliation enqueues this again for notes still missing files.
 */
export async function storeFiles(fiscal: FiscalContext, ref: string, files: FilesToStore): Promise<{ stored: string[]; failed: string[] }> {
  const stored: string[] = [];
  const failed: string[] = [];
  let fetched = 0;
  const invoice = await findInvoice(fiscal.db, ref);
  if (!invoice) return { stored, failed };
  if (!fiscal.focus) throw new RetryableError('FocusNFE não configurado: defina FOCUS_NFE_TOKEN', { retryAfterMs: 60_000 });
  for (const file of files) {
    if (await fiscal.storage.head(file.key)) {
      stored.push(file.key);
      continue;
    }
    try {
      const got = await fiscal.focus.download(file.url);
      await fiscal.storage.put(file.key, got.body, got.contentType);
      stored.push(file.key);
      fetched += 1;
    } catch (error) {
      failed.push(`${file.key.slice(file.key.lastIndexOf('/') + 1)}: ${(error as Error).message}`);
    }
  }
  const patch: { xml_key?: string; pdf_key?: string; files_pending?: number; updated_at: number } = { updated_at: fiscal.now() };
  if (failed.length === 0) patch.files_pending = 0;
  for (const file of files) {
    if (!stored.includes(file.key)) continue;
    if (file.kind === 'xml') patch.xml_key = file.key;
    if (file.kind === 'pdf') patch.pdf_key = file.key;
  }
  await updateInvoice(fiscal.db, invoice.id, patch);
  // Files another run already stored are not news for the timeline.
  if (fetched === 0 && failed.length === 0) return { stored, failed };
  const event = failed.length > 0 ? { evento: 'erro_download', text: failed.join('; ') } : { evento: 'arquivos_salvos', text: stored.join(', ') };
  await addEvent(fiscal.db, invoice.id, event.evento, invoice.status, event.text.slice(0, 2000), fiscal.now());
  return { stored, failed };
}

async function download(ctx: JobContext<DownloadPayload> & JobDeps): Promise<string> {
  const { stored, failed } = await storeFiles(contextFor(ctx.storage), ctx.payload.ref, ctx.payload.files);
  if (failed.length > 0) throw new RetryableError(`Falha ao baixar ${failed.length} arquivo(s) da nota ${ctx.payload.ref}`, { category: 'download' });
  return stored.join(', ');
}

export const downloadJob = defineJob<typeof DownloadPayload, JobDeps>({
  name: 'fiscal.download',
  schema: DownloadPayload,
  handler: download,
  maxAttempts: 8,
  backoff: { delayMs: 300, maxDelayMs: 10 * 60_000 },
  retention: 7 * 24 * 60 * 60_000,
});
