import { conflict, notFound, unprocessable } from '../../core/http/errors.js';
import { applyDocument } from './fiscal.apply.js';
import type { FiscalContext } from './fiscal.context.js';
import { fromFocus, isTransportFailure, notConfigured, REF_HELD_BY_FOCUS } from './fiscal.errors.js';
import { downloadJob, storeFiles } from './fiscal-files.jobs.js';
import { FocusHttpError } from './focus/focus-errors.js';
import type { FocusClient } from './focus/focus-client.js';
import { addEvent, findInvoice, insertInvoice, moveInvoice, updateInvoice, type InvoiceRow } from './fiscal.repository.js';
import { filesOf, PROCESSING, refIsSpent } from './fiscal.rules.js';
import type { DocType } from './fiscal.tables.js';
import { validateDocument } from './fiscal.validation.js';

type Json = Record<string, unknown>;

/** Focus's answer as the seed relays it: its status code and its body. */
export interface FocusReply {
  statusCode: number;
  body: unknown;
}

const asObject = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const docPath = (tipo: DocType, ref: string) => `/v2/${tipo}/${encodeURIComponent(ref)}`;

function emitterOf(tipo: DocType, body: Json): string | null {
  const raw = tipo === 'nfse' ? asObject(body.prestador).cnpj : (body.cnpj_emitente ?? body.cpf_emitente);
  return typeof raw === 'string' ? raw.replace(/[.\-/\s]/g, '').toUpperCase().slice(0, 14) : null;
}

