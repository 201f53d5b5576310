export {
  defineJob,
  JobFailure,
  RetryableError,
  type Backoff,
  type JobContext,
  type JobDefinition,
  type JobLogLevel,
  type JobSpec,
} from './job-definition.js';
export {
  createJobQueue,
  type EnqueuedJob,
  type EnqueueOptions,
  type JobQueue,
  type JobQueueOptions,
  type JobTimings,
} from './job-queue.js';
export type { EventsFilter, JobCounts, ListFilter } from './job-events.repository.js';
export { JobPayloadError, UnknownJobKindError, type AnyJobDefinition, type JobRegistry } from './job-registry.js';
export type { JobLogger } from './job-runner.js';
export type { Sealer } from './job-secrets.js';
export { jobsMigrations } from './jobs.migrations.js';
export type { JobEvent, JobEventMap, JobEventType, JobLogEntry, JobRecord, JobStatus } from './jobs.tables.js';
