import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Receivables, ReceivablesQuery, Statement } from './fiados-reports.schemas.js';
import { ClientParams, ErrorDetail, ValidationDetail } from './fiados.schemas.js';
import type { FiadosService } from './fiados.service.js';

/** Beyond seed 003: a client's statement and the receivables aging report. */
export const fiadosReportsRoutes: FastifyPluginAsyncTypebox<{ service: FiadosService }> = async (app, { service }) => {
  const tags = ['fiados: relatórios'];

  app.get(
    '/clients/:client_id/statement',
    {
      schema: {
        tags,
        summary: 'Extrato do cliente: compras e pagamentos ativos em ordem de data, com saldo acumulado',
        params: ClientParams,
        response: { 200: Statement, 404: ErrorDetail, 422: ValidationDetail },
      },
    },
    async (request) => ({ message: 'Extrato do cliente.', ...(await service.reports.statement(request.params.client_id)) }),
  );

  app.get(
    '/reports/receivables',
    {
      schema: {
        tags,
        summary: 'Contas a receber por cliente, com o saldo em aberto por idade (0–30, 31–60, 61–90, mais de 90 dias)',
        querystring: ReceivablesQuery,
        response: { 200: Receivables, 422: ValidationDetail },
      },
    },
    async (request) => ({ message: 'Contas a receber.', ...(await service.reports.receivables(request.query.sort ?? 'amount')) }),
  );
};
