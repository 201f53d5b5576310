import type { RetaguardaModule } from '../../core/module.js';
import type { EventBus } from '../../core/events/index.js';
import type { JobEventMap } from '../../core/jobs/index.js';
import type { JobTables } from '../../core/jobs/jobs.tables.js';
import { rpaMigrations } from './migrations/rpa.migrations.js';
import { createTokenCheck } from './rpa.access.js';
import { openRobotEnvironment } from './rpa.environment.js';
import { watchFinishedJobs, type RpaEvents } from './rpa.events.js';
import { rpaJobs, setRobotConcurrency } from './rpa.jobs.js';
import { rpaJobsListRoutes } from './rpa-jobs-list.routes.js';
import { createRerun } from './rpa-jobs-rerun.js';
import { rpaRealtimeRoutes } from './rpa.realtime.js';
import { rpaRoutes } from './rpa.routes.js';
import { createRpaService } from './rpa.service.js';
import type { RpaTables } from './rpa.tables.js';
import { rpaValidatorCompiler } from './rpa.validation.js';

export type { RpaEvents, RpaJobFinished } from './rpa.events.js';
export type { RpaService } from './rpa.service.js';
// What another module needs to enqueue a robot itself (faturas, inside its own transaction).
export { kindOf as rpaJobKind, operadoraOfKind as rpaOperadoraOfKind, SAT as RPA_SAT } from './rpa.jobs.js';
export type { DownloadJobPayload as RpaDownloadPayload, SatJobPayload as RpaSatPayload } from './rpa.jobs.js';
export { OPERADORAS as RPA_OPERADORAS, type Operadora as RpaOperadora } from './robots/index.js';

/** Seed 001 (Bot Phone RPA): a durable queue of browser robots for carrier invoices and SAT uploads. */
export const rpaModule: RetaguardaModule = {
  name: 'rpa',
  migrations: rpaMigrations,
  jobs: rpaJobs,
  async register(app, core) {
    const { config, logger, storage } = core;
    const events = core.events as unknown as EventBus<JobEventMap & RpaEvents>;
    setRobotConcurrency(config.rpa.concurrency);
    const environment = await openRobotEnvironment(config, storage, logger);
    const stopWatching = watchFinishedJobs({
      events,
      jobs: core.jobs,
      db: core.database.db.withTables<RpaTables>(),
      processoApiUrl: config.processoApiUrl,
      logger,
      sharedEvents: Boolean(config.redisUrl),
    });
    // Robots hold the browser: the queue must stop (and hand their jobs back) before it closes.
    const service = createRpaService({
      jobs: core.jobs,
      events,
      timeZone: config.timeZone,
      satLogin: config.rpa.sat.login,
      syncTimeoutMs: config.rpa.syncTimeoutSeconds * 1000,
    });
    app.addHook('onClose', async () => {
      stopWatching();
      service.close();
      await core.jobs.stop();
      await environment.close();
    });
    app.setValidatorCompiler(rpaValidatorCompiler);
    await app.register(rpaRoutes, { service, storage });
    const rerun = createRerun({ service, db: core.database.db.withTables<JobTables>(), secrets: core.secrets });
    await app.register(rpaJobsListRoutes, { service, jobs: core.jobs, timeZone: config.timeZone, rerun });
    await app.register(rpaRealtimeRoutes, { events, jobs: core.jobs, service, checkToken: createTokenCheck(core) });
  },
};
