import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pageLinks } from '../../core/http/pagination.js';
import { acceptEmptyBody, actorOf } from './faturas.context.js';
import type { createExecucoesService } from './execucoes.service.js';
import { Cancelado, Cancelar, ExecucaoDetalhe, ExecucaoPage, ExecucaoQuery } from './execucoes.schemas.js';
import { IdParams, JobStarted } from './processos.schemas.js';

const tags = ['faturas'];

/** `/api/v1/faturas/execucoes/`: each attempt at a step of a processo, its robot's logs, cancel and retry. */
export const execucoesRoutes: FastifyPluginAsyncTypebox<{ execucoes: ReturnType<typeof createExecucoesService> }> = async (app, { execucoes }) => {
  const base = '/api/v1/faturas/execucoes';
  acceptEmptyBody(app);

  app.get(`${base}/`, { schema: { tags, querystring: ExecucaoQuery, response: { 200: ExecucaoPage } } }, async (request) => {
    const { count, page, pageSize, results } = await execucoes.list(request.query);
    return { count, ...pageLinks(request, page, pageSize, count), results };
  });

  app.get(`${base}/:id`, { schema: { tags, params: IdParams, response: { 200: ExecucaoDetalhe } } }, async (request) => execucoes.detail(request.params.id));

  app.post(`${base}/:id/cancelar`, { schema: { tags, params: IdParams, body: Cancelar, response: { 200: Cancelado } } }, async (request) =>
    execucoes.cancelar(request.params.id, request.body.motivo),
  );

  app.post(`${base}/:id/tentar-novamente`, { schema: { tags, params: IdParams, response: { 200: JobStarted } } }, async (request) =>
    execucoes.tentarNovamente(request.params.id, actorOf(request)),
  );
};
