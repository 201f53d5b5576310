import { randomUUID } from 'node:crypto';
import type { JobRecord } from '../../core/jobs/index.js';
import { AppError } from '../../core/http/errors.js';
import type { ClienteForRobot } from './cadastros.js';
import { SYSTEM, type Actor, type FaturasContext } from './faturas.context.js';
import { readFatura, readStored, type FaturaData } from './fatura-pdf.js';
import { dueRetries, execucoesOfJob, insertExecucao, lockExecucao, runningSince, updateExecucao } from './execucoes.repository.js';
import { notify } from './notificacoes.repository.js';
import { downloadRequest, enqueueRobot } from './processos.robots.js';
import { insertHistorico, lockProcesso, updateProcesso } from './processos.repository.js';
import { toMesAno } from './processos.rules.js';
import type { ExecucaoRow, FaturasExecutor, ProcessoRow, StatusExecucao, StatusProcesso } from './processos.tables.js';

/** Download attempts in all; after the last failure a person is told. */
export const MAX_TENTATIVAS_DOWNLOAD = 3;
/** Waits before the 2nd and 3rd attempts (the original's documented policy: 30 min, then 1 h). */
export const RETRY_DELAYS_MS = [30 * 60_000, 60 * 60_000];
/** An execução whose robot has neither finished nor been heard of in this long is a TIMEOUT. */
export const EXECUCAO_TIMEOUT_MS = 30 * 60_000;

const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export interface HistoryEntry {
  acao: string;
  from: StatusProcesso | null;
  to: StatusProcesso;
  motivo?: string | null;
}

/** One line of a processo's history: who, when, from where, what changed and why. */
export function history(processoId: string, actor: Actor, entry: HistoryEntry, at: number) {
  return {
    processo_id: processoId,
    at,
    usuario_id: actor.usuarioId,
    acao: entry.acao,
    status_anterior: entry.from,
    status_novo: entry.to,
    motivo: entry.motivo ?? null,
    ip_origem: actor.ip,
    user_agent: actor.userAgent,
  };
}

/** The approvers hear of a processo waiting for them once per file. */
export function notifyAprovacao(trx: FaturasExecutor, processo: ProcessoRow, origem: string, at: number) {
  return notify(
    trx,
    {
      perfis: ['APROVADOR'],
      tipo: 'APROVACAO_PENDENTE',
      titulo: 'Fatura aguardando aprovação',
      mensagem: `A fatura de ${toMesAno(processo.competencia)} chegou e aguarda aprovação.`,
      processo_id: processo.id,
      chave: `aprovacao:${processo.id}:${origem}`,
    },
    at,
  );
}

/** The changes a stored invoice brings: its key and hash, and what its text says where nothing was typed. */
export function faturaChanges(processo: ProcessoRow, key: string, filename: string, data: FaturaData) {
  return {
    fatura_key: key,
    fatura_filename: filename.slice(0, 255),
    fatura_sha256: data.sha256,
    valor_centavos: processo.valor_centavos ?? data.valorCentavos,
    data_vencimento: processo.data_vencimento ?? data.dataVencimento,
    linha_digitavel: processo.linha_digitavel ?? data.linhaDigitavel,
  };
}

type Outcome = { status: StatusExecucao; job: JobRecord | null; error: string | null; category: string | null };

/**
 * Moves processos on when their robots end. Every path that learns of an end (the rpa event, the
 * seed-001 callback, the sweep, the console's re-check) calls `applyJob`: it re-reads the job and
 * changes an execução only while it is EXECUTANDO, on a locked row, so a replay changes nothing.
 */
