import type { EventBus } from '../../core/events/index.js';
import type { RetaguardaModule } from '../../core/module.js';
import type { RpaEvents } from '../rpa/index.js';
import { cadastrosRoutes, createCadastrosReader, faturasCadastrosMigrations, type CadastrosTables } from './cadastros.js';
import { callbackRoutes } from './callback.routes.js';
import type { FaturasContext } from './faturas.context.js';
import { faturasProcessosMigrations } from './migrations/processos.migrations.js';
import { createOutcomes } from './processos.outcomes.js';
import { processosRoutes } from './processos.routes.js';
import { createProcessosService } from './processos.service.js';
import type { ProcessosTables } from './processos.tables.js';
import { createUploadService } from './processos.upload.js';
import { createExecucoesService } from './execucoes.service.js';
import { execucoesRoutes } from './execucoes.routes.js';
import { notificacoesRoutes } from './notificacoes.routes.js';
import { bindAgendamentoRunner, faturasJobs } from './agendamentos.jobs.js';
import { createAgendamentoRunner } from './agendamentos.runner.js';
import { agendamentosRoutes } from './agendamentos.routes.js';
import { createAgendamentosService } from './agendamentos.service.js';
import { createScheduler } from '../../core/scheduler/index.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { logsTempoRealRoutes } from './logs-tempo-real.routes.js';
import type { JobEventMap } from '../../core/jobs/index.js';
import { createDashboardService } from './dashboard.service.js';

/** How often a worker looks for due retries, unheard job ends and timeouts. */
const SWEEP_MS = 5_000;
/** How often due dates less than 3 days away are looked for (each processo is warned about once). */
const WARN_EVERY_MS = 60 * 60_000;

/** Seed 004 (BRM faturas): the monthly invoice process per client and carrier, on the rpa module's robots. */
export const faturasModule: RetaguardaModule = {
  name: 'faturas',
  migrations: { ...faturasCadastrosMigrations, ...faturasProcessosMigrations },
  jobs: faturasJobs,
  async register(app, core) {
    const ctx: FaturasContext = {
      db: core.database.db.withTables<CadastrosTables & ProcessosTables>(),
      jobs: core.jobs,
      storage: core.storage,
      cadastros: createCadastrosReader(core.database.db, core.secrets),
      timeZone: core.config.timeZone,
      satLogin: core.config.rpa.sat.login,
      logger: core.logger,
      now: Date.now,
    };
    const outcomes = createOutcomes(ctx);
    const processos = createProcessosService(ctx);
    const uploads = createUploadService(ctx, processos);
    const execucoes = createExecucoesService(ctx, processos);
    bindAgendamentoRunner(core.storage, createAgendamentoRunner(ctx, processos));
    // Only the schedules' rows are written here; the service's own scheduler (runtime.ts) fires them.
    const scheduler = createScheduler({ database: core.database, queue: core.jobs, timeZone: core.config.timeZone, logger: core.logger });
    const agendamentos = createAgendamentosService(ctx, scheduler);
    const dashboard = createDashboardService(ctx);

    // A robot's end moves its processo at once; the sweep below catches any end this process missed.
    const events = core.events as unknown as EventBus<RpaEvents & JobEventMap>;
    const unsubscribe = events.subscribe('rpa.job.finished', (event) => {
      if (!event.processo_id) return;
      outcomes.applyJob(event.job_id).catch((err: unknown) => core.logger.error({ err, jobId: event.job_id }, 'Falha ao aplicar o fim do job ao processo'));
    });
    let sweeping: Promise<void> | undefined;
    let warnedAt = 0;
    async function sweep(): Promise<void> {
      await outcomes.sweep();
      if (Date.now() - warnedAt < WARN_EVERY_MS) return;
      warnedAt = Date.now();
      await dashboard.warnDueDates();
    }
    const timer =
      core.config.role === 'api'
        ? undefined
        : setInterval(() => {
            sweeping ??= sweep()
              .catch((err: unknown) => core.logger.error({ err }, 'Falha na varredura de execuções de faturas'))
              .finally(() => (sweeping = undefined));
          }, SWEEP_MS).unref();
    app.addHook('onClose', async () => {
      unsubscribe();
      clearInterval(timer);
      await sweeping;
    });

    await app.register(cadastrosRoutes, core);
    await app.register(processosRoutes, { processos, uploads });
    await app.register(execucoesRoutes, { execucoes });
    await app.register(notificacoesRoutes, { db: ctx.db });
    await app.register(agendamentosRoutes, { agendamentos });
    await app.register(dashboardRoutes, { dashboard });
    await app.register(logsTempoRealRoutes, { ctx, events, outcomes });
    await app.register(callbackRoutes, { ctx, outcomes });
  },
};
