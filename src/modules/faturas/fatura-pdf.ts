import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Logger } from 'pino';
import type { BlobStore } from '../../core/storage/index.js';

export const MAX_FATURA_BYTES = 20 * 1024 * 1024;

/** A PDF by its content: the `%PDF-` header within the first KiB, as readers accept it. */
export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-', 0, 'latin1');
}

/** What the invoice's own text says, when it says it. */
export interface FaturaData {
  sha256: string;
  valorCentavos: number | null;
  dataVencimento: string | null;
  linhaDigitavel: string | null;
}

const VALOR = /(?:total\s+a\s+pagar|valor\s+a\s+pagar|valor\s+total|valor\s+da\s+fatura|total)[^\d\n]{0,30}?(\d{1,3}(?:\.\d{3})*,\d{2}|\d+,\d{2})/i;
const VENCIMENTO = /vencimento[^\d\n]{0,30}(\d{2})\/(\d{2})\/(\d{4})/i;
// Boleto bancário (47 digits) and arrecadação (48 digits, starting with 8), as printed with their separators.
const BOLETO = /\b\d{5}[.\s]?\d{5}\s+\d{5}[.\s]?\d{6}\s+\d{5}[.\s]?\d{6}\s+\d\s+\d{14}\b/;
const ARRECADACAO = /\b8\d{10}[-\s]?\d\s+\d{11}[-\s]?\d\s+\d{11}[-\s]?\d\s+\d{11}[-\s]?\d\b/;

/** Reads the amount, due date and linha digitável from the text; each is null when not found. */
export function parseFaturaText(text: string): Omit<FaturaData, 'sha256'> {
  const valor = VALOR.exec(text);
  const vencimento = VENCIMENTO.exec(text);
  let dataVencimento: string | null = null;
  if (vencimento) {
    const iso = `${vencimento[3]}-${vencimento[2]}-${vencimento[1]}`;
    const date = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso) dataVencimento = iso;
  }
  const linha = BOLETO.exec(text) ?? ARRECADACAO.exec(text);
  return {
    valorCentavos: valor ? Number(valor[1].replace(/\./g, '').replace(',', '')) : null,
    dataVencimento,
    linhaDigitavel: linha ? linha[0].replace(/\D/g, '') : null,
  };
}

/** The file's sha256 and what its text gives; an unreadable PDF still has its hash. */
export async function readFatura(bytes: Buffer, logger: Pick<Logger, 'warn'>): Promise<FaturaData> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: true });
    await pdf.destroy();
    return { sha256, ...parseFaturaText(text) };
  } catch (error) {
    logger.warn({ err: error }, 'Não foi possível ler o texto da fatura');
    return { sha256, valorCentavos: null, dataVencimento: null, linhaDigitavel: null };
  }
}

/** A stored file in memory (invoices are bounded by MAX_FATURA_BYTES). */
export async function readStored(storage: BlobStore, key: string): Promise<Buffer | null> {
  const blob = await storage.get(key);
  if (!blob) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of blob.body as Readable) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
