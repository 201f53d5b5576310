import type { RetaguardaModule } from '../../core/module.js';
import { fiadosClientsSearchRoutes } from './fiados-clients-search.routes.js';
import { fiadosReportsRoutes } from './fiados-reports.routes.js';
import { fiadosSettlementRoutes } from './fiados-settlement.routes.js';
import { createSettlementService } from './fiados-settlement.service.js';
import { createPresenters } from './fiados.presenters.js';
import { fiadosRoutes } from './fiados.routes.js';
import { createFiadosService } from './fiados.service.js';
import type { FiadosTables } from './fiados.tables.js';
import { fiadosValidatorCompiler } from './fiados.validation.js';
import { fiadosMigrations } from './migrations/fiados.migrations.js';

export type { FiadosService } from './fiados.service.js';

/** Seed 003 (NotaReal Fiados): store credit for clients, purchases and payments. */
export const fiadosModule: RetaguardaModule = {
  name: 'fiados',
  migrations: fiadosMigrations,
  async register(app, core) {
    const deps = {
      db: core.database.db.withTables<FiadosTables>(),
      timeZone: core.config.timeZone,
      autoNumbers: core.config.fiados.autoNumbers,
    };
    const service = createFiadosService(deps);
    app.setValidatorCompiler(fiadosValidatorCompiler);
    await app.register(fiadosRoutes, { service });
    await app.register(fiadosReportsRoutes, { service });
    await app.register(fiadosClientsSearchRoutes, { db: deps.db, present: createPresenters(deps.timeZone) });
    await app.register(fiadosSettlementRoutes, { settlement: createSettlementService(deps) });
  },
};
