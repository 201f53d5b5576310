import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../http/errors.js';
import type { AuthService, Principal } from './auth.service.js';
import { bearerOf, permits } from './authenticate.js';
import type { Perfil } from './users.repository.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a token: health, docs, webhooks that carry their own credential. */
    public?: boolean;
    /** Perfis allowed; ADMINISTRADOR is always allowed. */
    perfil?: Perfil[];
    /** A permission such as `core.manage_config_whatsapp`; ADMINISTRADOR has all. */
    permission?: string;
    /** A service token passes whatever the perfil of its user (machine clients such as /metrics scrapers). */
    serviceTokenAllowed?: boolean;
    /** Accept `?token=` (EventSource and browser WebSocket cannot send headers). */
    tokenInQuery?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) return bearerOf(header);
  if (request.routeOptions.config.tokenInQuery) {
    const token = (request.query as Record<string, unknown> | undefined)?.token;
    if (typeof token === 'string' && token.length > 0) return token;
  }
  return undefined;
}

/**
 * Secure by default: every route requires a valid token unless its config says `public: true`,
 * so a route added later cannot be left open by forgetting a guard.
 */
export const guardPlugin = fp(
  async (app: FastifyInstance, opts: { auth: AuthService }) => {
    app.decorateRequest('principal', null);
    app.addHook('onRoute', (route) => {
      const config = route.config ?? {};
      if (config.public) return;
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      schema.security ??= [{ bearerAuth: [] }];
    });
    /** Lets the principal through to this route, or throws 401/403. */
    function admit(request: FastifyRequest, principal: Principal | null): void {
      if (!principal) throw unauthorized('Token inválido ou expirado.');
      request.principal = principal;
      if (!permits(principal, request.routeOptions.config)) throw forbidden();
    }
    app.addHook('onRequest', (request, _reply, done) => {
      // Unmatched routes fall through to the 404/405 handler; public ones skip the promise entirely.
      if (!request.routeOptions.url || request.routeOptions.config.public) return done();
      const token = bearerToken(request);
      if (!token) return done(unauthorized());
      // A token seen before whose user is cached is answered without a promise.
      const known = opts.auth.authenticateNow(token);
      if (known === undefined) {
        opts.auth.authenticate(token).then((principal) => admit(request, principal)).then(() => done(), done);
        return;
      }
      try {
        admit(request, known);
      } catch (error) {
        return done(error as Error);
      }
      done();
    });
  },
  { name: 'guard', dependencies: ['http'] },
);

/** The caller of a guarded route (the guard has already refused anonymous calls). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
