import type { Generated, Kysely, Selectable } from 'kysely';

export const JOB_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const FINISHED_STATUSES: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** Times are UTC epoch ms; payload, result and data are JSON text. */
export interface JobsTable {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  payload: string;
  result: string | null;
  error_message: string | null;
  error_category: string | null;
  attempt: number;
  max_attempts: number;
  priority: number;
  group_key: string | null;
  idempotency_key: string | null;
  run_at: number;
  lease_expires_at: number | null;
  cancel_requested: number;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  updated_at: number;
}

export interface JobLogsTable {
  id: Generated<number>;
  job_id: string;
  at: number;
  level: string;
  message: string;
}

export type JobEventType = 'status' | 'progress' | 'log';

export interface JobEventsTable {
  id: Generated<number>;
  job_id: string;
  kind: string;
  type: JobEventType;
  data: string;
  at: number;
}

// A type alias, not an interface: Kysely's `withTables` wants an indexable shape.
export type JobTables = {
  jobs: JobsTable;
  job_logs: JobLogsTable;
  job_events: JobEventsTable;
};

export type JobsDb = Kysely<JobTables>;
export type JobRow = Selectable<JobsTable>;

/** A job as the rest of the service sees it; secret payload fields are never present. */
export interface JobRecord {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  payload: Record<string, unknown>;
  result: unknown;
  errorMessage: string | null;
  errorCategory: string | null;
  attempt: number;
  maxAttempts: number;
  priority: number;
  group: string | null;
  idempotencyKey: string | null;
  runAt: number;
  cancelRequested: boolean;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  updatedAt: number;
}

/** What `job_events` holds and what is published on the EventBus as `job.event`. */
export interface JobEvent {
  id: number;
  job_id: string;
  kind: string;
  type: JobEventType;
  data: Record<string, unknown>;
  at: number;
}

export interface JobEventMap {
  'job.event': JobEvent;
}

export interface JobLogEntry {
  id: number;
  at: number;
  level: string;
  message: string;
}
