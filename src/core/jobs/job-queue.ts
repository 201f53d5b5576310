import type { Kysely } from 'kysely';
import type { Static, TSchema } from 'typebox';
import type { Database } from '../db/db.js';
import type { EventBus } from '../events/event-bus.js';
import { createBullmqDispatcher } from './bullmq-dispatcher.js';
import type { JobDefinition } from './job-definition.js';
import {
  countUnfinished,
  deleteExpiredJobs,
  eventsAfter,
  findJob,
  jobLogs,
  listJobs,
  toJobRecord,
  type EventsFilter,
  type JobCounts,
  type ListFilter,
} from './job-events.repository.js';
import { newJobId } from './job-id.js';
import { jobMetrics, setDepthSource } from './job-metrics.js';
import { createJobRegistry, type AnyJobDefinition, type JobRegistry } from './job-registry.js';
import { JobRunner, type JobLogger } from './job-runner.js';
import { withoutSecrets, type Sealer } from './job-secrets.js';
import { compileInserts, findUnfinishedByKey, insertJob, reapExpired, requestCancel } from './jobs.repository.js';
import type { JobEvent, JobEventMap, JobLogEntry, JobRecord, JobRow, JobsDb, JobTables } from './jobs.tables.js';
import { createLocalDispatcher, type Dispatcher } from './local-dispatcher.js';
import { maintenanceLoop } from './maintenance.js';
import { createInsertBatcher, createJobWriter, createKeyedInsertBatcher } from './write-batcher.js';

export interface JobTimings {
  leaseMs: number;
  heartbeatMs: number;
  /** Local adapter: fallback poll for rows other processes inserted. */
  pollMs: number;
  reapMs: number;
  retentionSweepMs: number;
  /** BullMQ adapter: re-adds PENDING rows that never reached Redis. */
  sweepMs: number;
  /** On stop, how long running handlers may finish before they are aborted. */
  shutdownGraceMs: number;
  /** Local adapter, while `yieldTo` says so: least time between two claims of a kind. */
  busySpacingMs: number;
}

const DEFAULT_TIMINGS: JobTimings = {
  leaseMs: 30_000,
  heartbeatMs: 10_000,
  pollMs: 1_000,
  reapMs: 10_000,
  retentionSweepMs: 5 * 60_000,
  sweepMs: 5_000,
  shutdownGraceMs: 10_000,
  busySpacingMs: 25,
};

export interface JobQueueOptions {
  database: Pick<Database, 'db' | 'dialect'>;
  definitions: readonly AnyJobDefinition[];
  bus: EventBus<JobEventMap>;
  /** Given to every handler beside its context (storage, clients, …). */
  deps?: object;
  /** Set: dispatch through BullMQ on this Redis; unset: from the jobs table in process. */
  redisUrl?: string;
  /** BullMQ key prefix (one per test file, or per deployment sharing a Redis). */
  bullmqPrefix?: string;
  /** Required when a kind declares `secretFields`. */
  sealer?: Sealer;
  /** False for API-only processes: they enqueue and read, never run handlers (default true). */
  runJobs?: boolean;
  /**
   * Local adapter: true while this process's requests should go first (the API under a burst); new
   * jobs then start at most every `busySpacingMs` per kind instead of the moment a slot frees.
   */
  yieldTo?: () => boolean;
  /** True only when this process is the single worker of its database (embedded mode). */
  recoverRunningOnStart?: boolean;
  logger: JobLogger;
  clock?: () => number;
  timings?: Partial<JobTimings>;
}

export interface EnqueueOptions {
  /** While a job with this key is PENDING or RUNNING, enqueue returns it instead of a new one. */
  idempotencyKey?: string;
  /** At most one job of a group runs at a time, cluster-wide. */
  group?: string;
  /** Higher runs first (default 0). */
  priority?: number;
  /** Epoch ms before which the job does not start. */
  runAt?: number;
  /** The caller's transaction: the job exists exactly when the caller's rows do. */
  trx?: Kysely<any>;
}

export type EnqueuedJob = JobRecord & { deduplicated: boolean };

