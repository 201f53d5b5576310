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

export interface CsvRow {
  /** The file's line where the row starts (the header is line 1). */
  linha: number;
  values: Partial<Record<Column, string>>;
}

export interface CsvTable {
  /** The columns the file has: an absent optional column leaves the stored value alone. */
  columns: Set<Column>;
  rows: CsvRow[];
  /** Records the parser could not read (an unbalanced quote). */
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

const MALFORMED: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Aspas sem fechamento: o restante do arquivo foi lido como uma só célula.',
  CSV_INVALID_CLOSING_QUOTE: 'Linha mal formada: texto logo depois das aspas que fecham uma célula.',
};

/** `;` when the header line has more semicolons than commas (Excel in pt-BR), else `,`. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

const newlines = (cell: string) => cell.split('\n').length - 1;

/** Reads the rows into the original's columns; a file without a required column is refused whole. */
export function readCsv(bytes: Buffer): CsvTable {
  // One line ending: the parser counts CRLF inside a quoted cell as two lines, and mixed endings
  // would leave a CR in the last cell.
  const text = decodeCsv(bytes).replace(/\r\n?/g, '\n');
  if (!text.trim()) throw unprocessable('Arquivo CSV vazio.');
  const lines = text.split('\n');
  const malformed: CsvTable['malformed'] = [];
  let lastEnd = 0;
  const starts: number[] = [];
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      // A stray quote inside an unquoted cell (`12" monitor`) is text, as spreadsheets read it.
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // The parser counts lines to where a record ends; a quoted cell may span lines.
      on_record: (record, context) => {
        lastEnd = context.lines;
        starts.push(context.lines - record.reduce((n, cell) => n + newlines(cell), 0));
        return record;
      },
      on_skip: (error: CsvError | undefined) => {
        // A bad record starts on the first non-blank line after the last good one.
        let linha = lastEnd + 1;
        while (linha < lines.length && !lines[linha - 1]!.trim()) linha += 1;
        malformed.push({ linha, mensagem: MALFORMED[error?.code ?? ''] ?? 'Linha mal formada.' });
        return undefined;
      },
    });
  } catch {
    throw unprocessable('Não foi possível ler o arquivo como CSV.');
  }
  const [header, ...body] = records.map((record, i) => ({ record, linha: starts[i]! }));
  if (!header) throw unprocessable('Arquivo CSV vazio.');
  if (body.length > MAX_ROWS) throw unprocessable(`O arquivo excede ${MAX_ROWS} linhas.`);
  const fields = header.record.map((h) => BY_HEADER.get(headerKey(h)));
  const columns = new Set(fields.filter((f): f is Column => f !== undefined));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw unprocessable(`Colunas obrigatórias ausentes: ${missing.map((c) => COLUMNS[c]).join(', ')}.`);
  }
  const rows = body.map(({ record, linha }) => {
    const values: CsvRow['values'] = {};
    record.forEach((cell, i) => {
      const field = fields[i];
      if (field && values[field] === undefined) values[field] = unescapeFormula(cell.trim());
    });
    return { linha, values };
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
