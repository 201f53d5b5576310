import type { FastifyError } from 'fastify';
import type { RetaguardaModule } from '../../core/module.js';
import { bindContext } from './fiscal.binding.js';
import { createTransact, type FiscalContext } from './fiscal.context.js';
import { createDashboardService } from './fiscal-dashboard.service.js';
import { FocusRelayError, notConfigured } from './fiscal.errors.js';
import { fiscalJobs } from './fiscal.jobs.js';
import { fiscalLocalRoutes } from './fiscal-local.routes.js';
import { createMunicipioService } from './fiscal-municipio.service.js';
import { createReceivedService } from './fiscal-received.service.js';
import { fiscalDocumentRoutes } from './fiscal.routes.js';
import { DEFAULT_RECONCILE_CRON, ensureReconcileSchedule } from './fiscal-schedule.js';
import { createFiscalService } from './fiscal.service.js';
import type { FiscalTables } from './fiscal.tables.js';
import { fiscalWebhookRoutes } from './fiscal-webhook.routes.js';
import { FocusClient, focusBaseUrl } from './focus/focus-client.js';
import { fiscalMigrations } from './migrations/fiscal.migrations.js';

export { FocusClient, focusBaseUrl, FOCUS_BASE_URLS } from './focus/focus-client.js';
export { FocusHttpError, FocusUnreachableError } from './focus/focus-errors.js';
export { RECONCILE_SCHEDULE } from './fiscal-schedule.js';
export { sampleDocument } from './fiscal-samples.js';

/** Seed 000 (FocusNFE): fiscal documents through FocusNFE API v2, webhooks, reconciliation, local copies. */
export const fiscalModule: RetaguardaModule = {
  name: 'fiscal',
  migrations: fiscalMigrations,
  jobs: fiscalJobs,
  async register(app, core) {
    const { env } = core.config;
    const db = core.database.db.withTables<FiscalTables>();
    const focus = env.FOCUS_NFE_TOKEN ? new FocusClient({ baseUrl: focusBaseUrl(env), token: env.FOCUS_NFE_TOKEN }) : undefined;
    const ctx: FiscalContext = {
      db,
      jobs: core.jobs,
      storage: core.storage,
      focus,
      logger: core.logger,
      now: Date.now,
      transact: createTransact(db),
      reconcileAfterMinutes: env.FOCUS_NFE_RECONCILE_AFTER_MINUTES ?? 10,
    };
    bindContext(core.storage, ctx);
    await ensureReconcileSchedule(core, env.FOCUS_NFE_RECONCILE_CRON ?? DEFAULT_RECONCILE_CRON);

    // Never fake success: without a token every fiscal route says what is missing.
    app.addHook('onRequest', (_request, _reply, done) => done(focus ? undefined : notConfigured()));
    // Focus's own refusals keep Focus's words; everything else goes to core's handler.
    app.setErrorHandler((error: FastifyError | FocusRelayError, _request, reply) => {
      if (!(error instanceof FocusRelayError)) throw error;
      return reply.code(error.status).headers(error.headers).send({ detail: error.detail });
    });

    const dashboard = createDashboardService(ctx, core.config.timeZone);
    await app.register(fiscalDocumentRoutes, { service: createFiscalService(ctx), dashboard, municipio: createMunicipioService(ctx) });
    await app.register(fiscalLocalRoutes, { dashboard, received: createReceivedService(ctx), storage: core.storage });
    await app.register(fiscalWebhookRoutes, {
      ctx,
      secret: env.FOCUS_NFE_WEBHOOK_SECRET,
      header: env.FOCUS_NFE_WEBHOOK_HEADER ?? 'Authorization',
    });
  },
};
