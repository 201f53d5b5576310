import { sql } from 'kysely';
import type { FaturasClientesTable } from './cadastros.tables.js';
import { fold, likePattern } from './clientes.rules.js';
import type { CadastrosExecutor } from './operadoras.repository.js';

export type ClienteRow = FaturasClientesTable;

/** A cliente with the operadora fields the API and the robots need. */
export type ClienteJoined = ClienteRow & {
  op_nome: string;
  op_codigo: string;
  op_possui_rpa: number;
  op_status_ativo: number;
};

export interface ClienteFilter {
  q?: string;
  operadora_id?: string;
  status_ativo?: boolean;
  /** Only clientes whose operadora is active too. */
  operadoraAtiva?: boolean;
}

export interface ContaKey {
  cnpj: string;
  operadora_id: string;
  unidade: string;
  servico: string;
}

const ORDER_COLUMNS = ['razao_social', 'nome_sat', 'cnpj', 'unidade', 'servico', 'created_at', 'updated_at'] as const;
type OrderColumn = (typeof ORDER_COLUMNS)[number];

function filtered(db: CadastrosExecutor, filter: ClienteFilter) {
  let query = db.selectFrom('faturas_clientes as c').innerJoin('faturas_operadoras as o', 'o.id', 'c.operadora_id');
  if (filter.operadora_id) query = query.where('c.operadora_id', '=', filter.operadora_id);
  if (filter.status_ativo !== undefined) query = query.where('c.status_ativo', '=', filter.status_ativo ? 1 : 0);
  if (filter.operadoraAtiva) query = query.where('o.status_ativo', '=', 1);
  const q = filter.q?.replaceAll('\u0000', '').trim();
  if (q) {
    // A CNPJ typed with its mask is found too: the stored one has none.
    const unmasked = fold(q.replace(/[\s./-]/g, ''));
    const patterns = [...new Set([fold(q), unmasked].filter(Boolean))].map(likePattern);
    query = query.where((eb) => eb.or(patterns.map((p) => sql<boolean>`c.busca like ${p} escape '\\'`)));
  }
  return query;
}

const OPERADORA_COLUMNS = ['o.nome as op_nome', 'o.codigo as op_codigo', 'o.possui_rpa as op_possui_rpa', 'o.status_ativo as op_status_ativo'] as const;

function joined(db: CadastrosExecutor, filter: ClienteFilter = {}) {
  return filtered(db, filter).selectAll('c').select(OPERADORA_COLUMNS);
}

export async function countClientes(db: CadastrosExecutor, filter: ClienteFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listClientes(
  db: CadastrosExecutor,
  filter: ClienteFilter,
  ordering: string,
  limit: number,
  offset: number,
): Promise<ClienteJoined[]> {
  const name = ordering.replace(/^-/, '') as OrderColumn;
  const column = ORDER_COLUMNS.includes(name) ? name : 'razao_social';
  return joined(db, filter)
    .orderBy(`c.${column}`, ordering.startsWith('-') ? 'desc' : 'asc')
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export function findCliente(db: CadastrosExecutor, id: string): Promise<ClienteJoined | undefined> {
  return joined(db).where('c.id', '=', id).executeTakeFirst();
}

/** Active clientes of active operadoras, optionally of one operadora. */
export function listActiveClientes(db: CadastrosExecutor, operadoraId?: string): Promise<ClienteJoined[]> {
  return joined(db, { operadora_id: operadoraId, status_ativo: true, operadoraAtiva: true }).orderBy('c.razao_social').orderBy('c.id').execute();
}

export function findClienteByConta(db: CadastrosExecutor, key: ContaKey): Promise<ClienteRow | undefined> {
  return db
    .selectFrom('faturas_clientes')
    .selectAll()
    .where('cnpj', '=', key.cnpj)
    .where('operadora_id', '=', key.operadora_id)
    .where('unidade', '=', key.unidade)
    .where('servico', '=', key.servico)
    .executeTakeFirst();
}

/** Every cliente, by (cnpj, operadora, unidade, servico): the import's lookup, one read per file. */
export function listContaKeys(db: CadastrosExecutor): Promise<(ContaKey & { id: string; senha_portal_cifrada: string | null })[]> {
  return db
    .selectFrom('faturas_clientes')
    .select(['id', 'cnpj', 'operadora_id', 'unidade', 'servico', 'senha_portal_cifrada'])
    .execute();
}

export async function insertCliente(db: CadastrosExecutor, row: ClienteRow): Promise<void> {
  await db.insertInto('faturas_clientes').values(row).execute();
}

export async function updateCliente(db: CadastrosExecutor, id: string, changes: Partial<ClienteRow>): Promise<void> {
  await db.updateTable('faturas_clientes').set(changes).where('id', '=', id).execute();
}

/** The clientes of one operadora, for re-hashing when its codigo changes. */
export function listHashInputs(db: CadastrosExecutor, operadoraId: string) {
  return db
    .selectFrom('faturas_clientes')
    .select(['id', 'nome_sat', 'servico', 'dados_sat', 'filtro', 'unidade'])
    .where('operadora_id', '=', operadoraId)
    .execute();
}

/** Rows for the CSV export, in a stable order, one page at a time. */
export function listForExport(db: CadastrosExecutor, filter: ClienteFilter, afterId: string | undefined, limit: number) {
  let query = joined(db, filter);
  if (afterId) query = query.where('c.id', '>', afterId);
  return query.orderBy('c.id').limit(limit).execute();
}