export function createOutcomes(ctx: FaturasContext) {
  const { db, logger } = ctx;

  async function fail(trx: FaturasExecutor, execucao: ExecucaoRow, processo: ProcessoRow, outcome: Outcome, at: number): Promise<void> {
    const message = outcome.error ?? (outcome.status === 'TIMEOUT' ? 'Execução excedeu o tempo limite' : 'Execução cancelada');
    await updateExecucao(trx, execucao.id, {
      status_execucao: outcome.status,
      data_fim: at,
      mensagem_log: message.slice(0, 2000),
      detalhes_erro: JSON.stringify({ tipo_erro: outcome.category ?? outcome.status.toLowerCase(), mensagem: message, timestamp: new Date(at).toISOString() }),
    });
    if (outcome.status === 'CANCELADO') return;
    if (execucao.tipo_execucao === 'UPLOAD_SAT') {
      const tentativas = processo.tentativas_upload_sat + 1;
      await updateProcesso(trx, processo.id, { tentativas_upload_sat: tentativas, ultimo_erro: message.slice(0, 2000), updated_at: at });
      await insertHistorico(trx, [history(processo.id, SYSTEM, { acao: 'ENVIO_SAT_FALHOU', from: processo.status_processo, to: processo.status_processo, motivo: message }, at)]);
      // SAT may already hold the file after an interrupted upload: a person checks before trying again.
      await notify(trx, { perfis: ['OPERADOR'], tipo: 'FALHA_UPLOAD_SAT', titulo: 'Falha no envio ao SAT', mensagem: message.slice(0, 2000), processo_id: processo.id, chave: `sat:${execucao.id}` }, at);
      return;
    }
    const tentativas = processo.tentativas_download + 1;
    await updateProcesso(trx, processo.id, { tentativas_download: tentativas, ultimo_erro: message.slice(0, 2000), updated_at: at });
    const retry = processo.status_processo === 'AGUARDANDO_DOWNLOAD' && tentativas < MAX_TENTATIVAS_DOWNLOAD;
    const motivo = retry ? `${message} (nova tentativa agendada)` : message;
    await insertHistorico(trx, [history(processo.id, SYSTEM, { acao: 'DOWNLOAD_FALHOU', from: processo.status_processo, to: processo.status_processo, motivo }, at)]);
    if (retry) {
      const delay = RETRY_DELAYS_MS[Math.min(tentativas - 1, RETRY_DELAYS_MS.length - 1)];
      await insertExecucao(trx, {
        id: randomUUID(),
        processo_id: processo.id,
        tipo_execucao: 'DOWNLOAD_FATURA',
        status_execucao: 'TENTANDO_NOVAMENTE',
        job_id: null,
        numero_tentativa: execucao.numero_tentativa + 1,
        parametros_entrada: execucao.parametros_entrada,
        agendada_para: at + delay,
        data_inicio: at,
        executado_por_usuario_id: null,
        ip_origem: null,
        user_agent: null,
      });
      return;
    }
    if (tentativas >= MAX_TENTATIVAS_DOWNLOAD) {
      await notify(
        trx,
        {
          perfis: ['OPERADOR'],
          tipo: 'FALHA_DOWNLOAD',
          titulo: 'Download da fatura falhou',
          mensagem: `O download da fatura de ${toMesAno(processo.competencia)} falhou ${tentativas} vezes: ${message}`.slice(0, 2000),
          processo_id: processo.id,
          chave: `download:${execucao.id}`,
        },
        at,
      );
    }
  }

  async function complete(trx: FaturasExecutor, execucao: ExecucaoRow, processo: ProcessoRow, job: JobRecord, fatura: FaturaData | null, at: number) {
    const result = typeof job.result === 'string' ? job.result : null;
    await updateExecucao(trx, execucao.id, {
      status_execucao: 'CONCLUIDO',
      data_fim: at,
      resultado_saida: JSON.stringify({ result }),
      url_arquivo: execucao.tipo_execucao === 'DOWNLOAD_FATURA' ? result : null,
      mensagem_log: `Job ${job.id} concluído com status COMPLETED`,
    });
    if (execucao.tipo_execucao === 'UPLOAD_SAT') {
      if (processo.status_processo !== 'AGUARDANDO_ENVIO_SAT') return;
      await updateProcesso(trx, processo.id, { status_processo: 'UPLOAD_REALIZADO', enviado_para_sat: 1, data_envio_sat: at, protocolo_sat: result, ultimo_erro: null, updated_at: at });
      await insertHistorico(trx, [history(processo.id, SYSTEM, { acao: 'ENVIO_SAT_CONCLUIDO', from: 'AGUARDANDO_ENVIO_SAT', to: 'UPLOAD_REALIZADO', motivo: result && `Protocolo SAT ${result}` }, at)]);
      return;
    }
    // A manual upload may have come first: the robot's file is kept on the execução only.
    if (processo.status_processo !== 'AGUARDANDO_DOWNLOAD' || !result || !fatura) return;
    await updateProcesso(trx, processo.id, {
      ...faturaChanges(processo, result, result.slice(result.lastIndexOf('/') + 1), fatura),
      status_processo: 'AGUARDANDO_APROVACAO',
      upload_manual: 0,
      ultimo_erro: null,
      updated_at: at,
    });
    await insertHistorico(trx, [history(processo.id, SYSTEM, { acao: 'DOWNLOAD_CONCLUIDO', from: 'AGUARDANDO_DOWNLOAD', to: 'AGUARDANDO_APROVACAO' }, at)]);
    await notifyAprovacao(trx, processo, execucao.id, at);
  }

  /** Applies one execução's end, under its lock; false when it had already been applied. */
  async function settle(execucaoId: string, outcome: Outcome, fatura: FaturaData | null): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const execucao = await lockExecucao(trx, execucaoId);
      if (!execucao || execucao.status_execucao !== 'EXECUTANDO') return false;
      const processo = await lockProcesso(trx, execucao.processo_id);
      if (!processo) return false;
      const at = ctx.now();
      if (outcome.status === 'CONCLUIDO' && outcome.job) await complete(trx, execucao, processo, outcome.job, fatura, at);
      else await fail(trx, execucao, processo, outcome, at);
      return true;
    });
  }

  function outcomeOf(job: JobRecord): Outcome {
    if (job.status === 'COMPLETED') return { status: 'CONCLUIDO', job, error: null, category: null };
    if (job.status === 'CANCELLED') return { status: 'CANCELADO', job, error: 'Job cancelado', category: 'cancelled' };
    return { status: 'FALHOU', job, error: job.errorMessage ?? 'Job falhou', category: job.errorCategory };
  }

  /** The downloaded invoice read before the transaction; a result without a stored file is a failure. */
  async function downloaded(job: JobRecord): Promise<FaturaData | Outcome> {
    const key = typeof job.result === 'string' ? job.result : null;
    const bytes = key ? await readStored(ctx.storage, key) : null;
    if (!bytes) return { status: 'FALHOU', job, error: `Arquivo da fatura não encontrado no armazenamento: ${key ?? '(sem resultado)'}`, category: 'file' };
    return readFatura(bytes, logger);
  }

  async function applyJob(jobId: string): Promise<boolean> {
    const execucoes = (await execucoesOfJob(db, jobId)).filter((e) => e.status_execucao === 'EXECUTANDO');
    if (execucoes.length === 0) return false;
    const job = await ctx.jobs.get(jobId);
    if (!job || !FINISHED.has(job.status)) return false;
    let outcome = outcomeOf(job);
    let fatura: FaturaData | null = null;
    if (outcome.status === 'CONCLUIDO' && execucoes.some((e) => e.tipo_execucao === 'DOWNLOAD_FATURA')) {
      const read = await downloaded(job);
      if ('sha256' in read) fatura = read;
      else outcome = read;
    }
    let changed = false;
    for (const execucao of execucoes) changed = (await settle(execucao.id, outcome, fatura)) || changed;
    return changed;
  }

  /** Starts a retry whose time has come, inside one transaction with its job. */
  async function startRetry(execucao: ExecucaoRow, found: ClienteForRobot | undefined): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const current = await lockExecucao(trx, execucao.id);
      if (!current || current.status_execucao !== 'TENTANDO_NOVAMENTE') return;
      const processo = await lockProcesso(trx, execucao.processo_id);
      const at = ctx.now();
      if (!processo || processo.status_processo !== 'AGUARDANDO_DOWNLOAD' || !found) {
        await updateExecucao(trx, execucao.id, { status_execucao: 'CANCELADO', agendada_para: null, data_fim: at, mensagem_log: 'Nova tentativa dispensada: o processo não aguarda mais o download' });
        return;
      }
      try {
        const request = downloadRequest(found, processo);
        const job = await enqueueRobot(ctx, trx, request);
        await updateExecucao(trx, execucao.id, { status_execucao: 'EXECUTANDO', job_id: job.id, agendada_para: null, data_inicio: at, parametros_entrada: JSON.stringify(request.parameters) });
        await updateProcesso(trx, processo.id, { ultima_tentativa_download: at, updated_at: at });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await fail(trx, { ...current, status_execucao: 'EXECUTANDO' }, processo, { status: 'FALHOU', job: null, error: error.message, category: 'cadastro' }, at);
      }
    });
  }

  /**
   * The durable half: due retries start, execuções whose end went unheard are settled from their job,
   * and those running past EXECUCAO_TIMEOUT_MS become TIMEOUT (their job cancelled).
   */
  async function sweep(): Promise<void> {
    const at = ctx.now();
    for (const execucao of await dueRetries(db, at, 50)) {
      const processo = await db.selectFrom('faturas_processos').select('cliente_id').where('id', '=', execucao.processo_id).executeTakeFirst();
      await startRetry(execucao, processo && (await ctx.cadastros.getClienteForRobot(processo.cliente_id)));
    }
    for (const execucao of await runningSince(db, at - 30_000, 200)) {
      if (!execucao.job_id) continue;
      const job = await ctx.jobs.get(execucao.job_id);
      if (job && FINISHED.has(job.status)) await applyJob(job.id);
      else if (!job) await settle(execucao.id, { status: 'FALHOU', job: null, error: `Job ${execucao.job_id} não encontrado`, category: 'job' }, null);
      else if (at - execucao.data_inicio > EXECUCAO_TIMEOUT_MS) {
        if (await settle(execucao.id, { status: 'TIMEOUT', job, error: `Execução excedeu ${EXECUCAO_TIMEOUT_MS / 60_000} minutos`, category: 'timeout' }, null)) {
          await ctx.jobs.cancel(job.id);
        }
      }
    }
  }

  return { applyJob, sweep, settle };
}

export type Outcomes = ReturnType<typeof createOutcomes>;
