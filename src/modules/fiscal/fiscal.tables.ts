import type { Generated, Kysely, Transaction } from 'kysely';
import type { CoreTables } from '../../core/db/tables.js';

export const DOC_TYPES = ['nfse', 'nfe', 'nfce', 'cte', 'mdfe'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** One fiscal document sent through Focus (seed 000's `invoices`). Times are UTC epoch ms. */
export interface FiscalInvoicesTable {
  id: Generated<number>;
  ref: string;
  tipo: DocType;
  status: string;
  /** Emitter (prestador for NFSe), 14 characters, as sent. */
  cnpj_emitente: string | null;
  chave: string | null;
  numero: string | null;
  serie: string | null;
  /** The JSON sent to Focus. */
  payload: string;
  /** Focus's latest view of the document (GET, webhook or emission answer). */
  focus_document: string | null;
  /** 1 while the last send to Focus failed in transit: the same ref may be sent again. */
  send_failed: number;
  xml_key: string | null;
  pdf_key: string | null;
  /** 1 from the moment Focus points at files until all of them are in storage. */
  files_pending: number;
  created_at: number;
  updated_at: number;
}

/** The timeline: one row per real change (seed 000's `invoice_events`). */
export interface FiscalInvoiceEventsTable {
  id: Generated<number>;
  invoice_id: number;
  evento: string;
  status: string | null;
  mensagem: string | null;
  created_at: number;
}

/** Every webhook as received, before any processing (seed 000's `webhook_logs`). */
export interface FiscalWebhookLogsTable {
  id: Generated<number>;
  ref: string | null;
  status: string | null;
  payload: string;
  resultado: string | null;
  received_at: number;
  applied_at: number | null;
}

/** Counts by type and status, moved in the transaction that changes a note (dashboard in O(groups)). */
export interface FiscalCountsTable {
  tipo: string;
  status: string;
  total: number;
}

/** NFe issued against the company, mirrored from Focus's `nfes_recebidas`. */
export interface FiscalReceivedNfeTable {
  chave: string;
  cnpj_destinatario: string;
  versao: number;
  situacao: string | null;
  manifestacao_destinatario: string | null;
  documento: string;
  updated_at: number;
}

/** Where the incremental sync of received NFe stopped, per CNPJ. */
export interface FiscalReceivedSyncTable {
  cnpj: string;
  versao: number;
  synced_at: number;
}

export type FiscalTables = {
  fiscal_invoices: FiscalInvoicesTable;
  fiscal_invoice_events: FiscalInvoiceEventsTable;
  fiscal_webhook_logs: FiscalWebhookLogsTable;
  fiscal_counts: FiscalCountsTable;
  fiscal_received_nfe: FiscalReceivedNfeTable;
  fiscal_received_sync: FiscalReceivedSyncTable;
};

export type FiscalDb = Kysely<CoreTables & FiscalTables>;
export type FiscalExecutor = FiscalDb | Transaction<CoreTables & FiscalTables>;
