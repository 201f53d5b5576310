import type { FastifyPluginAsync } from 'fastify';
import type { CoreContext } from '../../core/module.js';
import { cadastrosMigrations } from './migrations/cadastros.migrations.js';

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
 * module's scope: `app.register(cadastrosRoutes, core)`. It registers its own multipart parser.
 */
export const cadastrosRoutes: FastifyPluginAsync<CadastrosRoutesOptions> = async () => {};
