import { sql } from 'kysely';
import { backoffDelay, JobFailure, RetryableError, type JobContext, type JobLogLevel } from './job-definition.js';
import { statusEvent, toJobRecord } from './job-events.repository.js';
import type { JobMetrics } from './job-metrics.js';
import type { JobRegistry } from './job-registry.js';
import { maskSecrets, openSecrets, secretValues, type Sealer } from './job-secrets.js';
import { backToPending, renewLeases, type Changed, type Fence, type JobUpdate } from './jobs.repository.js';
import type { JobEvent, JobRow, JobsDb } from './jobs.tables.js';
import type { FencedWrite } from './write-batcher.js';

/** pino's Logger fits. */
export interface JobLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export type RunOutcome =
  | { type: 'completed' | 'failed' | 'cancelled' | 'released' | 'lost' }
  | { type: 'retry'; runAt: number };

type StopReason = 'cancel' | 'shutdown' | 'lost';

interface ActiveRun {
  fence: Fence;
  kind: string;
  controller: AbortController;
  reason: StopReason | undefined;
  /** Progress and log writes, in call order; the final write waits for them. */
  writes: Promise<void>;
  /** Writes asked for while earlier ones commit: they go to the writer together, in one commit. */
  queued: (() => Promise<unknown>)[];
  secrets: string[];
  ended: boolean;
}

export interface RunnerOptions {
  db: JobsDb;
  /** Fenced writes go through the queue's group-committing writer. */
  write(write: FencedWrite): Promise<Changed | undefined>;
  registry: JobRegistry;
  sealer: Sealer | undefined;
  deps: object;
  metrics: JobMetrics;
  logger: JobLogger;
  publish(events: JobEvent[]): void;
  now(): number;
  leaseMs: number;
}

const STOP_MESSAGES: Record<StopReason, string> = {
  cancel: 'Job cancelado',
  shutdown: 'Serviço em desligamento',
  lost: 'Job retomado por outro processo',
};

/** Runs claimed jobs: handler context, heartbeats, cancellation and the fenced final write. */
export class JobRunner {
  // A zombie attempt and the job's next attempt may both run in this process: runs, not job ids, are the keys.
  private readonly active = new Set<ActiveRun>();
  private readonly runs = new Set<Promise<RunOutcome>>();

  constructor(private readonly options: RunnerOptions) {}

  /**
   * Runs the attempt that `row` was claimed for; never throws. `released` is called once the handler
   * has returned and the final write is queued: work queued then shares that write's commit.
   */
  run(row: JobRow, released?: () => void): Promise<RunOutcome> {
    const running = this.execute(row, released);
    this.runs.add(running);
    void running.finally(() => this.runs.delete(running));
    return running;
  }

  /** Resolves true once no attempt runs here, or false after `timeoutMs`. */
  async whenIdle(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const idle = (async () => {
      while (this.runs.size > 0) await Promise.allSettled([...this.runs]);
      return true as const;
    })();
    const result = await Promise.race([idle, timeout]);
    clearTimeout(timer);
    return result;
  }

  private async execute(row: JobRow, released: (() => void) | undefined): Promise<RunOutcome> {
    const { registry, sealer, deps, now } = this.options;
    const definition = registry.require(row.kind);
    const run: ActiveRun = {
      fence: { id: row.id, attempt: row.attempt },
      kind: row.kind,
      controller: new AbortController(),
      reason: undefined,
      writes: Promise.resolve(),
      queued: [],
      secrets: [],
      ended: false,
    };
    this.active.add(run);
    const startedAt = now();
    let outcome: RunOutcome;
    try {
      const payload = openSecrets(JSON.parse(row.payload), definition.secretFields, sealer);
      run.secrets = secretValues(payload, definition.secretFields);
      const context: JobContext<unknown> = {
        job: toJobRecord(row),
        payload,
        attempt: row.attempt,
        signal: run.controller.signal,
        progress: (percent, message) => this.progress(run, percent, message),
        log: (level, message) => this.log(run, level, message),
      };
      const result = await definition.handler({ ...deps, ...context });
      outcome = await this.finish(run, row, { ok: true, result }, released);
    } catch (error) {
      outcome = await this.finish(run, row, { ok: false, error }, released);
    } finally {
      run.ended = true;
      this.active.delete(run);
    }
    if (outcome.type !== 'lost' && outcome.type !== 'released') {
      this.options.metrics.finished(row.kind, outcome.type, (now() - startedAt) / 1000);
    }
    return outcome;
  }

  /** Aborts the attempts of job `id` running in this process (a cancel, typically). */
  abort(id: string, reason: StopReason): void {
    for (const run of this.active) if (run.fence.id === id) this.stop(run, reason);
  }

  abortAll(reason: StopReason): void {
    for (const run of this.active) this.stop(run, reason);
  }

  /**
   * For handlers that ignored their aborted signal at shutdown: gives their jobs back now (PENDING,
   * the attempt not counted); whatever such a handler does later is not written.
   */
  async releaseStuck(): Promise<void> {
    const now = this.options.now();
    for (const run of [...this.active]) {
      run.reason = 'lost';
      const set: JobUpdate = { ...backToPending(now), run_at: now, max_attempts: sql<number>`max_attempts + 1` };
      const changed = await this.options.write({ fence: run.fence, set, events: (r) => [statusEvent(r, now)] }).catch(() => undefined);
      if (changed) this.options.publish(changed.events);
    }
  }

