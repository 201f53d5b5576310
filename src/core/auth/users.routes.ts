import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pageLinks } from '../http/pagination.js';
import { principalOf } from './guard.plugin.js';
import { PageQuery, User, UserCreate, UserId, UserPage, UserUpdate } from './auth.schemas.js';
import type { UsersService } from './users.service.js';

/** The console's user management (ADMINISTRADOR only); DELETE deactivates, nothing is erased. */
export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  const config = { perfil: ['ADMINISTRADOR' as const] };
  const tags = ['usuarios'];

  app.get('/api/v1/usuarios/', { config, schema: { tags, querystring: PageQuery, response: { 200: UserPage } } }, async (request) => {
    const page = request.query.page ?? 1;
    const pageSize = request.query.page_size ?? 20;
    const { count, results } = await users.list(page, pageSize);
    return { count, ...pageLinks(request, page, pageSize, count), results };
  });

  app.post('/api/v1/usuarios/', { config, schema: { tags, body: UserCreate, response: { 201: User } } }, async (request, reply) => {
    return reply.status(201).send(await users.create(request.body));
  });

  app.get('/api/v1/usuarios/:id', { config, schema: { tags, params: UserId, response: { 200: User } } }, async (request) =>
    users.get(request.params.id),
  );

  app.put('/api/v1/usuarios/:id', { config, schema: { tags, params: UserId, body: UserUpdate, response: { 200: User } } }, async (request) =>
    users.update(request.params.id, request.body, principalOf(request).userId),
  );

  app.delete('/api/v1/usuarios/:id', { config, schema: { tags, params: UserId, response: { 204: Type.Null() } } }, async (request, reply) => {
    await users.deactivate(request.params.id, principalOf(request).userId);
    return reply.status(204).send(null);
  });
};
