import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { unprocessable } from '../../core/http/errors.js';
import { fold } from './clientes.rules.js';

/** The original's columns (faturas-original.md §5.1), by the cliente field each one fills. */
export const COLUMNS = {
  cnpj: 'CNPJ',
  operadora: 'OPERADORA',
  razao_social: 'RAZÃO SOCIAL',
  nome_sat: 'NOME SAT',
  servico: 'SERVIÇO',
  unidade: 'UNIDADE / FILTRO SAT',
  filtro: 'FILTRO',
  dados_sat: 'DADOS SAT',
  site_emissao: 'SITE PARA EMISSÃO',
  login_portal: 'LOGIN',
  senha: 'SENHA',
  cpf: 'CPF',
  status: 'STATUS',
} as const;
export type Column = keyof typeof COLUMNS;

export const REQUIRED_COLUMNS: readonly Column[] = ['cnpj', 'operadora', 'razao_social', 'nome_sat', 'servico', 'unidade'];

export const MAX_ROWS = 100_000;
const MAX_RECORD_CHARS = 64 * 1024;

export interface CsvRow {
  /** The file's line where the row ends (the header is line 1). */
  linha: number;
  values: Partial<Record<Column, string>>;
}

export interface CsvTable {
  /** The columns the file has: an absent optional column leaves the stored value alone. */
  columns: Set<Column>;
  rows: CsvRow[];
  /** Records the parser could not read (an unbalanced quote, a record too long). */
  malformed: { linha: number; mensagem: string }[];
}

/** `Razão  Social `, `RAZAO SOCIAL` and `razão social` are one header: trimmed, case- and accent-folded. */
export function headerKey(header: string): string {
  return fold(header).trim().replace(/\s+/g, ' ').replace(/\s*\/\s*/g, ' / ');
}

const BY_HEADER = new Map(Object.entries(COLUMNS).map(([field, header]) => [headerKey(header), field as Column]));

/**
 * The file's text: UTF-8 with or without BOM, UTF-16 with BOM, otherwise Windows-1252 (what Excel
 * saves in Brazil) whenever the bytes are not valid UTF-8.
 */
export function decodeCsv(bytes: Buffer): string {
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = strictUtf8(bytes.subarray(3));
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = iconv.decode(bytes.subarray(2), 'utf16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = iconv.decode(bytes.subarray(2), 'utf16be');
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = iconv.decode(bytes, 'win1252');
    }
  }
  if (text.includes('\u0000')) throw unprocessable('O arquivo não é um CSV de texto.');
  return text;
}

function strictUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unprocessable('O arquivo declara UTF-8 (BOM) mas contém bytes inválidos.');
  }
}

/** `;` when the header line has more semicolons than commas (Excel in pt-BR), else `,`. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Reads the rows into the original's columns; a file without a required column is refused whole. */
export function readCsv(bytes: Buffer): CsvTable {
  const text = decodeCsv(bytes);
  if (!text.trim()) throw unprocessable('Arquivo CSV vazio.');
  const malformed: CsvTable['malformed'] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARS,
      info: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        malformed.push({ linha: Number(error?.lines ?? 0), mensagem: 'Linha mal formada: aspas sem fechamento ou linha longa demais.' });
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    throw unprocessable('Não foi possível ler o arquivo como CSV.');
  }
  const [header, ...body] = records;
  if (!header) throw unprocessable('Arquivo CSV vazio.');
  if (body.length > MAX_ROWS) throw unprocessable(`O arquivo excede ${MAX_ROWS} linhas.`);
  const fields = header.record.map((h) => BY_HEADER.get(headerKey(h)));
  const columns = new Set(fields.filter((f): f is Column => f !== undefined));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw unprocessable(`Colunas obrigatórias ausentes: ${missing.map((c) => COLUMNS[c]).join(', ')}.`);
  }
  const rows = body.map(({ record, info }) => {
    const values: CsvRow['values'] = {};
    record.forEach((cell, i) => {
      const field = fields[i];
      if (field && values[field] === undefined) values[field] = unescapeFormula(cell.trim());
    });
    return { linha: info.lines, values };
  });
  return { columns, rows, malformed };
}

// A cell that a spreadsheet would run as a formula is written with a leading apostrophe
// (OWASP's CSV injection advice); reading it back removes that apostrophe again.
const FORMULA_START = /^[=+\-@\t\r]/;

function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function unescapeFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** One CSV line, `;`-separated (Excel in pt-BR), every cell quoted. */
export function csvLine(cells: (string | null)[]): string {
  return cells.map((c) => `"${escapeFormula(c ?? '').replace(/"/g, '""')}"`).join(';') + '\r\n';
}
