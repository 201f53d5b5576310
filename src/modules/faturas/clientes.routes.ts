import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pageLinks } from '../../core/http/pagination.js';
import { Cliente, ClienteCreate, ClientePage, ClienteParams, ClienteQuery, ClienteUpdate } from './clientes.schemas.js';
import type { ClientesService } from './clientes.service.js';

const BASE = '/api/v1/faturas/clientes/';

/** Clientes: any logged user reads, ADMINISTRADOR writes; DELETE deactivates. */
export const clientesRoutes: FastifyPluginAsyncTypebox<{ clientes: ClientesService }> = async (app, { clientes }) => {
  const admin = { perfil: ['ADMINISTRADOR' as const] };
  const tags = ['faturas: clientes'];

  app.get(BASE, { schema: { tags, querystring: ClienteQuery, response: { 200: ClientePage } } }, async (request) => {
    const page = request.query.page ?? 1;
    const pageSize = request.query.page_size ?? 20;
    const { count, results } = await clientes.list(request.query, page, pageSize);
    return { count, ...pageLinks(request, page, pageSize, count), results };
  });

  app.post(BASE, { config: admin, schema: { tags, body: ClienteCreate, response: { 201: Cliente } } }, async (request, reply) =>
    reply.status(201).send(await clientes.create(request.body)),
  );

  app.get(`${BASE}:id`, { schema: { tags, params: ClienteParams, response: { 200: Cliente } } }, async (request) =>
    clientes.get(request.params.id),
  );

  app.route({
    method: ['PUT', 'PATCH'],
    url: `${BASE}:id`,
    config: admin,
    schema: { tags, params: ClienteParams, body: ClienteUpdate, response: { 200: Cliente } },
    handler: async (request) => clientes.update(request.params.id, request.body),
  });

  app.delete(`${BASE}:id`, { config: admin, schema: { tags, params: ClienteParams, response: { 204: Type.Null() } } }, async (request, reply) => {
    await clientes.deactivate(request.params.id);
    return reply.status(204).send(null);
  });
};
