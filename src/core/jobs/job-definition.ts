import type { Static, TSchema } from 'typebox';
import type { JobRecord } from './jobs.tables.js';

export type JobLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What a handler receives, plus the dependencies given to `createJobQueue({ deps })`. */
export interface JobContext<P> {
  job: JobRecord;
  payload: P;
  attempt: number;
  /** Aborted when the job is cancelled, when this process shuts down, or when the lease was lost. */
  signal: AbortSignal;
  progress(percent: number, message?: string): Promise<void>;
  log(level: JobLogLevel, message: string): Promise<void>;
}

export interface Backoff {
  /** Delay before the second attempt; each later attempt doubles it. */
  delayMs: number;
  maxDelayMs: number;
}

export interface JobSpec<S extends TSchema, D extends object> {
  /** Kind name, e.g. `rpa.executar`; letters, digits, `.`, `_`, `-` (it names a BullMQ queue). */
  name: string;
  schema: S;
  handler(ctx: JobContext<Static<S>> & D): unknown;
  /** Handlers of this kind running at once in one process (default 5). */
  concurrency?: number;
  /** Attempts in total, the first included (default 1: only `RetryableError` and crashes retry). */
  maxAttempts?: number;
  backoff?: Partial<Backoff>;
  /** How long finished jobs are kept, in ms (default 24 h). */
  retention?: number;
  /** Payload paths (`senha`, `credenciais.senha`) encrypted at rest and never shown, logged or published. */
  secretFields?: readonly string[];
}

export interface JobDefinition<S extends TSchema = TSchema, D extends object = object> {
  readonly name: string;
  readonly schema: S;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  readonly retention: number;
  readonly secretFields: readonly string[];
  handler(ctx: JobContext<Static<S>> & D): unknown;
}

const KIND_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Declares a job kind; modules export these and the app hands them all to `createJobQueue`. */
export function defineJob<S extends TSchema, D extends object = object>(spec: JobSpec<S, D>): JobDefinition<S, D> {
  if (!KIND_NAME.test(spec.name)) throw new Error(`Tipo de job com nome inválido: '${spec.name}'`);
  if (typeof spec.handler !== 'function') throw new Error(`Tipo de job '${spec.name}' sem handler`);
  const concurrency = spec.concurrency ?? 5;
  const maxAttempts = spec.maxAttempts ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`${spec.name}: concurrency inválida`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`${spec.name}: maxAttempts inválido`);
  return Object.freeze({
    name: spec.name,
    schema: spec.schema,
    handler: spec.handler,
    concurrency,
    maxAttempts,
    backoff: { delayMs: spec.backoff?.delayMs ?? 1000, maxDelayMs: spec.backoff?.maxDelayMs ?? 60 * 60 * 1000 },
    retention: spec.retention ?? DAY_MS,
    secretFields: Object.freeze([...(spec.secretFields ?? [])]),
  });
}

/** Delay before attempt `attempt + 1`, after attempt `attempt` failed retryably. */
export function backoffDelay(backoff: Backoff, attempt: number): number {
  return Math.min(backoff.maxDelayMs, backoff.delayMs * 2 ** Math.max(0, attempt - 1));
}

/** Thrown by a handler for a transient failure: the job is tried again if attempts remain. */
export class RetryableError extends Error {
  readonly category: string;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { category?: string; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'RetryableError';
    this.category = options.category ?? 'retryable';
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Thrown by a handler for a business failure with a category the API can show; never retried. */
export class JobFailure extends Error {
  constructor(
    readonly category: string,
    message: string,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}
