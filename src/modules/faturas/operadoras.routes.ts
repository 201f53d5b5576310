import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pageLinks } from '../../core/http/pagination.js';
import { Operadora, OperadoraCreate, OperadoraPage, OperadoraParams, OperadoraQuery, OperadoraUpdate } from './operadoras.schemas.js';
import type { OperadorasService } from './operadoras.service.js';

const BASE = '/api/v1/faturas/operadoras/';

/** Operadoras: any logged user reads, ADMINISTRADOR writes. */
export const operadorasRoutes: FastifyPluginAsyncTypebox<{ operadoras: OperadorasService }> = async (app, { operadoras }) => {
  const admin = { perfil: ['ADMINISTRADOR' as const] };
  const tags = ['faturas: operadoras'];

  app.get(BASE, { schema: { tags, querystring: OperadoraQuery, response: { 200: OperadoraPage } } }, async (request) => {
    const page = request.query.page ?? 1;
    const pageSize = request.query.page_size ?? 20;
    const { count, results } = await operadoras.list(request.query, page, pageSize);
    return { count, ...pageLinks(request, page, pageSize, count), results };
  });

  app.post(BASE, { config: admin, schema: { tags, body: OperadoraCreate, response: { 201: Operadora } } }, async (request, reply) =>
    reply.status(201).send(await operadoras.create(request.body)),
  );

  app.get(`${BASE}:id`, { schema: { tags, params: OperadoraParams, response: { 200: Operadora } } }, async (request) =>
    operadoras.get(request.params.id),
  );

  app.route({
    method: ['PUT', 'PATCH'],
    url: `${BASE}:id`,
    config: admin,
    schema: { tags, params: OperadoraParams, body: OperadoraUpdate, response: { 200: Operadora } },
    handler: async (request) => operadoras.update(request.params.id, request.body),
  });

  app.delete(
    `${BASE}:id`,
    { config: admin, schema: { tags, params: OperadoraParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await operadoras.remove(request.params.id);
      return reply.status(204).send(null);
    },
  );
};
