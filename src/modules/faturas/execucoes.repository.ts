import { sql, type Insertable, type Updateable } from 'kysely';
import { isPostgres } from '../../core/db/schema-helpers.js';
import { fold, likePattern } from './clientes.rules.js';
import {
  UNFINISHED_EXECUCAO,
  type ExecucaoRow,
  type ExecucoesTable,
  type FaturasExecutor,
  type StatusExecucao,
  type TipoExecucao,
} from './processos.tables.js';

export interface ExecucaoFilter {
  status_execucao?: StatusExecucao;
  tipo_execucao?: TipoExecucao;
  processo_id?: string;
  operadora_id?: string;
  q?: string;
  desde?: number;
  ate?: number;
}

export type ExecucaoJoined = ExecucaoRow & { cliente_id: string; razao_social: string; op_codigo: string; competencia: string };

function filtered(db: FaturasExecutor, filter: ExecucaoFilter) {
  let query = db
    .selectFrom('faturas_execucoes as e')
    .innerJoin('faturas_processos as p', 'p.id', 'e.processo_id')
    .innerJoin('faturas_clientes as c', 'c.id', 'p.cliente_id')
    .innerJoin('faturas_operadoras as o', 'o.id', 'c.operadora_id');
  if (filter.status_execucao) query = query.where('e.status_execucao', '=', filter.status_execucao);
  if (filter.tipo_execucao) query = query.where('e.tipo_execucao', '=', filter.tipo_execucao);
  if (filter.processo_id) query = query.where('e.processo_id', '=', filter.processo_id);
  if (filter.operadora_id) query = query.where('c.operadora_id', '=', filter.operadora_id);
  if (filter.desde !== undefined) query = query.where('e.data_inicio', '>=', filter.desde);
  if (filter.ate !== undefined) query = query.where('e.data_inicio', '<', filter.ate);
  const q = filter.q?.trim();
  if (q) {
    const pattern = likePattern(fold(q.replace(/[\s./-]/g, '')));
    query = query.where((eb) => eb.or([eb('e.job_id', '=', q.toLowerCase()), sql<boolean>`c.busca like ${pattern} escape '\\'`]));
  }
  return query;
}

const JOINED = ['p.cliente_id', 'c.razao_social', 'o.codigo as op_codigo', 'p.competencia'] as const;

export async function countExecucoes(db: FaturasExecutor, filter: ExecucaoFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listExecucoes(db: FaturasExecutor, filter: ExecucaoFilter, limit: number, offset: number): Promise<ExecucaoJoined[]> {
  return filtered(db, filter)
    .selectAll('e')
    .select(JOINED)
    .orderBy('e.data_inicio', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute() as Promise<ExecucaoJoined[]>;
}

export function findExecucao(db: FaturasExecutor, id: string): Promise<ExecucaoJoined | undefined> {
  return filtered(db, {}).selectAll('e').select(JOINED).where('e.id', '=', id).executeTakeFirst() as Promise<ExecucaoJoined | undefined>;
}

export function lockExecucao(trx: FaturasExecutor, id: string): Promise<ExecucaoRow | undefined> {
  return trx
    .selectFrom('faturas_execucoes')
    .selectAll()
    .where('id', '=', id)
    .$if(isPostgres(trx), (q) => q.forUpdate())
    .executeTakeFirst();
}

/** The execução a job belongs to (a job id is used by one execução; a deduplicated one may be shared). */
export function execucoesOfJob(db: FaturasExecutor, jobId: string): Promise<ExecucaoRow[]> {
  return db.selectFrom('faturas_execucoes').selectAll().where('job_id', '=', jobId).orderBy('data_inicio').execute();
}

export function unfinishedOf(db: FaturasExecutor, processoId: string, tipo: TipoExecucao): Promise<ExecucaoRow | undefined> {
  return db
    .selectFrom('faturas_execucoes')
    .selectAll()
    .where('processo_id', '=', processoId)
    .where('tipo_execucao', '=', tipo)
    .where('status_execucao', 'in', UNFINISHED_EXECUCAO)
    .executeTakeFirst();
}

export function latestUnfinishedOfProcesso(db: FaturasExecutor, processoId: string): Promise<ExecucaoRow[]> {
  return db
    .selectFrom('faturas_execucoes')
    .selectAll()
    .where('processo_id', '=', processoId)
    .where('status_execucao', '=', 'EXECUTANDO')
    .where('job_id', 'is not', null)
    .orderBy('data_inicio', 'desc')
    .execute();
}

export async function insertExecucao(trx: FaturasExecutor, row: Insertable<ExecucoesTable>): Promise<void> {
  await trx.insertInto('faturas_execucoes').values(row).execute();
}

export async function updateExecucao(trx: FaturasExecutor, id: string, changes: Updateable<ExecucoesTable>): Promise<void> {
  await trx.updateTable('faturas_execucoes').set(changes).where('id', '=', id).execute();
}

/** Retries whose time has come. */
export function dueRetries(db: FaturasExecutor, now: number, limit: number): Promise<ExecucaoRow[]> {
  return db
    .selectFrom('faturas_execucoes')
    .selectAll()
    .where('status_execucao', '=', 'TENTANDO_NOVAMENTE')
    .where('agendada_para', '<=', now)
    .orderBy('agendada_para')
    .limit(limit)
    .execute();
}

/** Execuções still EXECUTANDO that started before `before`: their job may have ended unheard. */
export function runningSince(db: FaturasExecutor, before: number, limit: number): Promise<ExecucaoRow[]> {
  return db
    .selectFrom('faturas_execucoes')
    .selectAll()
    .where('status_execucao', '=', 'EXECUTANDO')
    .where('data_inicio', '<', before)
    .orderBy('data_inicio')
    .limit(limit)
    .execute();
}
