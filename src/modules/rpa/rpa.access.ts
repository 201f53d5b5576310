import type { FastifyRequest } from 'fastify';
import { authenticator, bearerOf } from '../../core/auth/authenticate.js';
import type { CoreContext } from '../../core/module.js';

/** True when the token is one the guard would accept right now. */
export type TokenCheck = (token: string) => Promise<boolean>;

/**
 * The realtime routes are public at the route level (a job id is a capability) but let a token
 * widen what the caller may watch: core's `authenticator` applies the guard's own checks.
 */
export function createTokenCheck(core: CoreContext): TokenCheck {
  const authenticate = authenticator(core);
  return async (token) => (await authenticate(token)) !== null;
}

/** `Authorization: Bearer …`, else `?token=` (EventSource and browser WebSocket cannot send headers). */
export function requestToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const token = bearerOf(header);
    if (token) return token;
  }
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}
