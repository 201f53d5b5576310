import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../../core/crypto/secrets.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import type { CadastrosDb } from './cadastros.tables.js';
import { clienteRow, draftCliente, type ClienteInput } from './clientes.draft.js';
import { COLUMNS, readCsv, type Column, type CsvRow, type CsvTable } from './clientes.csv.js';
import type { ClienteRow } from './clientes.repository.js';
import { fold } from './clientes.rules.js';
import { CONTA_DUPLICADA, OPERADORA_INATIVA, sealedPassword } from './clientes.service.js';
import { listAllOperadoras, uniqueViolation, type CadastrosExecutor, type OperadoraRow } from './operadoras.repository.js';

export interface ImportOptions {
  sobrescrever: boolean;
  simular: boolean;
}

export interface ImportResult {
  processados: number;
  criados: number;
  atualizados: number;
  erros: { linha: number; mensagem: string }[];
}

interface Plan {
  linha: number;
  kind: 'create' | 'update';
  row: ClienteRow;
}

// Rows per transaction: large enough that 10,000 rows take a handful of commits.
const BATCH = 1000;
const YIELD_EVERY = 500;
// Rows per statement, within both dialects' limits on bound parameters (19 per row).
const UPSERT_CHUNK = 200;
const UPDATED_COLUMNS = [
  'hash_unico', 'razao_social', 'nome_sat', 'cnpj', 'operadora_id', 'filtro', 'servico', 'dados_sat', 'unidade',
  'site_emissao', 'login_portal', 'senha_portal_cifrada', 'cpf', 'status_ativo', 'busca', 'updated_at',
] as const satisfies readonly (keyof ClienteRow)[];

const contaKey = (r: { cnpj: string; operadora_id: string; unidade: string; servico: string }) =>
  `${r.cnpj}\u0000${r.operadora_id}\u0000${r.unidade}\u0000${r.servico}`;
const compact = (text: string) => fold(text).replace(/[\s._-]/g, '');

/** Finds an operadora by nome or codigo, ignoring case, accents, spaces and `.-_`. */
function operadoraMatcher(operadoras: OperadoraRow[]) {
  const byKey = new Map<string, OperadoraRow>();
  for (const o of operadoras) for (const key of [o.codigo, o.nome]) if (!byKey.has(compact(key))) byKey.set(compact(key), o);
  const names = operadoras.map((o) => o.nome).sort().join(', ');
  return (value: string): OperadoraRow => {
    const operadora = byKey.get(compact(value));
    if (!operadora) throw new AppError(422, `Operadora '${value}' não encontrada. Operadoras disponíveis: ${names}`);
    if (operadora.status_ativo !== 1) throw new AppError(422, OPERADORA_INATIVA);
    return operadora;
  };
}

/** A field's error names its column: "CPF: CPF inválido." reads well next to a line number. */
function rowError(error: unknown): string {
  if (!(error instanceof AppError)) throw error;
  const field = String(error.options.issues?.[0]?.loc[1] ?? '');
  const header = field in COLUMNS ? COLUMNS[field as Column] : undefined;
  return header && !error.message.includes(header) ? `${header}: ${error.message}` : error.message;
}

/**
 * The CSV import of seed 004 (item 3): valid rows are written even when others fail, in batches of
 * one transaction each; a row is written whole or reported, never half; `simular` checks everything
 * and writes nothing.
 */
