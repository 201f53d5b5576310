import type { CoreContext } from '../module.js';
import { deriveKey, resolveSecretKey } from '../crypto/secrets.js';
import { createAuthService, type AuthService, type Principal } from './auth.service.js';
import { LoginThrottle } from './throttle.js';
import { TokenService } from './tokens.js';
import { createUsersService } from './users.service.js';
import type { Perfil } from './users.repository.js';

export type { Principal } from './auth.service.js';

/** Resolves a token (access or service) to its principal; null for anything not valid right now. */
export type Authenticate = (token: string) => Promise<Principal | null>;

/** What a caller must be: the same rule a route states in its config (`perfil`, `permission`). */
export interface AccessRule {
  perfil?: readonly Perfil[];
  permission?: string;
  serviceTokenAllowed?: boolean;
}

// One auth service per core: the app hands its own over, so every entry point shares its user cache.
const services = new WeakMap<CoreContext, AuthService>();

/** Called by the app once it has built its auth service, before any module registers. */
export function shareAuthService(core: CoreContext, auth: AuthService): void {
  services.set(core, auth);
}

function authServiceOf(core: CoreContext): AuthService {
  let auth = services.get(core);
  if (!auth) {
    // A process without the app (a worker, a script): the same checks from the same key and tables.
    const { config, database } = core;
    const tokens = new TokenService(new Uint8Array(deriveKey(resolveSecretKey(config.secretKey, config.dataDir), 'jwt')), {
      accessMinutes: config.accessTokenMinutes,
      refreshDays: config.refreshTokenDays,
    });
    const users = createUsersService(database.db);
    const throttle = new LoginThrottle(config.login.maxFailures, config.login.lockMinutes * 60_000);
    auth = createAuthService({ db: database.db, users, tokens, throttle });
    services.set(core, auth);
  }
  return auth;
}

/**
 * `authenticate(token)` for entry points the route guard does not cover (a raw socket, a WebSocket
 * message, a queue consumer): same key, same users, same revocation as a guarded route.
 */
export function authenticator(core: CoreContext): Authenticate {
  const auth = authServiceOf(core);
  return (token) => auth.authenticate(token);
}

/** The token of an `Authorization: Bearer …` header; undefined for any other scheme or none. */
export function bearerOf(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme, value] = authorization.split(' ');
  return scheme?.toLowerCase() === 'bearer' && value ? value : undefined;
}

/** True when the principal passes the rule: ADMINISTRADOR always, else perfil and permission. */
export function permits(principal: Principal, rule: AccessRule): boolean {
  const { perfil, permissions } = principal.user;
  if (perfil === 'ADMINISTRADOR') return true;
  if (rule.serviceTokenAllowed && principal.tokenType === 'service') return true;
  if (rule.perfil && !rule.perfil.includes(perfil)) return false;
  return !rule.permission || permissions.includes(rule.permission);
}
