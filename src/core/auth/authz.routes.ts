import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ModuleName } from '../config/config.js';
import { Me } from './auth.schemas.js';
import { AgentGroupsBody, AgentId, Group, GroupCreate, GroupId, GroupUpdate, MeUpdate, Permission } from './authz.schemas.js';
import type { AuthzService } from './authz.service.js';
import { answerValidationWith400 } from './authz.validation.js';
import { principalOf } from './guard.plugin.js';
import type { UsersService } from './users.service.js';

export interface AuthzRoutesOptions {
  authz: AuthzService;
  users: UsersService;
  modules: readonly ModuleName[];
}

/** Seed 002's `/api/v1/authz/…` (groups of permissions, integer ids) and `PATCH /api/v1/me/`. */
export const authzRoutes: FastifyPluginAsyncTypebox<AuthzRoutesOptions> = async (app, { authz, users, modules }) => {
  answerValidationWith400(app);
  const manage = { permission: 'accounts.manage_auth' };
  const tags = ['authz'];

  // The catalogue lists every permission some route requires, whichever module declared it.
  app.addHook('onReady', async () => {
    const required = app.routeTable().flatMap((route) => (route.config.permission ? [route.config.permission] : []));
    await authz.declarePermissions(required);
  });

  app.get('/api/v1/authz/permissions/', { schema: { tags, summary: 'Permissões', response: { 200: Type.Array(Permission) } } }, () =>
    authz.listPermissions(),
  );

  app.get('/api/v1/authz/groups/', { config: manage, schema: { tags, summary: 'Grupos', response: { 200: Type.Array(Group) } } }, () =>
    authz.listGroups(),
  );

  app.post('/api/v1/authz/groups/', { config: manage, schema: { tags, body: GroupCreate, response: { 201: Group } } }, async (request, reply) =>
    reply.status(201).send(await authz.createGroup(request.body)),
  );

  app.get('/api/v1/authz/groups/:id/', { config: manage, schema: { tags, params: GroupId, response: { 200: Group } } }, (request) =>
    authz.getGroup(request.params.id),
  );

  app.patch('/api/v1/authz/groups/:id/', { config: manage, schema: { tags, params: GroupId, body: GroupUpdate, response: { 200: Group } } }, (request) =>
    authz.updateGroup(request.params.id, request.body),
  );

  app.delete('/api/v1/authz/groups/:id/', { config: manage, schema: { tags, params: GroupId, response: { 204: Type.Null() } } }, async (request, reply) => {
    await authz.deleteGroup(request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/authz/agents/:id/groups/', { config: manage, schema: { tags, params: AgentId, response: { 200: Type.Array(Group) } } }, (request) =>
    authz.agentGroups(request.params.id),
  );

  app.patch('/api/v1/authz/agents/:id/groups/', {
    config: manage,
    schema: { tags, params: AgentId, body: AgentGroupsBody, response: { 200: Type.Array(Group) } },
  }, (request) => authz.setAgentGroups(request.params.id, request.body.group_ids));

  app.patch('/api/v1/me/', { schema: { tags: ['auth'], summary: 'Alterar o próprio nome e telefone', body: MeUpdate, response: { 200: Me } } }, async (request) => {
    const { userId } = principalOf(request);
    const body = request.body;
    const name = body.display_name ?? body.nome_completo;
    const phone = body.phone_number !== undefined ? body.phone_number : body.telefone;
    await users.update(userId, { nome_completo: name, telefone: phone === '' ? null : phone });
    return { ...(await users.cached(userId))!, modules: [...modules] };
  });
};
