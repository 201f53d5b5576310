import type { JobQueue, JobRecord, JobStatus } from '../../core/jobs/index.js';
import type { LocalTimeFormatter } from '../../core/time/index.js';
import { kindOf, operadoraOfKind, RPA_KINDS, SAT, type JobOperadora } from './rpa.jobs.js';
import type { JobRow, JobsSearchQuery } from './rpa-jobs-list.schemas.js';

const STATUSES: readonly JobStatus[] = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** A listed job: its account, CNPJ and competência from the payload (secrets are never in it), its duration and error. */
export function toJobRow(job: JobRecord, format: LocalTimeFormatter, now = Date.now()): JobRow {
  const operadora = operadoraOfKind(job.kind) ?? job.kind;
  const sat = operadora === SAT;
  const payload = job.payload;
  const end = job.completedAt ?? (job.status === 'RUNNING' ? now : null);
  return {
    job_id: job.id,
    operadora,
    tipo: sat ? 'sat' : 'download',
    status: job.status,
    progress: job.progress,
    created_at: format(job.createdAt),
    started_at: job.startedAt === null ? null : format(job.startedAt),
    completed_at: job.completedAt === null ? null : format(job.completedAt),
    duration_seconds: job.startedAt === null || end === null ? null : Math.max(0, Math.round((end - job.startedAt) / 100) / 10),
    filtro: text(sat ? payload.nome_filtro : payload.filtro),
    cnpj: text(payload.cnpj),
    competencia: text(payload.competencia),
    error: job.status === 'FAILED' ? (job.errorMessage?.split('\n')[0] ?? null) : null,
    result: job.status === 'COMPLETED' && typeof job.result === 'string' ? job.result : null,
    attempt: job.attempt,
  };
}

/** The console's job list: server-side pages, status counts for the tabs, rows that say what each job is. */
export async function searchJobs(jobs: JobQueue, query: JobsSearchQuery, format: LocalTimeFormatter) {
  const kinds = query.operadora ? [kindOf(query.operadora as JobOperadora)] : RPA_KINDS;
  const [page, ...totals] = await Promise.all([
    jobs.list({ kinds, status: query.status, limit: query.limit ?? 20, offset: query.offset ?? 0 }),
    ...STATUSES.map((status) => jobs.list({ kinds, status, limit: 0 })),
  ]);
  const counts = Object.fromEntries(STATUSES.map((status, i) => [status, totals[i]!.total])) as Record<JobStatus, number>;
  const now = Date.now();
  return {
    total: page.total,
    counts: { ALL: STATUSES.reduce((sum, status) => sum + counts[status], 0), ...counts },
    jobs: page.items.map((job) => toJobRow(job, format, now)),
  };
}

/** What the robot was asked, as text (the payload never holds the password; nested values are left out). */
export function jobInputs(job: JobRecord): Record<string, string> {
  return Object.fromEntries(
    Object.entries(job.payload)
      .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
      .map(([key, value]) => [key, String(value)]),
  );
}
