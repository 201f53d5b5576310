import { badRequest, notFound } from '../../core/http/errors.js';
import { localTimeFormatter } from '../../core/time/index.js';
import type { Actor, FaturasContext } from './faturas.context.js';
import { countExecucoes, findExecucao, listExecucoes, lockExecucao, updateExecucao, type ExecucaoFilter } from './execucoes.repository.js';
import { toExecucao } from './processos.presenters.js';
import { addDays } from './processos.rules.js';
import type { ProcessosService } from './processos.service.js';
import type { ExecucaoQuery } from './execucoes.schemas.js';

const execucaoNotFound = () => notFound('Execução não encontrada');
const RETRYABLE = ['FALHOU', 'TIMEOUT', 'CANCELADO'];

/** Midnight of a `YYYY-MM-DD` date in `timeZone`, as epoch ms (the zone's offset read at that instant). */
function startOfDay(date: string, timeZone: string): number {
  const utc = Date.parse(`${date}T00:00:00Z`);
  const local = Date.parse(`${localTimeFormatter(timeZone)(utc)}Z`);
  return utc - (local - utc);
}

export function createExecucoesService(ctx: FaturasContext, processos: ProcessosService) {
  const { db } = ctx;

  async function list(query: ExecucaoQuery) {
    const filter: ExecucaoFilter = {
      status_execucao: query.status_execucao, tipo_execucao: query.tipo_execucao, processo_id: query.processo_id,
      operadora_id: query.operadora_id, q: query.q,
      ...(query.data_inicio ? { desde: startOfDay(query.data_inicio, ctx.timeZone) } : {}),
      // The end date is inclusive, to its last millisecond.
      ...(query.data_fim ? { ate: startOfDay(addDays(query.data_fim, 1), ctx.timeZone) } : {}),
    };
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 20;
    const [count, rows] = await Promise.all([countExecucoes(db, filter), listExecucoes(db, filter, pageSize, (page - 1) * pageSize)]);
    return { count, page, pageSize, results: rows.map(toExecucao) };
  }

  /** The execução with its robot's log lines (kept while the job is, 24 h after it ends). */
  async function detail(id: string) {
    const row = await findExecucao(db, id);
    if (!row) throw execucaoNotFound();
    const logs = row.job_id ? await ctx.jobs.logs(row.job_id) : [];
    return { ...toExecucao(row), logs: logs.map((l) => ({ timestamp: new Date(l.at).toISOString(), level: l.level.toUpperCase(), message: l.message })) };
  }

  /** Cancels the execução and its robot; a robot already finishing ends CANCELLED or is ignored. */
  async function cancelar(id: string, motivo: string | undefined) {
    const jobId = await db.transaction().execute(async (trx) => {
      const row = await lockExecucao(trx, id);
      if (!row) throw execucaoNotFound();
      if (row.status_execucao !== 'EXECUTANDO' && row.status_execucao !== 'TENTANDO_NOVAMENTE') {
        throw badRequest('Apenas execuções em andamento podem ser canceladas');
      }
      const text = motivo?.trim() ? `Execução cancelada: ${motivo.trim()}` : 'Execução cancelada pelo usuário';
      await updateExecucao(trx, id, { status_execucao: 'CANCELADO', data_fim: ctx.now(), agendada_para: null, mensagem_log: text });
      return row.job_id;
    });
    if (jobId) await ctx.jobs.cancel(jobId);
    return { message: 'Execução cancelada com sucesso', execucao: toExecucao((await findExecucao(db, id))!) };
  }

  /** A real new robot job for the same step, numbered after the one retried. */
  async function tentarNovamente(id: string, actor: Actor) {
    const row = await findExecucao(db, id);
    if (!row) throw execucaoNotFound();
    if (!RETRYABLE.includes(row.status_execucao)) throw badRequest('Apenas execuções falhadas podem ser retentadas');
    if (row.tipo_execucao === 'UPLOAD_MANUAL') throw badRequest('Upload manual não pode ser retentado; envie o arquivo novamente');
    const started =
      row.tipo_execucao === 'UPLOAD_SAT'
        ? await processos.enviarSat(row.processo_id, actor, row.numero_tentativa + 1)
        : await processos.executarDownload(row.processo_id, actor, row.numero_tentativa + 1);
    return { ...started, message: `Nova tentativa criada com sucesso (Tentativa #${row.numero_tentativa + 1})` };
  }

  return { list, detail, cancelar, tentarNovamente };
}
