import type { Dialect } from '../db/db.js';
import type { JobMetrics } from './job-metrics.js';
import type { JobRegistry } from './job-registry.js';
import type { JobLogger, JobRunner, RunOutcome } from './job-runner.js';
import { claimJobs, hasDueJob } from './jobs.repository.js';
import type { JobEvent, JobRow, JobsDb } from './jobs.tables.js';

/** How claimed work reaches the runner: from the jobs table here, or through BullMQ. */
export interface Dispatcher {
  /** Starts taking jobs to run in this process. */
  start(): Promise<void>;
  /** The row was inserted (maybe inside a caller's transaction not yet committed). */
  enqueued(row: JobRow): Promise<void>;
  cancelled(row: JobRow): Promise<void>;
  /** Jobs of these kinds went back to PENDING (reaped), so they may be claimable now. */
  available(kinds: readonly string[]): void;
  /** Stops taking new jobs; the ones running are left to the caller to wait for or abort. */
  pause(): Promise<void>;
  /** Releases connections; `force` when handlers that never return are still holding work. */
  close(force?: boolean): Promise<void>;
}

export interface LocalDispatcherOptions {
  db: JobsDb;
  dialect: Dialect;
  registry: JobRegistry;
  runner: JobRunner;
  metrics: JobMetrics;
  logger: JobLogger;
  publish(events: JobEvent[]): void;
  now(): number;
  leaseMs: number;
  /** Fallback for jobs inserted by other processes or whose run time came; no busy polling. */
  pollMs: number;
}

/**
 * Embedded dispatch from the jobs table: woken on enqueue and on every finished job, it claims a
 * batch per kind up to the kind's free slots, so one wake-up starts several jobs.
 */
export function createLocalDispatcher(options: LocalDispatcherOptions): Dispatcher {
  const { db, dialect, registry, runner, metrics, logger, now } = options;
  const running = new Map<string, number>();
  const dirty = new Set<string>();
  // Kinds woken only by the fallback poll, most often idle: they are probed before a claim.
  const polled = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = true;
  let pumping: Promise<void> | undefined;
  let poll: NodeJS.Timeout | undefined;

  function wake(kinds: Iterable<string>, fromPoll = false): void {
    if (stopped) return;
    for (const kind of kinds) {
      if (fromPoll && !dirty.has(kind)) polled.add(kind);
      if (!fromPoll) polled.delete(kind);
      dirty.add(kind);
    }
    if (!pumping && dirty.size > 0) pumping = pump();
  }

  async function pump(): Promise<void> {
    try {
      while (!stopped && dirty.size > 0) {
        // Let the enqueues and completions of this tick land first, so one claim takes them together.
        await new Promise<void>((resolve) => setImmediate(resolve));
        for (const kind of [...dirty]) {
          dirty.delete(kind);
          if (stopped) return;
          await claimKind(kind);
        }
      }
    } finally {
      // Runs in the same synchronous step as the loop's last check, so no wake-up is missed.
      pumping = undefined;
    }
  }

  async function claimKind(kind: string): Promise<void> {
    const definition = registry.require(kind);
    const free = definition.concurrency - (running.get(kind) ?? 0);
    if (free <= 0) return;
    let claimed;
    try {
      const probe = polled.delete(kind);
      if (probe && !(await hasDueJob(db, kind, now()))) return;
      claimed = await claimJobs(db, dialect, { kind, limit: free }, now(), options.leaseMs);
    } catch (error) {
      logger.error({ err: error, kind }, 'Falha ao reservar jobs');
      return;
    }
    // A full batch may have left more behind; a short one may have skipped a busy group's jobs.
    if (claimed.length > 0) dirty.add(kind);
    for (const { row, events } of claimed) {
      running.set(kind, (running.get(kind) ?? 0) + 1);
      metrics.entered(kind, 'RUNNING');
      options.publish(events);
      void runner.run(row).then((outcome) => settled(row, outcome));
    }
  }

  function settled(row: JobRow, outcome: RunOutcome): void {
    running.set(row.kind, (running.get(row.kind) ?? 1) - 1);
    if (outcome.type === 'retry') later(row.kind, outcome.runAt);
    // A finished grouped job may unblock a job of another kind in the same group.
    wake(row.group_key === null ? [row.kind] : registry.kinds());
  }

  function later(kind: string, runAt: number): void {
    const delay = runAt - now();
    // Far-off run times are left to the fallback poll.
    if (delay > 60_000) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      wake([kind]);
    }, Math.max(0, delay));
    timer.unref();
    timers.add(timer);
  }

  return {
    async start() {
      stopped = false;
      poll = setInterval(() => wake(registry.kinds(), true), options.pollMs);
      poll.unref();
      wake(registry.kinds());
    },
    // On SQLite a claim waits for the caller's transaction (one connection); on PostgreSQL a row
    // committed later is found by the fallback poll.
    async enqueued(row) {
      if (row.run_at > now()) later(row.kind, row.run_at);
      else wake([row.kind]);
    },
    async cancelled() {},
    available: (kinds) => wake(kinds),
    async pause() {
      stopped = true;
      clearInterval(poll);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await pumping;
    },
    async close() {},
  };
}