export function createClientesImporter(db: CadastrosDb, secrets: SecretBox) {
  function plan(table: CsvTable, row: CsvRow, existing: Map<string, ClienteRow>, match: (v: string) => OperadoraRow, options: ImportOptions): Plan {
    const v = row.values;
    if (!v.cnpj || !v.operadora) throw new AppError(422, 'CNPJ e OPERADORA são obrigatórios');
    const operadora = match(v.operadora);
    const blank = (['razao_social', 'nome_sat', 'servico', 'unidade'] as const).filter((c) => !v[c]);
    if (blank.length > 0) throw new AppError(422, `Campos obrigatórios em falta: ${blank.map((c) => COLUMNS[c]).join(', ')}`);
    const input: ClienteInput = {
      razao_social: v.razao_social!,
      nome_sat: v.nome_sat!,
      // Any formatting character goes, not only the mask's: quotes, commas, stray symbols.
      cnpj: v.cnpj.replace(/[^0-9A-Za-z]/g, ''),
      servico: v.servico!,
      unidade: v.unidade!,
      status_ativo: v.status !== '0',
    };
    const key = contaKey({ ...input, cnpj: input.cnpj.toUpperCase(), operadora_id: operadora.id });
    const current = existing.get(key);
    if (current && !options.sobrescrever) throw new AppError(409, `Cliente já existe (CNPJ: ${current.cnpj})`);
    // A column the file lacks keeps the stored value; a blank cell of a column it has clears it.
    const optional = ['filtro', 'dados_sat', 'site_emissao', 'login_portal', 'cpf'] as const;
    for (const field of optional) {
      input[field] = table.columns.has(field) ? (v[field] ?? null) : (current?.[field] ?? null);
    }
    if (input.cpf) input.cpf = input.cpf.replace(/[^0-9A-Za-z]/g, '');
    if (!table.columns.has('status') && current) input.status_ativo = current.status_ativo === 1;
    const draft = draftCliente(input);
    const senha = sealedPassword(secrets, v.senha, current?.senha_portal_cifrada ?? null);
    const now = Date.now();
    const times = current ? { id: current.id, created_at: current.created_at, updated_at: now } : { id: randomUUID(), created_at: now, updated_at: now };
    const result: Plan = { linha: row.linha, kind: current ? 'update' : 'create', row: clienteRow(draft, operadora, senha, times) };
    existing.set(key, result.row);
    return result;
  }

  // Creates and updates alike: an update keeps its id, so the primary key turns the insert into it.
  async function upsert(executor: CadastrosExecutor, rows: ClienteRow[]): Promise<void> {
    await executor
      .insertInto('faturas_clientes')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as never),
      )
      .execute();
  }

  /** Batches of rows, each batch one transaction; a batch that fails is retried row by row. */
  async function write(rows: ClienteRow[]): Promise<Map<string, string>> {
    const failed = new Map<string, string>();
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      try {
        await inTransaction(db, async (trx) => {
          for (let j = 0; j < batch.length; j += UPSERT_CHUNK) await upsert(trx, batch.slice(j, j + UPSERT_CHUNK));
        });
      } catch {
        // Something changed under us (a concurrent writer): each row alone is written whole or not at all.
        for (const row of batch) {
          try {
            await upsert(db, [row]);
          } catch (error) {
            if (uniqueViolation(error) === undefined) throw error;
            failed.set(row.id, CONTA_DUPLICADA);
          }
        }
      }
    }
    return failed;
  }

  return async function importar(bytes: Buffer, options: ImportOptions): Promise<ImportResult> {
    const table = readCsv(bytes);
    const match = operadoraMatcher(await listAllOperadoras(db));
    const existing = new Map((await db.selectFrom('faturas_clientes').selectAll().execute()).map((r) => [contaKey(r), r]));
    const erros: ImportResult['erros'] = [...table.malformed];
    const plans: Plan[] = [];
    for (const [i, row] of table.rows.entries()) {
      // Checking and sealing cost about 0.1 ms a row: let other requests in between slices.
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      try {
        plans.push(plan(table, row, existing, match, options));
      } catch (error) {
        erros.push({ linha: row.linha, mensagem: rowError(error) });
      }
    }
    // A row repeated in the file (with sobrescrever) is written once, with its last values.
    const finalRows = new Map(plans.map((p) => [p.row.id, p.row]));
    const failed = options.simular ? new Map<string, string>() : await write([...finalRows.values()]);
    const done = plans.filter((p) => !failed.has(p.row.id));
    for (const p of plans) {
      const mensagem = failed.get(p.row.id);
      if (mensagem) erros.push({ linha: p.linha, mensagem });
    }
    erros.sort((a, b) => a.linha - b.linha);
    return {
      processados: table.rows.length + table.malformed.length,
      criados: done.filter((p) => p.kind === 'create').length,
      atualizados: done.filter((p) => p.kind === 'update').length,
      erros,
    };
  };
}

export type ClientesImporter = ReturnType<typeof createClientesImporter>;
