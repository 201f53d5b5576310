import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { normalizeCnpj } from '../../core/brazil/index.js';
import type { DashboardService } from './fiscal-dashboard.service.js';
import type { FiscalService } from './fiscal.service.js';
import {
  CancelQuery,
  CorrectionQuery,
  DocumentBody,
  ErrorDetail,
  FocusBody,
  IbgeParams,
  InvoicePage,
  NfseListQuery,
  RefParams,
  RefQuery,
} from './fiscal.schemas.js';
import { DOC_TYPES } from './fiscal.tables.js';

const EMIT = 'fiscal.emitir';
const errors = { 400: ErrorDetail, 404: ErrorDetail, 409: ErrorDetail, 422: ErrorDetail, 429: ErrorDetail, 502: ErrorDetail, 503: ErrorDetail };

interface Options {
  service: FiscalService;
  dashboard: DashboardService;
  municipio: (ibge: string) => Promise<unknown>;
}

/** Seed 000 §3.1–3.3: emit, list, consult, cancel and correct, per document type. */
export const fiscalDocumentRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { service, dashboard, municipio }) => {
  app.get(
    '/nfse/municipio/:ibge',
    {
      schema: { tags: ['fiscal: nfse'], summary: 'Requisitos da prefeitura para NFSe (FocusNFE, guardado por 24 h)', params: IbgeParams, response: { 200: FocusBody, ...errors } },
    },
    async (request) => municipio(request.params.ibge),
  );

  for (const tipo of DOC_TYPES) {
    const tags = [`fiscal: ${tipo}`];
    const label = tipo.toUpperCase();

    app.post(
      `/${tipo}/`,
      {
        config: { permission: EMIT },
        schema: {
          tags,
          summary: `Emite ${label} (JSON da FocusNFE; validado antes do envio; a resposta da FocusNFE é repassada)`,
          querystring: RefQuery,
          body: DocumentBody,
          response: { 200: FocusBody, 201: FocusBody, 202: FocusBody, ...errors },
        },
      },
      async (request, reply) => {
        const answer = await service.emit(tipo, request.query.ref, request.body as Record<string, unknown>);
        return reply.code(answer.statusCode).send(answer.body as object);
      },
    );

    app.get(
      `/${tipo}/`,
      {
        schema: {
          tags,
          summary: `Lista ${label} locais (filtros status e CNPJ do emitente/prestador)`,
          querystring: NfseListQuery,
          response: { 200: InvoicePage, ...errors },
        },
      },
      async (request) => {
        const { status, cnpj_prestador, limit = 50, offset = 0 } = request.query;
        const cnpj = cnpj_prestador ? (normalizeCnpj(cnpj_prestador) ?? cnpj_prestador.replace(/\D/g, '')) : undefined;
        return dashboard.list({ tipo, status, cnpj, limit, offset });
      },
    );

    app.get(
      `/${tipo}/:ref`,
      {
        schema: { tags, summary: `Consulta ${label} na FocusNFE e atualiza o registro local`, params: RefParams, response: { 200: FocusBody, ...errors } },
      },
      async (request) => service.consult(tipo, request.params.ref),
    );

    app.delete(
      `/${tipo}/:ref`,
      {
        config: { permission: EMIT },
        schema: {
          tags,
          summary: `Cancela ${label} autorizada (justificativa de 15 a 255 caracteres)`,
          params: RefParams,
          querystring: CancelQuery,
          response: { 200: FocusBody, ...errors },
        },
      },
      async (request) => service.cancel(tipo, request.params.ref, request.query.justificativa),
    );
  }

  app.post(
    '/nfe/:ref/carta_correcao',
    {
      config: { permission: EMIT },
      schema: {
        tags: ['fiscal: nfe'],
        summary: 'Carta de correção (CC-e) de NFe autorizada; texto de 15 a 1000 caracteres',
        params: RefParams,
        querystring: CorrectionQuery,
        response: { 200: FocusBody, ...errors },
      },
    },
    async (request) => service.correct(request.params.ref, request.query.texto),
  );
};
