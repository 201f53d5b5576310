import type { FastifyRequest } from 'fastify';
import { createAuthService } from '../../core/auth/auth.service.js';
import { LoginThrottle } from '../../core/auth/throttle.js';
import { TokenService } from '../../core/auth/tokens.js';
import { createUsersService } from '../../core/auth/users.service.js';
import { deriveKey, resolveSecretKey } from '../../core/crypto/secrets.js';
import type { CoreContext } from '../../core/module.js';

/** True when the token is one the guard would accept right now. */
export type TokenCheck = (token: string) => Promise<boolean>;

/**
 * The realtime routes are public at the route level (a job id is a capability) but let a token
 * widen what the caller may watch. Core does not hand modules its auth service, so the same checks
 * are assembled here from core's own parts: same key, same users, same revocation.
 */
export function createTokenCheck(core: CoreContext): TokenCheck {
  const { config, database } = core;
  const secret = resolveSecretKey(config.secretKey, config.dataDir);
  const tokens = new TokenService(new Uint8Array(deriveKey(secret, 'jwt')), {
    accessMinutes: config.accessTokenMinutes,
    refreshDays: config.refreshTokenDays,
  });
  const users = createUsersService(database.db);
  const throttle = new LoginThrottle(config.login.maxFailures, config.login.lockMinutes * 60_000);
  const auth = createAuthService({ db: database.db, users, tokens, throttle });
  return async (token) => (await auth.authenticate(token)) !== null;
}

/** `Authorization: Bearer …`, else `?token=` (EventSource and browser WebSocket cannot send headers). */
export function requestToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, value] = header.split(' ');
    if (scheme?.toLowerCase() === 'bearer' && value) return value;
  }
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}
