import type { JobMetrics } from './job-metrics.js';
import type { JobRegistry } from './job-registry.js';
import type { JobLogger, JobRunner, RunOutcome } from './job-runner.js';
import { hasDueJob, type Changed } from './jobs.repository.js';
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
  /** The queue's writer: a claim joins the batch of final writes that freed its slots. */
  claim(kind: string, limit: number): Promise<Changed[]>;
  registry: JobRegistry;
  runner: JobRunner;
  metrics: JobMetrics;
  logger: JobLogger;
  publish(events: JobEvent[]): void;
  now(): number;
  /** Fallback for jobs inserted by other processes or whose run time came; no busy polling. */
  pollMs: number;
  /** True while requests should go first; new jobs of a kind then start at most every `busySpacingMs`. */
  yieldTo?: () => boolean;
  busySpacingMs: number;
}

/**
 * Embedded dispatch from the jobs table: woken on enqueue, it claims a batch per kind up to the
 * kind's free slots, so one wake-up starts several jobs. A slot freed by a finishing job is claimed
 * again at once, in the same commit as that job's final write.
 */
export function createLocalDispatcher(options: LocalDispatcherOptions): Dispatcher {
  const { db, registry, runner, metrics, logger, now } = options;
  // Slots taken per kind: handlers running here, and claims not yet answered (reserved up front,
  // so two claims in flight cannot both take the same free slots).
  const taken = new Map<string, number>();
  const active = new Set<JobRow>();
  const claims = new Set<Promise<number>>();
  const refill = new Set<string>();
  const dirty = new Set<string>();
  // Kinds woken only by the fallback poll, most often idle: they are probed before a claim.
  const polled = new Set<string>();
  // Kinds a probe found with nothing due; only an enqueue, a timer or the poll can change that.
  const idle = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const lastClaim = new Map<string, number>();
  const deferred = new Set<string>();
  let stopped = true;
  let pumping: Promise<void> | undefined;
  let poll: NodeJS.Timeout | undefined;

  /**
   * `direct`: work for the kind is known to be due. `probe`: maybe (the fallback poll). `unblock`:
   * a group was freed, which matters only to kinds with something due.
   */
  function wake(kinds: Iterable<string>, how: 'direct' | 'probe' | 'unblock' = 'direct'): void {
    if (stopped) return;
    for (const kind of kinds) {
      if (how === 'unblock' && idle.has(kind)) continue;
      if (how === 'direct') polled.delete(kind);
      else if (!dirty.has(kind)) polled.add(kind);
      if (how !== 'unblock') idle.delete(kind);
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

  const free = (kind: string) => registry.require(kind).concurrency - (taken.get(kind) ?? 0);
  const take = (kind: string, slots: number) => taken.set(kind, (taken.get(kind) ?? 0) + slots);

  async function claimKind(kind: string): Promise<void> {
    if (free(kind) <= 0) return;
    if (polled.delete(kind)) {
      const due = await hasDueJob(db, kind, now()).catch((error: unknown) => {
        logger.error({ err: error, kind }, 'Falha ao procurar jobs devidos');
        return false;
      });
      if (!due) {
        idle.add(kind);
        return;
      }
    }
    // A full batch may have left more behind; a short one may have skipped a busy group's jobs.
    if ((await claim(kind)) > 0) dirty.add(kind);
  }

  /**
   * Under a burst of requests the kind's next claim waits out its spacing (one timer, which wakes
   * it); says whether it was put off. Slots stay free meanwhile, so the claim then takes them all.
   */
  function putOff(kind: string): boolean {
    if (deferred.has(kind)) return true;
    const wait = (lastClaim.get(kind) ?? -Infinity) + options.busySpacingMs - now();
    if (wait <= 0 || !options.yieldTo?.()) return false;
    deferred.add(kind);
    const timer = setTimeout(() => {
      timers.delete(timer);
      deferred.delete(kind);
      wake([kind]);
    }, wait);
    timer.unref();
    timers.add(timer);
    return true;
  }

  /** Claims jobs for the kind's free slots and starts them; resolves with how many it got. */
  function claim(kind: string): Promise<number> {
    const slots = free(kind);
    if (slots <= 0 || putOff(kind)) return Promise.resolve(0);
    lastClaim.set(kind, now());
    take(kind, slots);
    const claiming = options
      .claim(kind, slots)
      .catch((error: unknown) => {
        logger.error({ err: error, kind }, 'Falha ao reservar jobs');
        return [];
      })
      .then((claimed) => {
        take(kind, claimed.length - slots);
        for (const { row, events } of claimed) start(row, events);
        return claimed.length;
      })
      .finally(() => claims.delete(claiming));
    claims.add(claiming);
    return claiming;
  }

  function start(row: JobRow, events: JobEvent[]): void {
    active.add(row);
    metrics.entered(row.kind, 'RUNNING');
    options.publish(events);
    const released = () => {
      if (!release(row) || stopped) return;
      // The slots freed in this turn are claimed together, still before the writer's batch goes out.
      if (refill.size === 0) queueMicrotask(refillSlots);
      refill.add(row.kind);
    };
    void runner.run(row, released).then((outcome) => settled(row, outcome));
  }

  function refillSlots(): void {
    // A pause may have come in between; it waits only for claims already made.
    if (!stopped) for (const kind of refill) void claim(kind);
    refill.clear();
  }

  /** Frees the attempt's slot, once; says whether this call freed it. */
  function release(row: JobRow): boolean {
    if (!active.delete(row)) return false;
    take(row.kind, -1);
    return true;
  }

  function settled(row: JobRow, outcome: RunOutcome): void {
    release(row);
    if (outcome.type === 'retry') later(row.kind, outcome.runAt);
    wake([row.kind]);
    // A finished grouped job may unblock a job of another kind in the same group.
    if (row.group_key !== null) wake(registry.kinds().filter((kind) => kind !== row.kind), 'unblock');
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
      poll = setInterval(() => wake(registry.kinds(), 'probe'), options.pollMs);
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
      deferred.clear();
      await pumping;
      // Jobs these claims took are started; the caller waits for them or aborts them.
      while (claims.size > 0) await Promise.all([...claims]);
    },
    async close() {},
  };
}