export interface JobQueue {
  readonly registry: JobRegistry;
  enqueue<S extends TSchema>(kind: JobDefinition<S, any>, payload: Static<S>, options?: EnqueueOptions): Promise<EnqueuedJob>;
  enqueue(kind: string, payload: unknown, options?: EnqueueOptions): Promise<EnqueuedJob>;
  /** PENDING: cancelled at once. RUNNING: its signal is aborted; CANCELLED when the handler returns. */
  cancel(id: string): Promise<JobRecord | undefined>;
  get(id: string): Promise<JobRecord | undefined>;
  list(filter?: ListFilter): Promise<{ items: JobRecord[]; total: number }>;
  logs(id: string): Promise<JobLogEntry[]>;
  /** Events with an id above `lastId`, oldest first: SSE replay after `Last-Event-ID`. */
  eventsAfter(lastId: number, filter?: EventsFilter): Promise<JobEvent[]>;
  counts(): Promise<JobCounts>;
  /** Returns jobs whose lease expired to PENDING (or FAILED); runs by itself every `reapMs`. */
  reapExpired(): Promise<number>;
  /** Deletes finished jobs past retention; runs by itself every `retentionSweepMs`. */
  sweepRetention(): Promise<number>;
  start(): Promise<void>;
  /** Stops taking jobs, lets running ones finish for a grace period, then aborts them (left PENDING). */
  stop(): Promise<void>;
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { bus, sealer } = options;
  const db = options.database.db.withTables<JobTables>() as unknown as JobsDb;
  const dialect = options.database.dialect;
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  const now = options.clock ?? Date.now;
  const logger = options.logger;
  const registry = createJobRegistry(options.definitions, sealer);
  const metrics = jobMetrics();
  const inserts = compileInserts(db);
  const runJobs = options.runJobs ?? true;

  function publish(events: JobEvent[]): void {
    for (const event of events) {
      bus.publish('job.event', event).catch((error) => logger.warn({ err: error }, 'Falha ao publicar evento de job'));
    }
  }

  const writer = createJobWriter(db, dialect, { now, leaseMs: timings.leaseMs });
  const insertPlain = createInsertBatcher(db, inserts.plain);
  const insertKeyed = createKeyedInsertBatcher(db, inserts);
  const deps = options.deps ?? {};
  const runner = new JobRunner({ db, write: writer.write, registry, sealer, deps, metrics, logger, publish, now, leaseMs: timings.leaseMs });
  const shared = { db, dialect, registry, runner, metrics, logger, publish, now };
  const dispatcher: Dispatcher = options.redisUrl
    ? createBullmqDispatcher({ ...shared, timings, redisUrl: options.redisUrl, prefix: options.bullmqPrefix })
    : createLocalDispatcher({
        ...shared,
        claim: writer.claim,
        pollMs: timings.pollMs,
        yieldTo: options.yieldTo,
        busySpacingMs: timings.busySpacingMs,
      });

  async function reap(everyRunning: boolean): Promise<number> {
    let total = 0;
    for (;;) {
      const events = await reapExpired(db, dialect, now(), everyRunning);
      publish(events);
      for (const event of events) metrics.entered(event.kind, String(event.data.status));
      total += events.length;
      dispatcher.available(events.filter((e) => e.data.status === 'PENDING').map((e) => e.kind));
      if (events.length < 500) return total;
    }
  }

  function sweepRetention(): Promise<number> {
    const retention = new Map(registry.kinds().map((kind) => [kind, registry.require(kind).retention]));
    return deleteExpiredJobs(db, retention, 24 * 60 * 60 * 1000, now());
  }

  const maintenance = maintenanceLoop(logger, [
    { everyMs: timings.heartbeatMs, name: 'heartbeat', run: () => runner.heartbeat() },
    { everyMs: timings.reapMs, name: 'reaper', run: () => reap(false) },
    { everyMs: timings.retentionSweepMs, name: 'retenção', run: sweepRetention },
  ]);
  let unsubscribe: (() => void) | undefined;
  let state: 'idle' | 'started' | 'stopped' = 'idle';

