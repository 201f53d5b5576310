import type { Logger } from 'pino';
import type { EventBus } from '../../core/events/index.js';
import type { JobEvent, JobEventMap, JobQueue } from '../../core/jobs/index.js';
import { notifyProcesso } from './rpa.callback.js';
import { operadoraOfKind } from './rpa.jobs.js';
import { finishedMessage, isFinished, upperLevel } from './rpa.presenters.js';
import { claimFinishedJob, forgetFinishedBefore } from './rpa.repository.js';
import type { RpaDb } from './rpa.tables.js';

/** Published once per finished RPA job, for other modules (faturas moves its processo on). */
export interface RpaJobFinished {
  job_id: string;
  operadora: string;
  status: 'COMPLETED' | 'FAILED' | 'CANCELLED';
  /** Key of the stored invoice (downloads) or SAT's protocolo. */
  result: string | null;
  error: string | null;
  processo_id: string | null;
}

/** Events this module publishes on the EventBus. */
export interface RpaEvents {
  'rpa.job.finished': RpaJobFinished;
}

export interface JobUpdate {
  status: string;
  progress: number;
}

export interface JobLogLine {
  level: string;
  message: string;
}

/** What a job event means to seed 001's clients: a new status/progress, a log line, or both. */
export interface ClientView {
  jobId: string;
  operadora: string;
  at: number;
  eventId: number;
  update?: JobUpdate;
  log?: JobLogLine;
}

export function toClientView(event: JobEvent): ClientView | undefined {
  const operadora = operadoraOfKind(event.kind);
  if (operadora === undefined) return undefined;
  const base = { jobId: event.job_id, operadora, at: event.at, eventId: event.id };
  const progress = Number(event.data.progress ?? 0);
  switch (event.type) {
    case 'status': {
      const status = String(event.data.status);
      const log = isFinished(status) ? { level: 'WARN', message: finishedMessage(event.job_id, status) } : undefined;
      return { ...base, update: { status, progress }, log };
    }
    case 'progress':
      // Progress is only reported while the robot runs.
      return { ...base, update: { status: 'RUNNING', progress } };
    case 'log':
      return { ...base, log: { level: upperLevel(String(event.data.level)), message: String(event.data.message) } };
  }
}

export interface FinishedJobsOptions {
  events: EventBus<JobEventMap & RpaEvents>;
  jobs: JobQueue;
  db: RpaDb;
  processoApiUrl: string;
  logger: Logger;
  /**
   * True when every process hears every job event (Redis bus): each end is then claimed in the
   * database so that one process reacts. With the in-process bus only the process that ran the job
   * hears its end, and the claim (a commit per job) is skipped.
   */
  sharedEvents: boolean;
  now?: () => number;
}

const HOUR_MS = 3_600_000;

/**
 * Reacts once, cluster-wide, to every RPA job that ended: publishes `rpa.job.finished` and, for a
 * COMPLETED or FAILED job with a processo_id, tells the processo API (seed 001 §3.3). The job's
 * outcome is already stored and never depends on either.
 */
export function watchFinishedJobs(options: FinishedJobsOptions): () => void {
  const { events, jobs, db, logger } = options;
  const now = options.now ?? Date.now;
  let lastCleanup = 0;
  // The same end heard twice in this process (a republished event) is acted upon once.
  const handled = new Set<string>();

  async function react(event: JobEvent): Promise<void> {
    const status = String(event.data.status);
    if (handled.has(event.job_id)) return;
    if (handled.size >= 10_000) handled.clear();
    handled.add(event.job_id);
    if (options.sharedEvents && !(await claimFinishedJob(db, event.job_id, status, now()))) return;
    const job = await jobs.get(event.job_id);
    if (!job) return;
    const processoId = typeof job.payload.processo_id === 'string' ? job.payload.processo_id : null;
    await events.publish('rpa.job.finished', {
      job_id: job.id,
      operadora: operadoraOfKind(job.kind) ?? job.kind,
      status: job.status as RpaJobFinished['status'],
      result: typeof job.result === 'string' ? job.result : null,
      error: job.errorMessage,
      processo_id: processoId,
    });
    if (processoId && (job.status === 'COMPLETED' || job.status === 'FAILED')) {
      await notifyProcesso({ baseUrl: options.processoApiUrl, processoId, status: job.status, logger });
    }
    if (options.sharedEvents && now() - lastCleanup > HOUR_MS) {
      lastCleanup = now();
      await forgetFinishedBefore(db, now() - 48 * HOUR_MS);
    }
  }

  return events.subscribe('job.event', (event) => {
    if (event.type !== 'status' || operadoraOfKind(event.kind) === undefined || !isFinished(String(event.data.status))) return;
    react(event).catch((error: unknown) => logger.error({ err: error, jobId: event.job_id }, 'Falha ao tratar o fim de um job RPA'));
  });
}
