import { sql } from 'kysely';
import type { FaturasExecutor } from './processos.tables.js';

/** Processos of a competência by operadora and status (the index on competência and status serves it). */
export function countsByOperadora(db: FaturasExecutor, competencia: string) {
  return db
    .selectFrom('faturas_processos')
    .select(['operadora_id', 'status_processo'])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('valor_centavos').as('valor')])
    .where('competencia', '=', competencia)
    .groupBy(['operadora_id', 'status_processo'])
    .execute();
}

export function operadoras(db: FaturasExecutor) {
  return db.selectFrom('faturas_operadoras').select(['id', 'codigo', 'nome']).execute();
}

/** Not yet sent to SAT, by how far the due date is: overdue, < 3 days, 3–7 days, later. */
export async function dueRisk(db: FaturasExecutor, today: string, in3: string, in7: string) {
  const row = await db
    .selectFrom('faturas_processos')
    .select([
      sql<number>`sum(case when data_vencimento < ${today} then 1 else 0 end)`.as('vencidas'),
      sql<number>`sum(case when data_vencimento >= ${today} and data_vencimento < ${in3} then 1 else 0 end)`.as('ate_3_dias'),
      sql<number>`sum(case when data_vencimento >= ${in3} and data_vencimento <= ${in7} then 1 else 0 end)`.as('de_3_a_7_dias'),
      sql<number>`sum(case when data_vencimento > ${in7} then 1 else 0 end)`.as('acima_7_dias'),
    ])
    .where('status_processo', 'in', ['AGUARDANDO_DOWNLOAD', 'AGUARDANDO_APROVACAO', 'AGUARDANDO_ENVIO_SAT'])
    .where('data_vencimento', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    vencidas: Number(row.vencidas ?? 0),
    ate_3_dias: Number(row.ate_3_dias ?? 0),
    de_3_a_7_dias: Number(row.de_3_a_7_dias ?? 0),
    acima_7_dias: Number(row.acima_7_dias ?? 0),
  };
}

export async function countStatus(db: FaturasExecutor, status: 'AGUARDANDO_APROVACAO'): Promise<number> {
  const row = await db.selectFrom('faturas_processos').select((eb) => eb.fn.countAll<number>().as('n')).where('status_processo', '=', status).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Robot executions since `since` by operadora and outcome. */
export function robotOutcomes(db: FaturasExecutor, since: number) {
  return db
    .selectFrom('faturas_execucoes as e')
    .innerJoin('faturas_processos as p', 'p.id', 'e.processo_id')
    .select(['p.operadora_id', 'e.status_execucao'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.data_inicio', '>=', since)
    .where('e.tipo_execucao', 'in', ['DOWNLOAD_FATURA', 'UPLOAD_SAT'])
    .groupBy(['p.operadora_id', 'e.status_execucao'])
    .execute();
}

export function recentFailures(db: FaturasExecutor, since: number, limit: number) {
  return db
    .selectFrom('faturas_execucoes as e')
    .innerJoin('faturas_processos as p', 'p.id', 'e.processo_id')
    .innerJoin('faturas_clientes as c', 'c.id', 'p.cliente_id')
    .innerJoin('faturas_operadoras as o', 'o.id', 'p.operadora_id')
    .select(['e.id', 'e.processo_id', 'e.tipo_execucao', 'e.status_execucao', 'e.mensagem_log', 'e.data_inicio', 'c.razao_social', 'o.codigo'])
    .where('e.data_inicio', '>=', since)
    .where('e.status_execucao', 'in', ['FALHOU', 'TIMEOUT'])
    .orderBy('e.data_inicio', 'desc')
    .limit(limit)
    .execute();
}

export async function countFailures(db: FaturasExecutor, since: number): Promise<number> {
  const row = await db
    .selectFrom('faturas_execucoes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('data_inicio', '>=', since)
    .where('status_execucao', 'in', ['FALHOU', 'TIMEOUT'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Processos not yet sent whose due date falls before `until`, for the due-date warnings. */
export function dueSoon(db: FaturasExecutor, today: string, until: string, limit: number) {
  return db
    .selectFrom('faturas_processos')
    .select(['id', 'competencia', 'data_vencimento'])
    .where('status_processo', 'in', ['AGUARDANDO_DOWNLOAD', 'AGUARDANDO_APROVACAO', 'AGUARDANDO_ENVIO_SAT'])
    .where('data_vencimento', '>=', today)
    .where('data_vencimento', '<', until)
    .orderBy('data_vencimento')
    .limit(limit)
    .execute();
}