export function createFiscalService(ctx: FiscalContext) {
  function focus(): FocusClient {
    if (!ctx.focus) throw notConfigured();
    return ctx.focus;
  }

  /** Writes the local record before Focus hears of it: a new note, or a resend of a refused one. */
  function reserve(tipo: DocType, ref: string, body: Json): Promise<InvoiceRow> {
    return ctx.transact(async (trx) => {
      const at = ctx.now();
      const existing = await findInvoice(trx, ref);
      const fields = { tipo, status: PROCESSING, payload: JSON.stringify(body), cnpj_emitente: emitterOf(tipo, body), updated_at: at };
      let invoice: InvoiceRow;
      if (!existing) {
        invoice = await insertInvoice(trx, {
          ref, ...fields, chave: null, numero: null, serie: null, focus_document: null, send_failed: 0,
          xml_key: null, pdf_key: null, files_pending: 0, created_at: at,
        });
      } else {
        if (refIsSpent(existing.status)) {
          throw conflict(`A referência '${ref}' já foi usada por um documento ${existing.tipo.toUpperCase()} com status ${existing.status}; a FocusNFE não permite reutilizá-la.`);
        }
        if (existing.status === PROCESSING && existing.send_failed === 0) {
          throw conflict(`A referência '${ref}' já está em processamento (${existing.tipo.toUpperCase()}).`);
        }
        if (!(await moveInvoice(trx, existing, { ...fields, send_failed: 0, focus_document: null, chave: null, numero: null, serie: null }))) {
          throw conflict(`A referência '${ref}' mudou durante o envio; tente novamente.`);
        }
        invoice = { ...existing, ...fields, send_failed: 0 };
      }
      await addEvent(trx, invoice.id, 'envio', PROCESSING, `Enviado à FocusNFE (${tipo.toUpperCase()})`, at);
      return invoice;
    });
  }

  /** Records why an emission did not go through, without inventing a status Focus never gave. */
  async function recordSendFailure(invoice: InvoiceRow, error: unknown): Promise<void> {
    const at = ctx.now();
    if (isTransportFailure(error)) {
      await updateInvoice(ctx.db, invoice.id, { send_failed: 1, updated_at: at });
      await addEvent(ctx.db, invoice.id, 'erro_comunicacao', invoice.status, (error as Error).message.slice(0, 2000), at);
      return;
    }
    if (!(error instanceof FocusHttpError)) return;
    const text = `${error.body.codigo}: ${error.body.mensagem}`.slice(0, 2000);
    if (REF_HELD_BY_FOCUS.has(error.body.codigo)) {
      // Focus already holds this ref; reconciliation asks it for the document's real state.
      await addEvent(ctx.db, invoice.id, 'rejeitado', invoice.status, text, at);
      return;
    }
    // Refused before processing: the ref is free again at Focus, and locally.
    await ctx.transact(async (trx) => {
      if (await moveInvoice(trx, invoice, { status: 'erro_autorizacao', updated_at: at })) {
        await addEvent(trx, invoice.id, 'erro_autorizacao', 'erro_autorizacao', text, at);
      }
    });
  }

  async function requireNote(tipo: DocType, ref: string, action: string): Promise<InvoiceRow> {
    const invoice = await findInvoice(ctx.db, ref);
    if (!invoice || invoice.tipo !== tipo) throw notFound(`${tipo.toUpperCase()} com referência '${ref}' não encontrada.`);
    if (invoice.status !== 'autorizado') throw conflict(`Só uma nota autorizada pode ${action} (status atual: ${invoice.status}).`);
    return invoice;
  }

  return {
    focus,

    /** POST /{tipo}/?ref=: validated, recorded, sent; Focus's answer relayed. */
    async emit(tipo: DocType, ref: string, body: Json): Promise<FocusReply> {
      const client = focus();
      const issues = validateDocument(tipo, body);
      if (issues.length > 0) throw unprocessable('Campos fornecidos são inválidos.', issues);
      const invoice = await reserve(tipo, ref, body);
      let answer;
      try {
        answer = await client.post<Json>(`/v2/${tipo}`, { query: { ref }, body });
      } catch (error) {
        await recordSendFailure(invoice, error);
        throw fromFocus(error);
      }
      const doc = asObject(answer.body);
      await applyDocument(ctx, ref, { ref, ...doc });
      // NFCe is synchronous: its XML is stored before the answer (the job enqueued by apply retries failures).
      if (tipo === 'nfce') {
        const files = filesOf(ref, tipo, doc);
        if (files.length > 0) await storeFiles(ctx, ref, files).catch((error: Error) => ctx.logger.warn({ ref, err: error.message }, 'NFCe: arquivos ficam para o job'));
      }
      return { statusCode: answer.status, body: answer.body };
    },

    /** GET /{tipo}/{ref}: Focus's current view, applied to the local record. */
    async consult(tipo: DocType, ref: string): Promise<unknown> {
      let answer;
      try {
        answer = await focus().get<Json>(docPath(tipo, ref));
      } catch (error) {
        throw fromFocus(error);
      }
      const doc = asObject(answer.body);
      const local = await findInvoice(ctx.db, ref);
      if (local && local.tipo === tipo) {
        const result = await applyDocument(ctx, ref, { ref, ...doc });
        if (result !== 'aplicado') await updateInvoice(ctx.db, local.id, { focus_document: JSON.stringify(doc), updated_at: ctx.now() });
      }
      return answer.body;
    },

    /** DELETE /{tipo}/{ref}?justificativa=: only an authorised note; Focus's DELETE carries the JSON body. */
    async cancel(tipo: DocType, ref: string, justificativa: string): Promise<unknown> {
      const client = focus();
      const invoice = await requireNote(tipo, ref, 'ser cancelada');
      let answer;
      try {
        answer = await client.delete<Json>(docPath(tipo, ref), { body: { justificativa } });
      } catch (error) {
        throw fromFocus(error);
      }
      const result = asObject(answer.body);
      if (result.status === 'cancelado') {
        // CTe and MDFe name the cancellation XML `caminho_xml`, which in their document is the note's own XML.
        const { caminho_xml: cancelXml, ...rest } = result;
        const previous = asObject(invoice.focus_document ? JSON.parse(invoice.focus_document) : {});
        const extra = (tipo === 'cte' || tipo === 'mdfe') && cancelXml ? { caminho_xml_cancelamento: rest.caminho_xml_cancelamento ?? cancelXml } : {};
        await applyDocument(ctx, ref, { ...previous, ...rest, ...extra, ref, status: 'cancelado' });
      } else {
        await addEvent(ctx.db, invoice.id, 'erro_cancelamento', invoice.status, String(result.mensagem_sefaz ?? JSON.stringify(result.erros ?? '')).slice(0, 2000), ctx.now());
      }
      return answer.body;
    },

    /** POST /nfe/{ref}/carta_correcao?texto=: Focus's `correcao`; number, XML and PDF kept. */
    async correct(ref: string, texto: string): Promise<unknown> {
      const client = focus();
      const invoice = await requireNote('nfe', ref, 'receber carta de correção');
      let answer;
      try {
        answer = await client.post<Json>(`${docPath('nfe', ref)}/carta_correcao`, { body: { correcao: texto } });
      } catch (error) {
        throw fromFocus(error);
      }
      const result = asObject(answer.body);
      const at = ctx.now();
      if (result.status !== 'autorizado') {
        await addEvent(ctx.db, invoice.id, 'erro_carta_correcao', invoice.status, String(result.mensagem_sefaz ?? '').slice(0, 2000), at);
        return answer.body;
      }
      const previous = asObject(invoice.focus_document ? JSON.parse(invoice.focus_document) : {});
      const doc = { ...previous, ...result, status: invoice.status };
      const files = filesOf(ref, 'nfe', doc).filter((file) => file.key.includes('-cce-'));
      await ctx.transact(async (trx) => {
        await updateInvoice(trx, invoice.id, { focus_document: JSON.stringify(doc), files_pending: files.length > 0 ? 1 : invoice.files_pending, updated_at: at });
        await addEvent(trx, invoice.id, 'carta_correcao', invoice.status, `CC-e nº ${String(result.numero_carta_correcao ?? '?')}: ${texto}`.slice(0, 2000), at);
        if (files.length > 0) {
          await ctx.jobs.enqueue(downloadJob, { ref, files }, { trx, idempotencyKey: `fiscal.download:${ref}:cce-${String(result.numero_carta_correcao)}` });
        }
      });
      return answer.body;
    },
  };
}

export type FiscalService = ReturnType<typeof createFiscalService>;
