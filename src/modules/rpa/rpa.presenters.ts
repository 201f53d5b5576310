import type { JobLogEntry, JobRecord, JobStatus } from '../../core/jobs/index.js';
import type { LocalTimeFormatter } from '../../core/time/index.js';
import { operadoraOfKind } from './rpa.jobs.js';
import type { JobStatusResponse, JobSummary, LevelledLogLine } from './rpa.schemas.js';

const FINISHED: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];
export const isFinished = (status: JobStatus | string): boolean => (FINISHED as readonly string[]).includes(status);

/**
 * The line seed 004's dashboard waits for to know a job ended. It is derived from the durable final
 * status (never written before it), so every reader (status, logs, SSE, WebSocket) sees the same.
 */
export function finishedMessage(jobId: string, status: string): string {
  return `Job ${jobId} concluído com status ${status}`;
}

export const upperLevel = (level: string): string => (level === 'warning' ? 'WARN' : level.toUpperCase());

export function logLines(job: JobRecord, logs: readonly JobLogEntry[], format: LocalTimeFormatter): LevelledLogLine[] {
  const lines = logs.map((entry) => ({ timestamp: format(entry.at), level: upperLevel(entry.level), message: entry.message }));
  if (isFinished(job.status) && job.completedAt !== null) {
    lines.push({ timestamp: format(job.completedAt), level: 'WARN', message: finishedMessage(job.id, job.status) });
  }
  return lines;
}

/** `result` is the stored file's key (downloads) or SAT's protocolo; `error` only when FAILED. */
export function toStatus(job: JobRecord, logs: readonly JobLogEntry[], format: LocalTimeFormatter): JobStatusResponse {
  return {
    job_id: job.id,
    operadora: operadoraOfKind(job.kind) ?? job.kind,
    status: job.status,
    progress: job.progress,
    result: job.status === 'COMPLETED' && typeof job.result === 'string' ? job.result : null,
    error: job.status === 'FAILED' ? job.errorMessage : null,
    created_at: format(job.createdAt),
    started_at: job.startedAt === null ? null : format(job.startedAt),
    completed_at: job.completedAt === null ? null : format(job.completedAt),
    logs: logLines(job, logs, format).map(({ timestamp, message }) => ({ timestamp, message })),
  };
}

export function toSummary(job: JobRecord, format: LocalTimeFormatter): JobSummary {
  return {
    job_id: job.id,
    operadora: operadoraOfKind(job.kind) ?? job.kind,
    status: job.status,
    progress: job.progress,
    created_at: format(job.createdAt),
  };
}
