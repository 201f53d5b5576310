import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../db/db.js';
import { migrateToLatest, type MigrationSet } from '../db/migrate.js';
import { createLocalEventBus, createRedisEventBus, type EventBus } from '../events/index.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { AnyJobDefinition } from './job-registry.js';
import { createJobQueue, type JobQueue, type JobQueueOptions } from './job-queue.js';
import type { JobLogger } from './job-runner.js';
import { jobsMigrations } from './jobs.migrations.js';
import type { JobEvent, JobEventMap, JobsDb, JobTables } from './jobs.tables.js';

/** Where a contract suite runs: SQLite + local always; PostgreSQL and BullMQ when their servers are given. */
export interface QueueBackend {
  name: string;
  dialect: 'sqlite' | 'postgres';
  redisUrl: string | undefined;
}

export function queueBackends(): QueueBackend[] {
  const backends: QueueBackend[] = [{ name: 'sqlite + local', dialect: 'sqlite', redisUrl: undefined }];
  const redisUrl = process.env.TEST_REDIS_URL;
  if (process.env.TEST_DATABASE_URL) {
    backends.push({ name: 'postgres + local', dialect: 'postgres', redisUrl: undefined });
    if (redisUrl) backends.push({ name: 'postgres + bullmq', dialect: 'postgres', redisUrl });
  } else if (redisUrl) {
    backends.push({ name: 'sqlite + bullmq', dialect: 'sqlite', redisUrl });
  }
  return backends;
}

/** Collects what the queue reports, so a test can assert that nothing went wrong. */
export function recordingLogger(): JobLogger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, warn: () => {}, error: (details) => errors.push(details) };
}

export interface QueueHarness {
  database: Database;
  /** The same connection, typed for the job tables, for tests that backdate or inspect rows. */
  jobs: JobsDb;
  testDatabase: TestDatabase;
  bus: EventBus<JobEventMap>;
  /** Every `job.event` this process received. */
  received: JobEvent[];
  logger: ReturnType<typeof recordingLogger>;
  /** A queue with test timings; `ownConnection` opens a second connection, as another process would. */
  queue(definitions: readonly AnyJobDefinition[], overrides?: Partial<JobQueueOptions> & { ownConnection?: boolean }): JobQueue;
  close(): Promise<void>;
}

/** A fresh database (SQLite file or PostgreSQL schema) and BullMQ prefix for one test file. */
export async function openQueueHarness(backend: QueueBackend, extraMigrations: MigrationSet[] = []): Promise<QueueHarness> {
  const testDatabase = await createTestDatabase(backend.dialect);
  const database = openDatabase(testDatabase.url);
  await migrateToLatest(database.db, [jobsMigrations, ...extraMigrations]);
  const tag = randomBytes(4).toString('hex');
  const bus = backend.redisUrl
    ? createRedisEventBus<JobEventMap>(backend.redisUrl, { channelPrefix: `test:${tag}:` })
    : createLocalEventBus<JobEventMap>();
  const received: JobEvent[] = [];
  bus.subscribe('job.event', (event) => received.push(event));
  await bus.ready();
  const logger = recordingLogger();
  const queues: JobQueue[] = [];
  const connections: Database[] = [];
  return {
    database,
    jobs: database.db.withTables<JobTables>() as unknown as JobsDb,
    testDatabase,
    bus,
    received,
    logger,
    queue(definitions, overrides = {}) {
      const { ownConnection, ...rest } = overrides;
      let own = database;
      if (ownConnection) {
        own = openDatabase(testDatabase.url);
        connections.push(own);
      }
      const queue = createJobQueue({
        database: own,
        definitions,
        bus,
        logger,
        redisUrl: backend.redisUrl,
        bullmqPrefix: `test-${tag}`,
        ...rest,
        timings: { pollMs: 50, sweepMs: 300, heartbeatMs: 60_000, reapMs: 60_000, shutdownGraceMs: 2_000, ...rest.timings },
      });
      queues.push(queue);
      return queue;
    },
    async close() {
      await Promise.all(queues.map((q) => q.stop()));
      await bus.close();
      await Promise.all(connections.map((c) => c.close()));
      await database.close();
      await testDatabase.drop();
    },
  };
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Polls `probe` until it returns a truthy value (default limit 15 s, generous for slow CI). */
export async function eventually<T>(probe: () => Promise<T> | T, what: string, timeoutMs = 15_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`Tempo esgotado esperando: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
