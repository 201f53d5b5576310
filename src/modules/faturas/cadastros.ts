import type { FastifyPluginAsync } from 'fastify';
import type { CoreContext } from '../../core/module.js';
import type { CadastrosTables } from './cadastros.tables.js';
import { createClientesImporter } from './clientes-import.service.js';
import { clientesImportRoutes } from './clientes-import.routes.js';
import { clientesRoutes } from './clientes.routes.js';
import { createClientesService } from './clientes.service.js';
import { cadastrosMigrations } from './migrations/cadastros.migrations.js';
import { operadorasRoutes } from './operadoras.routes.js';
import { createOperadorasService } from './operadoras.service.js';

export { createCadastrosReader } from './cadastros.reader.js';
export type { CadastrosReader, ClienteForRobot, OperadoraDoCliente } from './cadastros.reader.js';
export type { CadastrosTables, FaturasClientesTable, FaturasOperadorasTable } from './cadastros.tables.js';
export type { Cliente } from './clientes.schemas.js';
export type { Operadora } from './operadoras.schemas.js';

/** The tables `faturas_operadoras` and `faturas_clientes`, with OI, VIVO, EMBRATEL and DIGITALNET. */
export const faturasCadastrosMigrations = cadastrosMigrations;

export type CadastrosRoutesOptions = Pick<CoreContext, 'database' | 'secrets'>;

/**
 * Operadoras and clientes under `/api/v1/faturas/`: CRUD, CSV import and export. Register it inside the
 * module's scope: `app.register(cadastrosRoutes, core)`. Its multipart parser stays in its own scope.
 */
export const cadastrosRoutes: FastifyPluginAsync<CadastrosRoutesOptions> = async (app, { database, secrets }) => {
  const db = database.db.withTables<CadastrosTables>();
  await app.register(operadorasRoutes, { operadoras: createOperadorasService(db) });
  await app.register(clientesRoutes, { clientes: createClientesService(db, secrets) });
  await app.register(clientesImportRoutes, { importar: createClientesImporter(db, secrets), db });
};
