import { endpoint } from './endpoint';

export const CARRIERS = ['OI', 'VIVO', 'EMBRATEL', 'DIGITALNET'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const JOB_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobSummary {
  job_id: string;
  operadora: string;
  status: JobStatus;
  progress: number;
  created_at: string;
}

/** A row of the console's job list (`/jobs/search`). */
export interface JobRow extends JobSummary {
  tipo: 'download' | 'sat';
  started_at: string | null;
  completed_at: string | null;
  duration_seconds: number | null;
  filtro: string | null;
  cnpj: string | null;
  competencia: string | null;
  error: string | null;
  result: string | null;
  attempt: number;
}

export type JobCounts = Record<JobStatus | 'ALL', number>;

export interface JobInputs {
  job_id: string;
  operadora: string;
  tipo: 'download' | 'sat';
  inputs: Record<string, string>;
}

export interface JobDetail extends JobSummary {
  result: string | null;
  error: string | null;
  started_at: string | null;
  completed_at: string | null;
  logs: { timestamp: string; message: string }[];
}

export interface DownloadJobInput {
  login: string;
  senha: string;
  filtro: string;
  cnpj: string;
  processo_id?: string;
  /** `AAAAMM`; absent, the previous month. */
  competencia?: string;
}

export interface SatJobInput {
  cnpj: string;
  razao: string;
  operadora: string;
  nome_filtro: string;
  unidade: string;
  servico: string;
  dados_sat: string;
  nome_arquivo: string;
  /** `DD/MM/AAAA`. */
  data_vencimento: string;
}

export interface JobCreated {
  job_id: string;
  status: 'PENDING';
  message: string;
  status_url: string;
}

export const rpaApi = {
  listJobs: endpoint<{ total_jobs: number; jobs: JobSummary[] }, undefined, { limit: number; operadora?: string; status?: JobStatus }>()(
    'GET',
    '/jobs',
  ),
  searchJobs: endpoint<{ total: number; counts: JobCounts; jobs: JobRow[] }, undefined, { limit: number; offset: number; operadora?: string; status?: JobStatus }>()(
    'GET',
    '/jobs/search',
  ),
  inputs: endpoint<JobInputs>()('GET', '/jobs/{job_id}/inputs'),
  rerun: endpoint<JobCreated>()('POST', '/jobs/{job_id}/rerun'),
  createDownload: endpoint<JobCreated, DownloadJobInput>()('POST', '/executar/{operadora}'),
  createSat: endpoint<JobCreated, SatJobInput>()('POST', '/executar/sat'),
  status: endpoint<JobDetail>()('GET', '/status/{job_id}'),
  cancel: endpoint<void>()('DELETE', '/jobs/{job_id}', 'empty'),
  result: endpoint<Blob>()('GET', '/jobs/{job_id}/result', 'blob'),
  screenshot: endpoint<Blob>()('GET', '/jobs/{job_id}/artifacts/screenshot', 'blob'),
};

/** Messages the service pushes on `/ws/notifications` (seed 001 §4.3.2). */
export type JobMessage =
  | { type: 'job_update'; job_id: string; data: { status: JobStatus; progress: number; operadora: string } }
  | { type: 'log'; job_id: string; level: string; message: string };

export const NOTIFICATIONS_PATH = '/ws/notifications';
