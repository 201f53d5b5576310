import { sql, type Insertable, type Updateable } from 'kysely';
import { isPostgres } from '../../core/db/schema-helpers.js';
import { fold, likePattern } from './clientes.rules.js';
import type { FaturasExecutor, HistoricoTable, ProcessoRow, ProcessosTable, StatusProcesso } from './processos.tables.js';

export interface ProcessoFilter {
  status_processo?: StatusProcesso;
  competencia?: string;
  operadora_id?: string;
  cliente_id?: string;
  q?: string;
  vencimento_de?: string;
  vencimento_ate?: string;
}

/** A processo with what the API shows of its cliente and operadora. */
export type ProcessoJoined = ProcessoRow & {
  razao_social: string;
  nome_sat: string;
  cnpj: string;
  op_codigo: string;
  op_nome: string;
};

const ORDERINGS = {
  mes_ano: 'p.competencia',
  data_vencimento: 'p.data_vencimento',
  created_at: 'p.created_at',
  updated_at: 'p.updated_at',
  valor_fatura: 'p.valor_centavos',
  status_processo: 'p.status_processo',
  razao_social: 'c.razao_social',
} as const;
export const PROCESSO_ORDERINGS = Object.keys(ORDERINGS).flatMap((name) => [name, `-${name}`]);

/**
 * The processos a filter keeps, from their own table: the search over clientes is `cliente_id IN (…)`,
 * so a count never joins.
 */
function filtered(db: FaturasExecutor, filter: ProcessoFilter) {
  let query = db.selectFrom('faturas_processos as p');
  if (filter.status_processo) query = query.where('p.status_processo', '=', filter.status_processo);
  if (filter.competencia) query = query.where('p.competencia', '=', filter.competencia);
  if (filter.cliente_id) query = query.where('p.cliente_id', '=', filter.cliente_id);
  if (filter.vencimento_de) query = query.where('p.data_vencimento', '>=', filter.vencimento_de);
  if (filter.vencimento_ate) query = query.where('p.data_vencimento', '<=', filter.vencimento_ate);
  const q = filter.q?.trim();
  if (filter.operadora_id) query = query.where('p.operadora_id', '=', filter.operadora_id);
  if (q) {
    // The cliente's search text (razão social, nome SAT, CNPJ without mask, filtro), as cadastros keeps it.
    const patterns = [...new Set([fold(q), fold(q.replace(/[\s./-]/g, ''))].filter(Boolean))].map(likePattern);
    query = query.where('p.cliente_id', 'in', (eb) =>
      eb.selectFrom('faturas_clientes as c').select('c.id').where((w) => w.or(patterns.map((p) => sql<boolean>`c.busca like ${p} escape '\\'`))),
    );
  }
  return query;
}

function joined(db: FaturasExecutor, filter: ProcessoFilter) {
  return filtered(db, filter)
    .innerJoin('faturas_clientes as c', 'c.id', 'p.cliente_id')
    .innerJoin('faturas_operadoras as o', 'o.id', 'p.operadora_id')
    .selectAll('p')
    .select(['c.razao_social', 'c.nome_sat', 'c.cnpj', 'o.codigo as op_codigo', 'o.nome as op_nome']);
}

/** Bumped by every processo write in this process: cached counts older than the last write are not used. */
let generation = 0;
export const processosGeneration = () => generation;

export async function countProcessos(db: FaturasExecutor, filter: ProcessoFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listProcessos(db: FaturasExecutor, filter: ProcessoFilter, ordering: string, limit: number, offset: number): Promise<ProcessoJoined[]> {
  const name = ordering.replace(/^-/, '') as keyof typeof ORDERINGS;
  const column = ORDERINGS[name] ?? ORDERINGS.created_at;
  const direction = ordering.startsWith('-') ? 'desc' : 'asc';
  return joined(db, filter)
    .orderBy(column, direction)
    .orderBy('p.id', direction)
    .limit(limit)
    .offset(offset)
    .execute() as Promise<ProcessoJoined[]>;
}

export function findProcesso(db: FaturasExecutor, id: string): Promise<ProcessoJoined | undefined> {
  return joined(db, {}).where('p.id', '=', id).executeTakeFirst() as Promise<ProcessoJoined | undefined>;
}

/** Reads a processo to change it: on PostgreSQL the row stays locked until commit (SQLite's BEGIN IMMEDIATE serializes writers). */
export function lockProcesso(trx: FaturasExecutor, id: string): Promise<ProcessoRow | undefined> {
  return trx
    .selectFrom('faturas_processos')
    .selectAll()
    .where('id', '=', id)
    .$if(isPostgres(trx), (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function updateProcesso(trx: FaturasExecutor, id: string, changes: Updateable<ProcessosTable>): Promise<void> {
  generation += 1;
  await trx.updateTable('faturas_processos').set(changes).where('id', '=', id).execute();
}

/** Inserts the rows whose (cliente, competência) is free; returns the ids actually inserted. */
export async function insertProcessosIfAbsent(trx: FaturasExecutor, rows: Insertable<ProcessosTable>[]): Promise<string[]> {
  const inserted: string[] = [];
  generation += 1;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const result = await trx
      .insertInto('faturas_processos')
      .values(chunk)
      .onConflict((oc) => oc.columns(['cliente_id', 'competencia']).doNothing())
      .returning('id')
      .execute();
    inserted.push(...result.map((r) => r.id));
  }
  return inserted;
}

export async function insertHistorico(trx: FaturasExecutor, entries: Insertable<HistoricoTable>[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await trx.insertInto('faturas_historico').values(entries.slice(i, i + 500)).execute();
  }
}

export function listHistorico(db: FaturasExecutor, processoId: string) {
  return db
    .selectFrom('faturas_historico as h')
    .leftJoin('users as u', 'u.id', 'h.usuario_id')
    .select(['h.id', 'h.at', 'h.usuario_id', 'u.nome_completo', 'u.email', 'h.acao', 'h.status_anterior', 'h.status_novo', 'h.motivo', 'h.ip_origem', 'h.user_agent'])
    .where('h.processo_id', '=', processoId)
    .orderBy('h.id')
    .execute();
}

/** The cliente's amounts of the `count` competências before `competencia` that have one. */
export function previousValores(db: FaturasExecutor, clienteId: string, competencia: string, count: number) {
  return db
    .selectFrom('faturas_processos')
    .select(['competencia', 'valor_centavos'])
    .where('cliente_id', '=', clienteId)
    .where('competencia', '<', competencia)
    .where('valor_centavos', 'is not', null)
    .orderBy('competencia', 'desc')
    .limit(count)
    .execute();
}

/** Other processos holding a byte-identical invoice. */
export function sameFatura(db: FaturasExecutor, sha256: string, exceptId: string) {
  return db
    .selectFrom('faturas_processos')
    .select(['id', 'cliente_id', 'competencia'])
    .where('fatura_sha256', '=', sha256)
    .where('id', '!=', exceptId)
    .limit(20)
    .execute();
}
