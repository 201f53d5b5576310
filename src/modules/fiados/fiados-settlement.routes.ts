import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SettlementBody, SettlementResult } from './fiados-settlement.schemas.js';
import type { SettlementService } from './fiados-settlement.service.js';
import { ClientParams, ErrorDetail, ValidationDetail } from './fiados.schemas.js';

/**
 * Beyond seed 003: "the client paid R$ 50 toward what they owe". One amount pays the client's open
 * purchases oldest first, one payment per purchase, all or nothing; the preview shows the split.
 */
export const fiadosSettlementRoutes: FastifyPluginAsyncTypebox<{ settlement: SettlementService }> = async (app, { settlement }) => {
  const schema = {
    tags: ['fiados: pagamentos'],
    params: ClientParams,
    body: SettlementBody,
    response: { 200: SettlementResult, 404: ErrorDetail, 409: ErrorDetail, 422: ValidationDetail },
  };

  app.post(
    '/clients/:client_id/settlements/preview',
    { schema: { ...schema, summary: 'Prévia: como um valor recebido do cliente quitaria as compras em aberto, da mais antiga à mais nova' } },
    async (request) => settlement.preview(request.params.client_id, request.body),
  );

  app.post(
    '/clients/:client_id/settlements',
    { schema: { ...schema, summary: 'Recebe um valor do cliente e o distribui pelas compras em aberto, da mais antiga à mais nova (tudo ou nada)' } },
    async (request) => settlement.settle(request.params.client_id, request.body),
  );
};
