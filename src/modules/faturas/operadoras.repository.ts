import { sql } from 'kysely';
import type { Executor } from '../../core/db/db.js';
import type { CoreTables } from '../../core/db/tables.js';
import type { CadastrosTables, FaturasOperadorasTable } from './cadastros.tables.js';
import { likePattern } from './clientes.rules.js';

export type CadastrosExecutor = Executor<CoreTables & CadastrosTables>;
export type OperadoraRow = FaturasOperadorasTable;

export interface OperadoraFilter {
  q?: string;
  status_ativo?: boolean;
  possui_rpa?: boolean;
}

const ORDER_COLUMNS = { nome: 'nome', codigo: 'codigo', created_at: 'created_at' } as const;

export function findOperadora(db: CadastrosExecutor, id: string): Promise<OperadoraRow | undefined> {
  return db.selectFrom('faturas_operadoras').selectAll().where('id', '=', id).executeTakeFirst();
}

/** All operadoras, for matching CSV rows by name or codigo (a handful of rows). */
export function listAllOperadoras(db: CadastrosExecutor): Promise<OperadoraRow[]> {
  return db.selectFrom('faturas_operadoras').selectAll().orderBy('nome').execute();
}

function filtered(db: CadastrosExecutor, filter: OperadoraFilter) {
  let query = db.selectFrom('faturas_operadoras');
  if (filter.status_ativo !== undefined) query = query.where('status_ativo', '=', filter.status_ativo ? 1 : 0);
  if (filter.possui_rpa !== undefined) query = query.where('possui_rpa', '=', filter.possui_rpa ? 1 : 0);
  const q = filter.q?.replaceAll('\u0000', '').trim();
  if (q) {
    const pattern = likePattern(q.toLowerCase());
    query = query.where(sql<boolean>`(lower(nome) like ${pattern} escape '\\' or lower(codigo) like ${pattern} escape '\\')`);
  }
  return query;
}

export async function countOperadoras(db: CadastrosExecutor, filter: OperadoraFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listOperadoras(
  db: CadastrosExecutor,
  filter: OperadoraFilter,
  ordering: string,
  limit: number,
  offset: number,
): Promise<OperadoraRow[]> {
  const descending = ordering.startsWith('-');
  const column = ORDER_COLUMNS[ordering.replace(/^-/, '') as keyof typeof ORDER_COLUMNS] ?? 'nome';
  return filtered(db, filter)
    .selectAll()
    .orderBy(column, descending ? 'desc' : 'asc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Another operadora already named so (case-insensitively) or holding this codigo. */
export function findOperadoraClash(
  db: CadastrosExecutor,
  nome: string,
  codigo: string,
  exceptId?: string,
): Promise<Pick<OperadoraRow, 'nome' | 'codigo'> | undefined> {
  let query = db
    .selectFrom('faturas_operadoras')
    .select(['nome', 'codigo'])
    .where((eb) => eb.or([eb(sql`lower(nome)`, '=', nome.toLowerCase()), eb('codigo', '=', codigo)]));
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function insertOperadora(db: CadastrosExecutor, row: OperadoraRow): Promise<void> {
  await db.insertInto('faturas_operadoras').values(row).execute();
}

export async function updateOperadora(db: CadastrosExecutor, id: string, changes: Partial<OperadoraRow>): Promise<void> {
  await db.updateTable('faturas_operadoras').set(changes).where('id', '=', id).execute();
}

export async function deleteOperadora(db: CadastrosExecutor, id: string): Promise<void> {
  await db.deleteFrom('faturas_operadoras').where('id', '=', id).execute();
}

export async function countClientesOf(db: CadastrosExecutor, operadoraId: string): Promise<number> {
  const row = await db
    .selectFrom('faturas_clientes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('operadora_id', '=', operadoraId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which unique rule a failed write broke (SQLite and PostgreSQL word it differently), if any. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505' && e?.code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
  return `${e.constraint ?? ''} ${e.message ?? ''}`;
}

/** A write refused because a row still references, or no longer exists as, its foreign key. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
