import type { RetaguardaModule } from '../../core/module.js';
import { fiadosReportsRoutes } from './fiados-reports.routes.js';
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
    const service = createFiadosService({
      db: core.database.db.withTables<FiadosTables>(),
      timeZone: core.config.timeZone,
      autoNumbers: core.config.fiados.autoNumbers,
    });
    app.setValidatorCompiler(fiadosValidatorCompiler);
    await app.register(fiadosRoutes, { service });
    await app.register(fiadosReportsRoutes, { service });
  },
};