  async function enqueue(
    kindOrDefinition: string | AnyJobDefinition,
    payload: unknown,
    opts: EnqueueOptions = {},
  ): Promise<EnqueuedJob> {
    const kind = typeof kindOrDefinition === 'string' ? kindOrDefinition : kindOrDefinition.name;
    const definition = registry.require(kind);
    const text = registry.serializePayload(kind, payload);
    const at = now();
    const row: JobRow = {
      id: newJobId(at), kind, status: 'PENDING', progress: 0, payload: text, result: null, error_message: null,
      error_category: null, attempt: 0, max_attempts: definition.maxAttempts, priority: opts.priority ?? 0,
      group_key: opts.group ?? null, idempotency_key: opts.idempotencyKey ?? null, run_at: opts.runAt ?? at,
      lease_expires_at: null, cancel_requested: 0, created_at: at, started_at: null, completed_at: null, updated_at: at,
    };
    const executor = (opts.trx ?? db) as JobsDb;
    if (row.idempotency_key === null && opts.trx === undefined) {
      await insertPlain(row);
    } else if (row.idempotency_key === null) {
      await insertJob(executor, inserts.plain, row);
    } else {
      let inserted = false;
      // The holder of the key can finish between our insert and our read; then the key is free again.
      for (let tries = 0; !inserted; tries += 1) {
        if (tries === 5) throw new Error(`Chave de idempotência disputada: ${row.idempotency_key}`);
        inserted = opts.trx === undefined ? await insertKeyed(row) : await insertJob(executor, inserts.keyed, row);
        if (inserted) break;
        const existing = await findUnfinishedByKey(executor, row.idempotency_key);
        if (existing) return { ...toJobRecord(existing), deduplicated: true };
      }
    }
    metrics.entered(kind, 'PENDING');
    await dispatcher.enqueued(row);
    return { ...toJobRecord(row, withoutSecrets(payload as Record<string, unknown>, definition.secretFields)), deduplicated: false };
  }

  return {
    registry,
    enqueue: enqueue as JobQueue['enqueue'],
    async cancel(id) {
      const changed = await requestCancel(db, dialect, id, now());
      if (!changed) return undefined;
      publish(changed.events);
      if (changed.row.status === 'RUNNING') runner.abort(id, 'cancel');
      else if (changed.events.length > 0) {
        metrics.entered(changed.row.kind, 'CANCELLED');
        await dispatcher.cancelled(changed.row);
      }
      return toJobRecord(changed.row);
    },
    async get(id) {
      const row = await findJob(db, id);
      return row && toJobRecord(row);
    },
    async list(filter = {}) {
      const { items, total } = await listJobs(db, filter);
      return { items: items.map((row) => toJobRecord(row)), total };
    },
    logs: (id) => jobLogs(db, id),
    eventsAfter: (lastId, filter = {}) => eventsAfter(db, lastId, filter),
    counts: () => countUnfinished(db),
    reapExpired: () => reap(false),
    sweepRetention,
    async start() {
      if (state !== 'idle') return;
      state = 'started';
      if (!runJobs) return;
      // A cancel requested on another node reaches the node running the job through the bus.
      unsubscribe = bus.subscribe('job.event', (event) => {
        if (event.type === 'status' && event.data.cancel_requested === true) runner.abort(event.job_id, 'cancel');
      });
      if (options.recoverRunningOnStart) await reap(true);
      await dispatcher.start();
      maintenance.start();
      // Kinds with nothing waiting read 0 rather than vanish from the gauge.
      setDepthSource(async () => ({
        ...Object.fromEntries(registry.kinds().map((kind) => [kind, { pending: 0, running: 0 }])),
        ...(await countUnfinished(db)),
      }));
    },
    async stop() {
      if (state === 'stopped') return;
      const wasStarted = state === 'started';
      state = 'stopped';
      if (!wasStarted || !runJobs) return dispatcher.close();
      await dispatcher.pause();
      let stuck = false;
      if (!(await runner.whenIdle(timings.shutdownGraceMs))) {
        runner.abortAll('shutdown');
        stuck = !(await runner.whenIdle(timings.shutdownGraceMs));
        if (stuck) await runner.releaseStuck();
      }
      await maintenance.stop();
      unsubscribe?.();
      setDepthSource(undefined);
      await dispatcher.close(stuck);
    },
  };
}
