import { JobFailure } from '../../core/jobs/index.js';
import { AppError } from '../../core/http/errors.js';
import type { FaturasContext } from './faturas.context.js';
import type { ProcessosService } from './processos.service.js';
import type { TipoAgendamento } from './agendamentos.schemas.js';
import { createTipos } from './agendamentos.tipos.js';
import type { AgendamentoRunner } from './agendamentos.jobs.js';

/** Each run of an agendamento leaves a row: when, which job, SUCESSO with its result or FALHOU with the error. */
export function createAgendamentoRunner(ctx: FaturasContext, processos: ProcessosService): AgendamentoRunner {
  const tipos = createTipos(ctx, processos);
  const { db } = ctx;
  return async (agendamentoId, jobId) => {
    const agendamento = await db.selectFrom('faturas_agendamentos').selectAll().where('id', '=', agendamentoId).executeTakeFirst();
    if (!agendamento) throw new JobFailure('not_found', `Agendamento ${agendamentoId} não existe mais`);
    const inicio = ctx.now();
    const run = await db
      .insertInto('faturas_agendamento_runs')
      .values({ agendamento_id: agendamentoId, job_id: jobId, status: 'EXECUTANDO', resultado: null, erro: null, inicio, fim: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('faturas_agendamentos').set({ ultima_execucao: inicio }).where('id', '=', agendamentoId).execute();
    const tipo = agendamento.tipo_agendamento as TipoAgendamento;
    try {
      const resultado = await (tipos[tipo] as (params: unknown) => Promise<Record<string, unknown>>)(JSON.parse(agendamento.parametros_execucao));
      await db.updateTable('faturas_agendamento_runs').set({ status: 'SUCESSO', resultado: JSON.stringify(resultado), fim: ctx.now() }).where('id', '=', run.id).execute();
      return resultado;
    } catch (error) {
      const message = error instanceof AppError ? error.message : `Falha ao executar ${tipo}: ${(error as Error).message}`;
      await db.updateTable('faturas_agendamento_runs').set({ status: 'FALHOU', erro: message.slice(0, 2000), fim: ctx.now() }).where('id', '=', run.id).execute();
      ctx.logger.error({ err: error, agendamento: agendamento.nome_agendamento }, 'Agendamento de faturas falhou');
      throw new JobFailure('agendamento', message);
    }
  };
}
