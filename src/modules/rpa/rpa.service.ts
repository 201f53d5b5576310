import { AppError, notFound, unprocessable } from '../../core/http/errors.js';
import type { EventBus } from '../../core/events/index.js';
import type { JobEventMap, JobQueue, JobRecord, JobStatus } from '../../core/jobs/index.js';
import { localTimeFormatter } from '../../core/time/index.js';
import { kindOf, operadoraOfKind, RPA_KINDS, SAT, type DownloadJobPayload, type JobOperadora, type SatJobPayload } from './rpa.jobs.js';
import { isFinished, logLines, toStatus, toSummary } from './rpa.presenters.js';
import { createStatusCache } from './rpa.status-cache.js';
import { UUID, type DownloadBody, type JobsQuery, type SatBody } from './rpa.schemas.js';
import { isRealDate } from './rpa.validation.js';
import { OPERADORAS, previousCompetencia, type Operadora } from './robots/index.js';

export interface RpaServiceOptions {
  jobs: JobQueue;
  events: EventBus<JobEventMap>;
  timeZone: string;
  /** SAT's login names the concurrency group of uploads: one robot per portal login. */
  satLogin: string | undefined;
  syncTimeoutMs: number;
}

export const jobNotFound = (jobId: string) => notFound(`Job '${jobId}' não encontrado`);

const isOperadora = (value: string): value is Operadora => (OPERADORAS as readonly string[]).includes(value);

function created(job: JobRecord & { deduplicated: boolean }, operadora: JobOperadora) {
  return {
    job_id: job.id,
    // PENDING for a new job; the existing job's own status when it was deduplicated.
    status: job.status,
    // A double click finds the job the first click started instead of starting a second robot.
    message: job.deduplicated ? `Job já em andamento para operadora ${operadora}` : `Job criado para operadora ${operadora}`,
    status_url: `/status/${job.id}`,
  };
}

