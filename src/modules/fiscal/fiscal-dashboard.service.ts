import { notFound } from '../../core/http/errors.js';
import { localTimeFormatter } from '../../core/time/index.js';
import type { FiscalContext } from './fiscal.context.js';
import { counts, eventsOf, pendingWebhooks, findInvoice, latestInvoices, listInvoices, type InvoiceFilter, type InvoiceRow } from './fiscal.repository.js';
import { filePrefix } from './fiscal.rules.js';

/** The dashboard, the local lists and the stored copies: everything answered from this service's own data. */
export function createDashboardService(ctx: FiscalContext, timeZone: string) {
  const time = localTimeFormatter(timeZone);

  const present = (row: InvoiceRow) => ({
    ref: row.ref,
    tipo: row.tipo,
    status: row.status,
    cnpj_emitente: row.cnpj_emitente,
    chave: row.chave,
    numero: row.numero,
    serie: row.serie,
    caminho_xml: row.xml_key,
    caminho_pdf: row.pdf_key,
    created_at: time(row.created_at),
    updated_at: time(row.updated_at),
  });

  async function note(ref: string): Promise<InvoiceRow> {
    const row = await findInvoice(ctx.db, ref);
    if (!row) throw notFound(`Nota com referência '${ref}' não encontrada.`);
    return row;
  }

  return {
    async stats() {
      const [rows, webhooks_pendentes] = await Promise.all([counts(ctx.db), pendingWebhooks(ctx.db)]);
      const por_status: Record<string, number> = {};
      const por_tipo: Record<string, number> = {};
      let total = 0;
      for (const { tipo, status, total: n } of rows) {
        const value = Number(n);
        por_status[status] = (por_status[status] ?? 0) + value;
        por_tipo[tipo] = (por_tipo[tipo] ?? 0) + value;
        total += value;
      }
      return { total, por_status, por_tipo, webhooks_pendentes };
    },

    async latest() {
      return (await latestInvoices(ctx.db, 50)).map(present);
    },

    async list(filter: InvoiceFilter) {
      const { total, rows } = await listInvoices(ctx.db, filter);
      return { total, limit: filter.limit, offset: filter.offset, items: rows.map(present) };
    },

    async timeline(ref: string) {
      const row = await note(ref);
      const events = await eventsOf(ctx.db, row.id);
      return {
        ref,
        status: row.status,
        eventos: events.map((e) => ({ evento: e.evento, status: e.status, mensagem: e.mensagem, created_at: time(e.created_at) })),
      };
    },

    async local(ref: string) {
      const row = await note(ref);
      return {
        ...present(row),
        arquivos: await ctx.storage.list(filePrefix(ref)),
        dados_focus: row.focus_document ? (JSON.parse(row.focus_document) as Record<string, unknown>) : null,
      };
    },

    /** The stored key of a note's PDF (or NFCe's HTML DANFCe) or XML; 404 when there is none yet. */
    async fileKey(ref: string, kind: 'pdf' | 'xml'): Promise<string> {
      const row = await note(ref);
      const key = kind === 'pdf' ? row.pdf_key : row.xml_key;
      if (!key) throw notFound(`A nota '${ref}' ainda não tem ${kind.toUpperCase()} armazenado.`);
      return key;
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
