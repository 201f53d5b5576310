import type { DocType } from './fiscal.tables.js';

/**
 * How far along a document is. A status replaces another only when it ranks higher, so a late
 * `processando_autorizacao` never undoes `autorizado`, while `cancelado` after `autorizado` applies.
 */
const RANK: Record<string, number> = {
  processando_autorizacao: 0,
  erro_autorizacao: 1,
  autorizado: 2,
  denegado: 2,
  substituido: 3,
  encerrado: 3,
  cancelado: 4,
};

export const PROCESSING = 'processando_autorizacao';

export const isDocumentStatus = (status: unknown): status is string => typeof status === 'string' && status in RANK;

export const advances = (current: string, next: string): boolean => (RANK[next] ?? -1) > (RANK[current] ?? -1);

/** A ref that Focus will never take again, whatever the document type (reference §2). */
export const refIsSpent = (status: string): boolean => (RANK[status] ?? 0) >= 2;

/** Statuses whose files are worth keeping (five years for NFe and NFCe). */
const WITH_FILES = new Set(['autorizado', 'denegado', 'cancelado', 'encerrado', 'substituido']);

export type FileKind = 'xml' | 'pdf' | 'extra';

export interface FileToStore {
  key: string;
  url: string;
  kind: FileKind;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** Where a note's files live in storage: everything under `fiscal/{ref}/`. */
export const filePrefix = (ref: string) => `fiscal/${ref}/`;

/**
 * The files a Focus document points at, with the key each is stored under. Field names differ by
 * type and even inside Focus's own documentation (`caminho_xml_nota_fiscal` vs `caminho_xml`), so
 * every spelling is read; NFCe's DANFCe is HTML and NFSe's PDF exists only in some cities.
 */
export function filesOf(ref: string, tipo: DocType, doc: Record<string, unknown>): FileToStore[] {
  if (!WITH_FILES.has(String(doc.status))) return [];
  const dir = filePrefix(ref);
  const files: FileToStore[] = [];
  const xml = text(doc.caminho_xml_nota_fiscal) ?? (tipo === 'cte' || tipo === 'mdfe' ? text(doc.caminho_xml) : undefined);
  if (xml) files.push({ key: `${dir}${ref}.xml`, url: xml, kind: 'xml' });
  const pdf = text(doc.caminho_danfe) ?? text(doc.caminho_dacte) ?? text(doc.caminho_damdfe) ?? text(doc.url_danfse);
  if (pdf) files.push({ key: `${dir}${ref}.${/\.html?(\?|$)/i.test(pdf) ? 'html' : 'pdf'}`, url: pdf, kind: 'pdf' });
  const cancel = text(doc.caminho_xml_cancelamento);
  if (cancel) files.push({ key: `${dir}${ref}-cancelamento.xml`, url: cancel, kind: 'extra' });
  const number = doc.numero_carta_correcao;
  if (number !== undefined && number !== null) {
    const cceXml = text(doc.caminho_xml_carta_correcao);
    const ccePdf = text(doc.caminho_pdf_carta_correcao);
    if (cceXml) files.push({ key: `${dir}${ref}-cce-${String(number)}.xml`, url: cceXml, kind: 'extra' });
    if (ccePdf) files.push({ key: `${dir}${ref}-cce-${String(number)}.pdf`, url: ccePdf, kind: 'extra' });
  }
  return files;
}

/** The chave without Focus's `NFe`/`CTe`/`MDFe` prefix, from whichever field the type uses. */
export function chaveOf(doc: Record<string, unknown>): string | undefined {
  const raw = text(doc.chave_nfe) ?? text(doc.chave) ?? text(doc.chave_cte) ?? text(doc.chave_mdfe) ?? text(doc.codigo_verificacao);
  return raw?.replace(/^(NFe|CTe|MDFe|MDF-e)/, '').slice(0, 60);
}

/** Focus's message for a status change: SEFAZ's, else the first of the NFSe `erros`. */
export function messageOf(doc: Record<string, unknown>): string | null {
  const sefaz = text(doc.mensagem_sefaz);
  if (sefaz) return sefaz.slice(0, 2000);
  const first = Array.isArray(doc.erros) ? (doc.erros[0] as Record<string, unknown> | undefined) : undefined;
  return first ? `${String(first.codigo ?? '')} ${String(first.mensagem ?? '')}`.trim().slice(0, 2000) : null;
}
