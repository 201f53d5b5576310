import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../core/http/errors.js';
import { sendBlob, type BlobStore } from '../../core/storage/index.js';
import type { DashboardService } from './fiscal-dashboard.service.js';
import type { ReceivedService } from './fiscal-received.service.js';
import { ChaveParams, ErrorDetail, FocusBody, InvoiceSummary, LocalInvoice, ManifestBody, ReceivedPage, ReceivedQuery, RefParams, Stats, Timeline } from './fiscal.schemas.js';

const errors = { 400: ErrorDetail, 404: ErrorDetail, 409: ErrorDetail, 422: ErrorDetail, 502: ErrorDetail, 503: ErrorDetail };

interface Options {
  dashboard: DashboardService;
  received: ReceivedService;
  storage: BlobStore;
}

/** Seed 000 §3.4–3.5: received NFe and manifestation, the dashboard, and the local copies. */
export const fiscalLocalRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { dashboard, received, storage }) => {
  app.get(
    '/recebidos/nfe',
    {
      schema: {
        tags: ['fiscal: recebidos'],
        summary: 'NFe emitidas contra o CNPJ: sincroniza com a FocusNFE (versao) e lista a cópia local',
        querystring: ReceivedQuery,
        response: { 200: ReceivedPage, ...errors },
      },
    },
    async (request) => received.list(request.query.cnpj, request.query.limit ?? 50, request.query.offset ?? 0),
  );

  app.post(
    '/recebidos/nfe/:chave/manifestar',
    {
      config: { permission: 'fiscal.emitir' },
      schema: {
        tags: ['fiscal: recebidos'],
        summary: 'Manifestação do destinatário (ciência, confirmação, desconhecimento, operação não realizada)',
        params: ChaveParams,
        body: ManifestBody,
        response: { 200: FocusBody, ...errors },
      },
    },
    async (request) => received.manifest(request.params.chave, request.body.tipo, request.body.justificativa),
  );

  app.get(
    '/dashboard/stats',
    { schema: { tags: ['fiscal: dashboard'], summary: 'Contagem de notas por status e por tipo', response: { 200: Stats, ...errors } } },
    async () => dashboard.stats(),
  );

  app.get(
    '/dashboard/list',
    { schema: { tags: ['fiscal: dashboard'], summary: 'Últimas 50 notas, com horários', response: { 200: Type.Array(InvoiceSummary), ...errors } } },
    async () => dashboard.latest(),
  );

  app.get(
    '/dashboard/:ref/timeline',
    { schema: { tags: ['fiscal: dashboard'], summary: 'Eventos da nota, do mais antigo ao mais novo', params: RefParams, response: { 200: Timeline, ...errors } } },
    async (request) => dashboard.timeline(request.params.ref),
  );

  app.get(
    '/local/:ref',
    { schema: { tags: ['fiscal: local'], summary: 'Registro local da nota, com as chaves dos arquivos guardados', params: RefParams, response: { 200: LocalInvoice, ...errors } } },
    async (request) => dashboard.local(request.params.ref),
  );

  for (const kind of ['pdf', 'xml'] as const) {
    app.get(
      `/local/:ref/${kind}`,
      {
        schema: {
          tags: ['fiscal: local'],
          summary: kind === 'pdf' ? 'Cópia guardada do DANFE/DACTE/DAMDFE/DANFSe (o DANFCe da NFCe é HTML)' : 'Cópia guardada do XML autorizado',
          params: RefParams,
          response: { 200: Type.String({ format: 'binary' }), 404: ErrorDetail },
        },
      },
      async (request, reply) => {
        const key = await dashboard.fileKey(request.params.ref, kind);
        const sent = await sendBlob(reply, storage, key, { request, filename: key.slice(key.lastIndexOf('/') + 1), inline: kind === 'pdf' });
        if (!sent) throw notFound(`Arquivo da nota '${request.params.ref}' não encontrado no armazenamento.`);
        return reply;
      },
    );
  }
};
