import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import type { Config } from './core/config/config.js';
import { deriveKey } from './core/crypto/secrets.js';
import { createAuthService, type AuthService } from './core/auth/auth.service.js';
import { authRoutes } from './core/auth/auth.routes.js';
import { shareAuthService } from './core/auth/authenticate.js';
import { authzRoutes } from './core/auth/authz.routes.js';
import { createAuthzService } from './core/auth/authz.service.js';
import { guardPlugin } from './core/auth/guard.plugin.js';
import { LoginThrottle } from './core/auth/throttle.js';
import { TokenService } from './core/auth/tokens.js';
import { createUsersService, type UsersService } from './core/auth/users.service.js';
import { usersRoutes } from './core/auth/users.routes.js';
import { consolePlugin } from './core/http/console.plugin.js';
import { serverWithHealth } from './core/http/health.js';
import { requestId } from './core/http/request-id.js';
import { httpPlugin } from './core/http/http.plugin.js';
import { clientErrorHandler, frameworkErrors } from './core/http/framework-errors.js';
import type { RequestRate } from './core/load/request-rate.js';
import { closeAllSse } from './core/http/sse.js';
import { wsRoutesPlugin } from './core/http/ws-route.js';
import { lazyChildLogger } from './core/http/lazy-logger.js';
import { AccessLogController } from './core/http/access-log.js';
import { openapiPlugin } from './core/http/openapi.plugin.js';
import { metricsPlugin } from './core/metrics/metrics.plugin.js';
import type { CoreContext } from './core/module.js';
import { enabledModules } from './modules/registry.js';
import { VERSION } from './version.js';

export interface AppServices {
  auth: AuthService;
  users: UsersService;
  tokens: TokenService;
  core: CoreContext;
}

export interface BuildOptions {
  config: Readonly<Config>;
  core: CoreContext;
  secretKey: string;
  logger: Logger;
  /** Marked by every request, so background work can tell when the API is under a burst. */
  requestRate?: RequestRate;
}

/** The whole service as one Fastify instance: core plugins, then each enabled module, then the console. */
export async function buildApp(opts: BuildOptions): Promise<{ app: FastifyInstance; services: AppServices }> {
  const { config, core, logger } = opts;
  const { database } = core;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    childLoggerFactory: lazyChildLogger,
    // One access line per request instead of Fastify's two (core/http/access-log.ts).
    logController: new AccessLogController(logger),
    bodyLimit: config.bodyLimit,
    genReqId: requestId,
    // What Fastify answers before any hook (bad URL, header overflow) in the contracts' shapes, with a request id.
    frameworkErrors,
    clientErrorHandler,
    serverFactory: serverWithHealth(VERSION, opts.requestRate),
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    // A request already on an accepted connection when SIGTERM lands is served, not refused.
    return503OnClosing: false,
    ajv: { customOptions: { strict: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const tokens = new TokenService(new Uint8Array(deriveKey(opts.secretKey, 'jwt')), {
    accessMinutes: config.accessTokenMinutes,
    refreshDays: config.refreshTokenDays,
  });
  const users = createUsersService(database.db);
  const throttle = new LoginThrottle(config.login.maxFailures, config.login.lockMinutes * 60_000);
  const auth = createAuthService({ db: database.db, users, tokens, throttle });

  // Open event streams would hold server.close() forever: end them when shutdown starts.
  app.addHook('preClose', async () => closeAllSse());
  await app.register(httpPlugin, { requestRate: opts.requestRate, publicUrl: config.env.PUBLIC_URL });
  await app.register(consolePlugin, { root: config.webDist });
  await app.register(guardPlugin, { auth });
  await app.register(openapiPlugin, { version: VERSION });
  await app.register(metricsPlugin);
  await app.register(authRoutes, { auth, users, modules: config.modules, refreshDays: config.refreshTokenDays, version: VERSION });
  await app.register(usersRoutes, { users });
  await app.register(authzRoutes, { authz: createAuthzService({ db: database.db, users }), users, modules: config.modules });
  // Modules' own entry points (WebSocket messages, raw sockets) authenticate through this same service.
  shareAuthService(core, auth);
  for (const module of enabledModules(config.modules)) {
    await app.register(async (scope) => module.register(scope, core));
  }
  // After the modules: declares the WebSocket routes they asked for, in one scope (core/http/ws-route.ts).
  await app.register(wsRoutesPlugin);
  return { app: app as unknown as FastifyInstance, services: { auth, users, tokens, core } };
}
