import type { Socket } from 'node:net';
import websocket from '@fastify/websocket';
import { Type, type TObject, type TProperties } from 'typebox';
import fp from 'fastify-plugin';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import type { WebSocket } from 'ws';
import { AppError } from './errors.js';

/** Larger incoming WebSocket messages are refused by `ws` itself (close 1009). */
export const WS_MAX_PAYLOAD_BYTES = 64 * 1024;

/** How long a socket whose upgrade was refused may stay idle before it is closed. */
const REFUSED_UPGRADE_IDLE_MS = 5_000;

/** `?token=`: browsers cannot set headers on a WebSocket. A JWT is far shorter than this. */
export const WsTokenQuery = Type.Object({ token: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })) });

export interface WsRouteOptions {
  /** The guard's rules (perfil, permission, serviceTokenAllowed); `public: true` makes the token optional. */
  config?: Omit<FastifyContextConfig, 'tokenInQuery'>;
  schema?: { tags?: string[]; summary?: string; description?: string; querystring?: TObject<TProperties> };
  /** Runs once the socket is open; the guard has already set `request.principal` for a guarded route. */
  handler: (socket: WebSocket, request: FastifyRequest) => void | Promise<void>;
}

// One @fastify/websocket per server: each registration listens to 'upgrade' on its own, and a second
// one would route every upgrade twice. Routes are collected while modules register, then declared
// together in one scope created after them, so it inherits every app-level hook (guard, OpenAPI).
const pending = new WeakMap<object, { url: string; options: WsRouteOptions }[] | 'registered'>();

/**
 * Registers a WebSocket route with the rules of every other route: the guard requires a valid token
 * (`Authorization: Bearer` or `?token=`) and refuses with 401 before the upgrade; a GET without an
 * upgrade is a 426. The route runs in core's WebSocket scope, so hooks of the caller's own scope do
 * not apply to it; the app's (guard, error handler, request id, OpenAPI) do.
 */
export function registerWsRoute(app: FastifyInstance, url: string, options: WsRouteOptions): void {
  let routes = pending.get(app.server);
  if (routes === 'registered') throw new Error(`registerWsRoute(${url}): called after the WebSocket routes were declared`);
  if (!routes) pending.set(app.server, (routes = []));
  routes.push({ url, options });
}

/** Declares every route given to `registerWsRoute`; registered by the app after the modules. */
export const wsRoutesPlugin = fp(
  async (app: FastifyInstance) => {
    const routes = pending.get(app.server);
    pending.set(app.server, 'registered');
    if (routes === 'registered' || !routes?.length) return;
    // A refused upgrade (401, 404…) is answered on a socket Node no longer manages: nothing would close
    // it. `ws` clears this idle timeout on the sockets it takes over (WebSocket#setSocket).
    app.server.on('upgrade', (_request: unknown, socket: Socket) => socket.setTimeout(REFUSED_UPGRADE_IDLE_MS, () => socket.destroy()));
    await app.register(async (scope) => {
      await scope.register(websocket, { options: { maxPayload: WS_MAX_PAYLOAD_BYTES } });
      // Refused before @fastify/websocket's own onRequest hook ran (the guard's 401), it does not know
      // the request was an upgrade and leaves the socket open.
      scope.addHook('onResponse', (request, _reply, done) => {
        if (!request.ws && request.headers.upgrade) request.raw.socket.destroy();
        done();
      });
      // @fastify/websocket hides its routes from OpenAPI; ours are part of the contracts.
      scope.addHook('onRoute', (route) => {
        if (route.websocket && route.schema) (route.schema as { hide?: boolean }).hide = false;
      });
      for (const { url, options } of routes) {
        const { querystring, ...schema } = options.schema ?? {};
        scope.get(
          url,
          {
            websocket: true,
            config: { ...options.config, tokenInQuery: true },
            schema: { ...schema, querystring: Type.Object({ ...querystring?.properties, ...WsTokenQuery.properties }) },
          },
          options.handler,
        );
      }
    });
  },
  { name: 'ws-routes', dependencies: ['http'] },
);

const upgradeRequired = () =>
  new AppError(426, 'Esta rota aceita apenas conexões WebSocket (cabeçalho Upgrade: websocket).', {
    code: 'UPGRADE_REQUIRED',
    headers: { upgrade: 'websocket' },
  });

// `request.ws` is set by @fastify/websocket in its scope's onRequest hook, which runs before a route's own.
const refuseWithoutUpgrade: onRequestHookHandler = (request, _reply, done) => {
  if ((request as FastifyRequest & { ws?: boolean }).ws) return done();
  done(upgradeRequired());
};

/** Any WebSocket route, however registered: a plain HTTP request is told to upgrade instead of a bare 404. */
export function requireUpgrade(route: RouteOptions): void {
  if (!route.websocket) return;
  const hooks = route.onRequest;
  route.onRequest = [...(Array.isArray(hooks) ? hooks : hooks ? [hooks] : []), refuseWithoutUpgrade];
}
