import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { Config } from './core/config/config.js';
import { SecretBox, resolveSecretKey } from './core/crypto/secrets.js';
import { openDatabase, type Database } from './core/db/db.js';
import { migrateToLatest } from './core/db/migrate.js';
import { authzMigrations } from './core/db/migrations/authz.migrations.js';
import { coreMigrations } from './core/db/migrations/core.migrations.js';
import { usersLastLoginMigrations } from './core/db/migrations/users-last-login.migrations.js';
import { createLocalEventBus, createRedisEventBus } from './core/events/index.js';
import { createJobQueue } from './core/jobs/job-queue.js';
import { jobsMigrations } from './core/jobs/jobs.migrations.js';
import { createScheduler, schedulerMigrations } from './core/scheduler/index.js';
import type { AnyEvents, CoreContext } from './core/module.js';
import { RequestRate } from './core/load/request-rate.js';
import { createBlobStore } from './core/storage/index.js';
import { enabledModules } from './modules/registry.js';

/** Opens the database and applies the migrations of core and of every enabled module. */
export async function openAndMigrate(config: Readonly<Config>): Promise<Database> {
  const database = openDatabase(config.databaseUrl);
  try {
    const sets = [coreMigrations, authzMigrations, usersLastLoginMigrations, jobsMigrations, schedulerMigrations, ...enabledModules(config.modules).map((m) => m.migrations)];
    await migrateToLatest(database.db, sets);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Requests per second above which the API is under a burst and background work yields to it. */
const API_BURST_PER_SECOND = 1_000;

export interface RuntimeOptions {
  /** Test runs name their own BullMQ prefix so parallel files never share queues. */
  bullmqPrefix?: string;
}

/** Everything a running service is made of, ready to listen (main) or to be injected into (tests). */
export async function createRuntime(config: Readonly<Config>, logger: Logger, options: RuntimeOptions = {}) {
  const secretKey = resolveSecretKey(config.secretKey, config.dataDir);
  const database = await openAndMigrate(config);
  const secrets = SecretBox.fromMaster(secretKey);
  const events = config.redisUrl
    ? createRedisEventBus<AnyEvents>(config.redisUrl, { logger })
    : createLocalEventBus<AnyEvents>({ logger });
  const storage = createBlobStore(config.storageUrl, config.s3);
  const modules = enabledModules(config.modules);
  const requestRate = new RequestRate();
  const jobs = createJobQueue({
    database,
    definitions: modules.flatMap((m) => m.jobs ?? []),
    bus: events as never,
    deps: { storage },
    redisUrl: config.redisUrl,
    bullmqPrefix: options.bullmqPrefix,
    sealer: secrets,
    runJobs: config.role !== 'api',
    // A process serving a burst of requests starts its next jobs a little later (decision 0006).
    yieldTo: () => requestRate.perSecond() >= API_BURST_PER_SECOND,
    // Only an embedded single process can be sure that a RUNNING row at start is an orphan.
    recoverRunningOnStart: config.role === 'all' && !config.redisUrl && database.dialect === 'sqlite',
    logger,
  });
  const core: CoreContext = { config, database, secrets, logger, events, storage, jobs };
  const { app, services } = await buildApp({ config, core, secretKey, logger, requestRate });
  await app.ready();
  await jobs.start();
  const scheduler = createScheduler({ database, queue: jobs, timeZone: config.timeZone, logger });
  if (config.role !== 'api') await scheduler.start();
  return {
    app,
    services,
    core,
    database,
    async close() {
      await app.close();
      await scheduler.stop();
      await jobs.stop();
      await events.close();
      await storage.close?.();
      await database.close();
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
