import { DelayedError, Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Dialect } from '../db/db.js';
import { findJob, listStalePending } from './job-events.repository.js';
import type { JobMetrics } from './job-metrics.js';
import type { JobTimings } from './job-queue.js';
import type { JobRegistry } from './job-registry.js';
import type { JobLogger, JobRunner } from './job-runner.js';
import { claimJobs } from './jobs.repository.js';
import type { JobEvent, JobRow, JobsDb } from './jobs.tables.js';
import type { Dispatcher } from './local-dispatcher.js';

export interface BullmqDispatcherOptions {
  db: JobsDb;
  dialect: Dialect;
  registry: JobRegistry;
  runner: JobRunner;
  metrics: JobMetrics;
  logger: JobLogger;
  publish(events: JobEvent[]): void;
  now(): number;
  timings: JobTimings;
  redisUrl: string;
  prefix: string | undefined;
}

// BullMQ runs unprioritized jobs before prioritized ones and lower numbers first; ours run higher
// first with 0 as the default, so every job gets an explicit, inverted priority.
function bullPriority(priority: number): number {
  return Math.min(2_097_151, Math.max(1, 1_000_000 - priority));
}

/**
 * Scale-out dispatch: the job row is the record and is inserted first; BullMQ carries the job id
 * (jobId = row id) to a Worker of its kind, which claims the row with the same fenced update as the
 * local adapter. BullMQ's stalled-job recovery re-delivers the work of a dead node; the table lease
 * decides when it may run again; a sweeper re-adds PENDING rows that never reached Redis.
 */
export function createBullmqDispatcher(options: BullmqDispatcherOptions): Dispatcher {
  const { db, dialect, registry, runner, metrics, logger, publish, now, timings } = options;
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const prefix = options.prefix ?? 'retaguarda';
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  let sweeper: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;
  let accepting = true;
  // BullMQ jobs whose handler runs here, with the lock token that lets this node give them back.
  const held = new Map<string, { job: Job; token: string | undefined }>();

  function queueFor(kind: string): Queue {
    let queue = queues.get(kind);
    if (!queue) {
      queue = new Queue(kind, { connection, prefix });
      queue.on('error', (error) => logger.warn({ err: error, kind }, 'Erro na fila BullMQ'));
      queues.set(kind, queue);
    }
    return queue;
  }

  function addOptions(row: JobRow): JobsOptions {
    return {
      jobId: row.id,
      priority: bullPriority(row.priority),
      delay: Math.max(0, row.run_at - now()),
      removeOnComplete: true,
      removeOnFail: true,
      // Attempts here only cover a row not yet visible (the caller's transaction had not committed).
      attempts: 5,
      backoff: { type: 'fixed', delay: 500 },
    };
  }

  async function comeBackAt(job: Job, at: number, token: string | undefined): Promise<never> {
    await job.moveToDelayed(Math.max(at, now() + 1), token);
    throw new DelayedError();
  }

  async function processJob(job: Job, token: string | undefined): Promise<void> {
    const id = job.id!;
    // A paused worker may still receive a job from a fetch already in flight: hand it to another node.
    if (!accepting) return comeBackAt(job, now() + timings.pollMs, token);
    const [claimed] = await claimJobs(db, dialect, { id }, now(), timings.leaseMs);
    if (!claimed) {
      const row = await findJob(db, id);
      if (!row) throw new Error(`Job ${id} ainda não está visível no banco`);
      if (row.status === 'PENDING') return comeBackAt(job, Math.max(row.run_at, now() + timings.pollMs), token);
      // Re-delivered after a node died: the row says RUNNING until the reaper sees its lease expire.
      if (row.status === 'RUNNING') return comeBackAt(job, (row.lease_expires_at ?? now()) + timings.reapMs, token);
      return;
    }
    metrics.entered(claimed.row.kind, 'RUNNING');
    publish(claimed.events);
    held.set(id, { job, token });
    const outcome = await runner.run(claimed.row).finally(() => held.delete(id));
    if (outcome.type === 'retry') return comeBackAt(job, outcome.runAt, token);
    // Given back on shutdown, or lost to the reaper while this node held the BullMQ job: keep the
    // BullMQ job so the row's next attempt is delivered without waiting for the sweeper.
    if (outcome.type === 'released' || outcome.type === 'lost') return comeBackAt(job, now(), token);
  }

  async function sweep(): Promise<void> {
    const stale = await listStalePending(db, now() - timings.sweepMs, 500);
    const byKind = new Map<string, JobRow[]>();
    for (const row of stale) if (registry.get(row.kind)) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row]);
    for (const [kind, rows] of byKind) {
      await queueFor(kind).addBulk(rows.map((row) => ({ name: kind, data: {}, opts: addOptions(row) })));
    }
  }

  return {
    async start() {
      for (const kind of registry.kinds()) {
        const worker = new Worker(kind, processJob, {
          connection,
          prefix,
          concurrency: registry.require(kind).concurrency,
        });
        worker.on('error', (error) => logger.warn({ err: error, kind }, 'Erro no worker BullMQ'));
        workers.push(worker);
      }
      sweeper = setInterval(() => {
        sweeping ??= sweep()
          .catch((error) => logger.warn({ err: error }, 'Falha ao reenviar jobs pendentes ao BullMQ'))
          .finally(() => (sweeping = undefined));
      }, timings.sweepMs);
      sweeper.unref();
    },
    async enqueued(row) {
      try {
        await queueFor(row.kind).add(row.kind, {}, addOptions(row));
      } catch (error) {
        logger.warn({ err: error, jobId: row.id }, 'Job gravado, mas não enviado ao BullMQ; o varredor reenviará');
      }
    },
    async cancelled(row) {
      // An active or locked BullMQ job cannot be removed; its claim will find the row CANCELLED.
      await queueFor(row.kind).remove(row.id).catch(() => 0);
    },
    // Reaped rows are re-delivered by BullMQ's stalled-job check or by the sweeper.
    available() {},
    async pause() {
      accepting = false;
      clearInterval(sweeper);
      await sweeping;
      await Promise.all(workers.map((worker) => worker.pause(true)));
    },
    async close(force = false) {
      // Forced, a worker stops waiting for its active jobs; their rows were already given back, and
      // their BullMQ jobs are handed back too rather than waiting for stalled-job detection.
      if (force) {
        for (const { job, token } of held.values()) await job.moveToDelayed(now(), token).catch(() => undefined);
      }
      await Promise.all(workers.splice(0).map((worker) => worker.close(force)));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      queues.clear();
      await connection.quit();
    },
  };
}