export function createRpaService(options: RpaServiceOptions) {
  const { jobs, events } = options;
  const format = localTimeFormatter(options.timeZone);
  const statusCache = createStatusCache(events);

  /** The job, when the id names one of this module's jobs. */
  async function find(jobId: string): Promise<JobRecord | undefined> {
    if (!UUID.test(jobId)) return undefined;
    const job = await jobs.get(jobId);
    return job && operadoraOfKind(job.kind) !== undefined ? job : undefined;
  }

  async function require(jobId: string): Promise<JobRecord> {
    const job = await find(jobId);
    if (!job) throw jobNotFound(jobId);
    return job;
  }

  /**
   * The job's status answer. Polls may be answered from the status cache; `fresh` reads the
   * database, for answers that must show a change this request just made or waited for.
   */
  async function status(jobId: string, { fresh = false } = {}) {
    if (!UUID.test(jobId)) throw jobNotFound(jobId);
    const read = async () => {
      const [job, logs] = await Promise.all([jobs.get(jobId), jobs.logs(jobId)]);
      if (!job || operadoraOfKind(job.kind) === undefined) throw jobNotFound(jobId);
      return toStatus(job, logs, format);
    };
    return fresh ? read() : statusCache.get(jobId, read);
  }

  async function createDownload(operadora: string, body: DownloadBody) {
    if (!isOperadora(operadora)) throw notFound(`Operadora '${operadora}' não encontrada`);
    // Fixed now, so the idempotency key and the robot agree on the month even across midnight.
    const competencia = body.competencia ?? previousCompetencia(new Date(), options.timeZone);
    const cnpj = body.cnpj.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
    const payload: DownloadJobPayload = {
      operadora,
      login: body.login,
      senha: body.senha,
      filtro: body.filtro,
      cnpj: body.cnpj,
      competencia,
      ...(body.processo_id ? { processo_id: body.processo_id.toLowerCase() } : {}),
    };
    const job = await jobs.enqueue(kindOf(operadora), payload, {
      idempotencyKey: `${operadora}|${cnpj}|${body.filtro}|${competencia}`,
      group: `${operadora}|${body.login}`,
    });
    return created(job, operadora);
  }

  async function createSat(body: SatBody) {
    if (!isRealDate(body.data_vencimento)) {
      throw unprocessable('Data de vencimento inválida.', [
        { loc: ['body', 'data_vencimento'], msg: 'data inválida: use DD/MM/AAAA', type: 'value_error.date' },
      ]);
    }
    const { processo_id, ...fields } = body;
    const payload: SatJobPayload = { ...fields, ...(processo_id ? { processo_id: processo_id.toLowerCase() } : {}) };
    const cnpj = body.cnpj.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
    const job = await jobs.enqueue(kindOf(SAT), payload, {
      idempotencyKey: `${SAT}|${cnpj}|${body.nome_filtro}|${body.nome_arquivo}`,
      group: `${SAT}|${options.satLogin ?? ''}`,
    });
    return created(job, SAT);
  }

  async function list(query: JobsQuery) {
    const limit = query.limit ?? 100;
    const kinds = query.operadora ? [kindOf(query.operadora as JobOperadora)] : RPA_KINDS;
    const pages = await Promise.all(kinds.map((kind) => jobs.list({ kind, status: query.status, limit })));
    // Ids are UUIDv7: their order is creation order, newest first here.
    const items = pages
      .flatMap((page) => page.items)
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, limit);
    const total = pages.reduce((sum, page) => sum + page.total, 0);
    return { total_jobs: total, jobs: items.map((job) => toSummary(job, format)) };
  }

  async function cancel(jobId: string) {
    await require(jobId);
    await jobs.cancel(jobId);
    return status(jobId, { fresh: true });
  }

  async function logs(jobId: string) {
    const job = await require(jobId);
    return logLines(job, await jobs.logs(jobId), format);
  }

  /** Resolves once the job is finished, from its live events (a slow poll covers a lost one). */
  async function waitFinished(jobId: string, timeoutMs = options.syncTimeoutMs): Promise<void> {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const unsubscribe = events.subscribe('job.event', (event) => {
      if (event.job_id === jobId && event.type === 'status' && isFinished(String(event.data.status))) resolve();
    });
    const check = async () => {
      const job = await jobs.get(jobId);
      if (!job || isFinished(job.status)) resolve();
    };
    const poll = setInterval(() => void check().catch(() => undefined), 2_000);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    try {
      await events.ready();
      await check();
      if ((await Promise.race([done, timeout])) === 'timeout') {
        const seconds = Math.round(timeoutMs / 1000);
        throw new AppError(
          504,
          `Tempo de espera esgotado após ${seconds} s: o job ${jobId} continua em execução; acompanhe em /status/${jobId}`,
        );
      }
    } finally {
      unsubscribe();
      clearInterval(poll);
      clearTimeout(timer);
    }
  }

  async function counts(): Promise<{ pending: number; running: number }> {
    const all = await jobs.counts();
    let pending = 0;
    let running = 0;
    for (const [kind, count] of Object.entries(all)) {
      if (operadoraOfKind(kind) === undefined) continue;
      pending += count.pending;
      running += count.running;
    }
    return { pending, running };
  }

  /** Finished jobs of this module still kept (24 h), for the `system_status` event. */
  async function finishedCount(): Promise<number> {
    const statuses: JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];
    const pages = await Promise.all(RPA_KINDS.flatMap((kind) => statuses.map((s) => jobs.list({ kind, status: s, limit: 0 }))));
    return pages.reduce((sum, page) => sum + page.total, 0);
  }

  return {
    find,
    require,
    status,
    createDownload,
    createSat,
    list,
    cancel,
    logs,
    waitFinished,
    counts,
    finishedCount,
    /** Stops listening to job events. */
    close: () => statusCache.close(),
  };
}

export type RpaService = ReturnType<typeof createRpaService>;
