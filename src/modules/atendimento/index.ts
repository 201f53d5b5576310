import type { EventBus } from '../../core/events/index.js';
import type { RetaguardaModule } from '../../core/module.js';
import type { AtendimentoEvents } from './atendimento.events.js';
import { atendimentoRealtime } from './atendimento.realtime.js';
import type { AtendimentoTables } from './atendimento.tables.js';
import { appearanceRoutes } from './config.appearance.js';
import { configRoutes } from './config.routes.js';
import { createConfigService } from './config.service.js';
import { atendimentoMigrations } from './migrations/atendimento.migrations.js';
import { createCloudDriver } from './whatsapp-cloud.driver.js';
import { createStubDriver } from './whatsapp-stub.driver.js';
import { atendimentoJobs, registerSender } from './whatsapp.jobs.js';
import { whatsappRoutes } from './whatsapp.routes.js';
import { createWhatsAppService } from './whatsapp.service.js';
import { whatsappWebhookRoutes } from './whatsapp.webhook.routes.js';

export type { AtendimentoEvents, WhatsAppClientEvent } from './atendimento.events.js';

const GRAPH_URL = 'https://graph.facebook.com';

/** Seed 002 (DX Connect): configuration, the company's WhatsApp session and messages, WebSockets. */
export const atendimentoModule: RetaguardaModule = {
  name: 'atendimento',
  migrations: atendimentoMigrations,
  jobs: atendimentoJobs,
  async register(app, core) {
    const { config, logger } = core;
    const db = core.database.db.withTables<AtendimentoTables>();
    const events = core.events as unknown as EventBus<AtendimentoEvents>;
    const settings = createConfigService({ db, secrets: core.secrets });
    const onError = (err: unknown) => logger.error({ err }, 'Falha no driver do WhatsApp');
    const whatsapp = createWhatsAppService({
      db,
      jobs: core.jobs,
      events,
      logger,
      driver: (hooks) =>
        config.env.WHATSAPP_MODE === 'cloud'
          ? createCloudDriver({ graphUrl: config.env.WHATSAPP_GRAPH_URL ?? GRAPH_URL, credentials: () => settings.cloudCredentials(), hooks, onError })
          : createStubDriver({ stepMs: config.env.WHATSAPP_STUB_FAST ? 0 : 100, hooks, onError }),
    });
    await whatsapp.resetStubSession();
    registerSender(core.storage, whatsapp.deliver);
    app.addHook('onClose', async () => whatsapp.close());
    await app.register(configRoutes, { config: settings });
    await app.register(appearanceRoutes, { config: settings, storage: core.storage });
    await app.register(whatsappRoutes, { whatsapp });
    await app.register(whatsappWebhookRoutes, { config: settings, hooks: whatsapp.hooks });
    atendimentoRealtime(app, { events, whatsapp });
  },
};
