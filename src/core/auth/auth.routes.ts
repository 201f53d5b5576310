import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import { Type } from 'typebox';
import type { ModuleName } from '../config/config.js';
import { unauthorized } from '../http/errors.js';
import { HEALTH_PATH } from '../http/health.js';
import type { AuthService } from './auth.service.js';
import { principalOf } from './guard.plugin.js';
import { Health, LoginBody, Me, RefreshBody, RefreshReply, SessionReply, TokenPair } from './auth.schemas.js';
import type { User, UsersService } from './users.service.js';

const REFRESH_COOKIE = 'rtg_refresh';
const SESSION_PATH = '/api/v1/auth/session';

export interface AuthRoutesOptions {
  auth: AuthService;
  users: UsersService;
  modules: readonly ModuleName[];
  refreshDays: number;
  version: string;
}

/** Seed 002's SimpleJWT endpoints, plus the console's cookie session (refresh token never readable by scripts). */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, opts) => {
  const { auth, users } = opts;
  const me = async (userId: string) => ({ ...(await users.get(userId)), modules: [...opts.modules] });
  const cookieOptions = {
    path: SESSION_PATH,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: 'auto' as const,
    maxAge: opts.refreshDays * 86400,
  };

  app.get(HEALTH_PATH, {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Saúde do serviço', response: { 200: Health } },
  }, async () => ({ status: 'ok', version: opts.version }));

  app.post('/api/v1/auth/token/', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Obter par de tokens (SimpleJWT)', body: LoginBody, response: { 200: TokenPair } },
  }, async (request) => {
    const { access, refresh } = await auth.login(request.body.username, request.body.password, request.ip);
    return { refresh, access };
  });

  app.post('/api/v1/auth/refresh/', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Renovar o access token (rotaciona o refresh)', body: RefreshBody, response: { 200: RefreshReply } },
  }, async (request) => {
    const { access, refresh } = await auth.refresh(request.body.refresh);
    return { access, refresh };
  });

  // The guard hands out the same user object until it changes (at most 2 s): its body is serialized once.
  const meBodies = new WeakMap<User, string>();
  app.get('/api/v1/me/', {
    schema: { tags: ['auth'], summary: 'Usuário atual', response: { 200: Me } },
  }, async (request, reply) => {
    const { user } = principalOf(request);
    let body = meBodies.get(user);
    if (body === undefined) {
      body = reply.serialize({ ...user, modules: [...opts.modules] }) as string;
      meBodies.set(user, body);
    }
    // Already serialized by this route's own serializer: a JSON string is sent as it is.
    return reply.type('application/json; charset=utf-8').send(body as never);
  });

  // Only the console session reads cookies: its routes get the cookie hooks, no other request pays for them.
  await app.register(async (scope) => {
    await scope.register(cookie);
    const session = scope.withTypeProvider<TypeBoxTypeProvider>();

    session.post(`${SESSION_PATH}/`, {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Entrar no console (refresh em cookie httpOnly)', body: LoginBody, response: { 200: SessionReply } },
    }, async (request, reply) => {
      const { access, refresh, userId } = await auth.login(request.body.username, request.body.password, request.ip);
      reply.setCookie(REFRESH_COOKIE, refresh, cookieOptions);
      return { access, user: await me(userId) };
    });

    session.post(`${SESSION_PATH}/refresh`, {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Renovar a sessão do console pelo cookie', response: { 200: SessionReply } },
    }, async (request, reply) => {
      const cookie = request.cookies[REFRESH_COOKIE];
      if (!cookie) throw unauthorized('Sessão expirada.');
      try {
        const { access, refresh, userId } = await auth.refresh(cookie);
        reply.setCookie(REFRESH_COOKIE, refresh, cookieOptions);
        return { access, user: await me(userId) };
      } catch (error) {
        reply.clearCookie(REFRESH_COOKIE, { path: SESSION_PATH });
        throw error;
      }
    });

    session.delete(`${SESSION_PATH}/`, {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Sair do console', response: { 204: Type.Null() } },
    }, async (request, reply) => {
      const cookie = request.cookies[REFRESH_COOKIE];
      if (cookie) await auth.revokeRefresh(cookie);
      reply.clearCookie(REFRESH_COOKIE, { path: SESSION_PATH });
      return reply.status(204).send(null);
    });
  });
};