  /** Renews every lease held here; attempts that lost theirs, or were cancelled elsewhere, are aborted. */
  async heartbeat(): Promise<void> {
    const runs = [...this.active];
    if (runs.length === 0) return;
    const now = this.options.now();
    const { lost, cancel } = await renewLeases(this.options.db, runs.map((r) => r.fence), now + this.options.leaseMs, now);
    for (const run of runs) {
      if (lost.includes(run.fence)) this.stop(run, 'lost');
      else if (cancel.includes(run.fence)) this.stop(run, 'cancel');
    }
  }

  private stop(run: ActiveRun, reason: StopReason): void {
    run.reason ??= reason;
    run.controller.abort(new Error(STOP_MESSAGES[run.reason]));
  }

  private async finish(
    run: ActiveRun,
    row: JobRow,
    settled: { ok: true; result: unknown } | { ok: false; error: unknown },
    released: (() => void) | undefined,
  ): Promise<RunOutcome> {
    await run.writes;
    const now = this.options.now();
    const done = { lease_expires_at: null, updated_at: now };
    const finished = { ...done, completed_at: now };
    let set: JobUpdate;
    let outcome: RunOutcome;
    if (run.reason === 'lost') return { type: 'lost' };
    if (run.reason === 'cancel') {
      outcome = { type: 'cancelled' };
      set = { ...finished, status: 'CANCELLED' };
    } else if (settled.ok) {
      outcome = { type: 'completed' };
      const result = settled.result === undefined ? null : JSON.stringify(settled.result);
      set = { ...finished, status: 'COMPLETED', progress: 100, result, error_message: null, error_category: null };
    } else if (run.reason === 'shutdown') {
      // Stopping the service is no fault of the job: the attempt is given back.
      outcome = { type: 'released' };
      set = { ...backToPending(now), run_at: now, max_attempts: row.max_attempts + 1 };
    } else {
      const error = settled.error;
      const message = maskSecrets(error instanceof Error ? error.message : String(error), run.secrets);
      if (error instanceof RetryableError && row.attempt < row.max_attempts) {
        const definition = this.options.registry.require(row.kind);
        const runAt = now + (error.retryAfterMs ?? backoffDelay(definition.backoff, row.attempt));
        outcome = { type: 'retry', runAt };
        set = { ...backToPending(now), run_at: runAt, error_message: message, error_category: error.category };
      } else {
        const category = error instanceof RetryableError || error instanceof JobFailure ? error.category : 'error';
        outcome = { type: 'failed' };
        set = { ...finished, status: 'FAILED', error_message: message, error_category: category };
        if (!(error instanceof JobFailure) && !(error instanceof RetryableError)) {
          this.options.logger.error({ err: error, jobId: row.id, kind: row.kind }, 'Job falhou com erro inesperado');
        }
      }
    }
    const writing = this.write(run, set, (r) => [statusEvent(r, now)]);
    released?.();
    const changed = await writing;
    if (!changed) return { type: 'lost' };
    if (changed.row.status === 'CANCELLED') return { type: 'cancelled' };
    return outcome;
  }

  private progress(run: ActiveRun, percent: number, message?: string): Promise<void> {
    const value = Math.max(0, Math.min(100, Math.round(percent)));
    const data: Record<string, unknown> = { progress: value };
    if (message !== undefined) data.message = maskSecrets(message, run.secrets);
    return this.enqueueWrite(run, () =>
      this.write(run, { progress: value, updated_at: this.options.now() }, (r) => [
        { job_id: r.id, kind: r.kind, type: 'progress', data, at: this.options.now() },
      ]),
    );
  }

  private log(run: ActiveRun, level: JobLogLevel, text: string): Promise<void> {
    const message = maskSecrets(text, run.secrets);
    return this.enqueueWrite(run, () => {
      const at = this.options.now();
      return this.write(run, { updated_at: at }, (r) => [{ job_id: r.id, kind: r.kind, type: 'log', data: { level, message }, at }], {
        job_id: run.fence.id,
        at,
        level,
        message,
      });
    });
  }

  private enqueueWrite(run: ActiveRun, write: () => Promise<unknown>): Promise<void> {
    if (run.ended || run.reason === 'lost') return Promise.resolve();
    if (run.queued.length === 0) {
      run.writes = run.writes.then(async () => {
        const writes = run.queued;
        run.queued = [];
        // Started in one synchronous step, in order: the writer puts them in one batch.
        await Promise.all(writes.map((w) => w()));
      });
    }
    run.queued.push(write);
    return run.writes;
  }

  /** A fenced write; failure to write means another attempt owns the job, so this one stops. */
  private async write(
    run: ActiveRun,
    set: JobUpdate,
    events: FencedWrite['events'],
    log?: FencedWrite['log'],
  ): Promise<Changed | undefined> {
    const { logger, publish } = this.options;
    try {
      const changed = await this.options.write({ fence: run.fence, set, events, log });
      if (changed) publish(changed.events);
      else this.stop(run, 'lost');
      return changed;
    } catch (error) {
      logger.error({ err: error, jobId: run.fence.id }, 'Falha ao gravar o estado do job');
      return undefined;
    }
  }
}
