import { randomUUID } from 'node:crypto';
import type { CoreDb } from '../db/db.js';
import { AppError, notFound, unauthorized } from '../http/errors.js';
import { generatePassword, verifyPassword } from './passwords.js';
import type { LoginThrottle } from './throttle.js';
import type { TokenClaims, TokenService, TokenType } from './tokens.js';
import type { User, UsersService } from './users.service.js';

/** Who is calling: set on the request by the guard. */
export interface Principal {
  userId: string;
  /** The user as presented by the API (perfil, permissions…), as of at most a couple of seconds ago. */
  user: User;
  tokenType: TokenType;
  token: string;
  expiresAt: number;
}

export interface TokenPair {
  access: string;
  refresh: string;
}

const INVALID_CREDENTIALS = 'Nenhuma conta ativa encontrada com as credenciais fornecidas.';
// Verifying against a real hash when the e-mail is unknown keeps both answers equally slow.
const DUMMY_HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$ZHVtbXlkdW1teWR1bW15ZHVtbXlkdW1teWR1bW15ZA';

export function createAuthService(deps: { db: CoreDb; users: UsersService; tokens: TokenService; throttle: LoginThrottle }) {
  const { db, users, tokens, throttle } = deps;

  async function pairFor(userId: string): Promise<TokenPair> {
    const [access, refresh] = await Promise.all([tokens.issueAccess(userId), tokens.issueRefresh(userId)]);
    return { access, refresh: refresh.token };
  }

  function principal(token: string, claims: TokenClaims, user: User | undefined): Principal | null {
    if (!user || !user.status_ativo) return null;
    return { userId: user.id, user, tokenType: claims.typ, token, expiresAt: claims.exp * 1000 };
  }

  /**
   * `authenticate` without waiting, when memory has the answer: an access token verified before
   * whose user is cached. Undefined when a read is due (and always for service tokens, whose
   * revocation is checked in the database on every use).
   */
  function authenticateNow(token: string): Principal | null | undefined {
    const claims = tokens.verifiedBefore(token, ['access', 'service']);
    if (claims === null) return null;
    if (claims === undefined || claims.typ === 'service') return undefined;
    const hit = users.cachedNow(claims.sub);
    return hit && principal(token, claims, hit.user);
  }

  return {
    async login(email: string, password: string, ip: string): Promise<TokenPair & { userId: string }> {
      const normalized = email.trim().toLowerCase();
      const keys = [`email:${normalized}`, `ip:${ip}`];
      const wait = throttle.retryAfter(keys);
      if (wait > 0) {
        throw new AppError(429, 'Muitas tentativas de login. Tente novamente mais tarde.', {
          headers: { 'retry-after': String(wait) },
        });
      }
      const row = await users.findRowByLogin(email.trim());
      const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
      if (!row || !ok || row.status_ativo !== 1) {
        // An IP may try several accounts (a shared office), so it gets a wider allowance than one e-mail.
        throttle.recordFailure(keys, { [`ip:${ip}`]: 20 });
        throw unauthorized(INVALID_CREDENTIALS);
      }
      throttle.recordSuccess([`email:${normalized}`]);
      const [pair] = await Promise.all([pairFor(row.id), users.recordLogin(row.id)]);
      return { ...pair, userId: row.id };
    },

    /** Rotates: the old refresh token is denied, a new pair is issued. */
    async refresh(refreshToken: string): Promise<TokenPair & { userId: string }> {
      const claims = await tokens.verify(refreshToken, 'refresh');
      if (!claims) throw unauthorized('Token inválido ou expirado.');
      const denied = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('auth_refresh_denylist')
          .values({ jti: claims.jti, expires_at: claims.exp * 1000 })
          .onConflict((oc) => oc.column('jti').doNothing())
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0;
      });
      if (denied) throw unauthorized('Token inválido ou expirado.');
      const row = await users.findRowById(claims.sub);
      if (!row || row.status_ativo !== 1) throw unauthorized('Token inválido ou expirado.');
      return { ...(await pairFor(row.id)), userId: row.id };
    },

    async revokeRefresh(refreshToken: string): Promise<void> {
      const claims = await tokens.verify(refreshToken, 'refresh');
      if (!claims) return;
      await db
        .insertInto('auth_refresh_denylist')
        .values({ jti: claims.jti, expires_at: claims.exp * 1000 })
        .onConflict((oc) => oc.column('jti').doNothing())
        .execute();
    },

    async pruneDenylist(): Promise<void> {
      await db.deleteFrom('auth_refresh_denylist').where('expires_at', '<', Date.now()).execute();
    },

    /** Resolves a bearer token to a principal; null for anything not currently valid. */
    async authenticate(token: string): Promise<Principal | null> {
      const known = authenticateNow(token);
      if (known !== undefined) return known;
      const claims = await tokens.verify(token, ['access', 'service']);
      if (!claims) return null;
      if (claims.typ === 'service') {
        const row = await db
          .selectFrom('api_tokens')
          .select(['revoked_at', 'expires_at', 'user_id'])
          .where('id', '=', claims.jti)
          .executeTakeFirst();
        if (!row || row.revoked_at !== null || Number(row.expires_at) < Date.now() || row.user_id !== claims.sub) return null;
      }
      return principal(token, claims, await users.cached(claims.sub));
    },

    authenticateNow,

    async issueServiceToken(email: string, name: string, days: number): Promise<{ id: string; token: string; expires_at: number }> {
      const row = await users.findRowByEmail(email);
      if (!row) throw notFound(`Usuário '${email}' não encontrado.`);
      const id = randomUUID();
      const now = Date.now();
      const expiresAt = now + days * 86_400_000;
      await db
        .insertInto('api_tokens')
        .values({ id, user_id: row.id, name, created_at: now, expires_at: expiresAt, revoked_at: null, last_used_at: null })
        .execute();
      return { id, token: await tokens.issueService(row.id, id, days), expires_at: expiresAt };
    },

    listServiceTokens() {
      return db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .select(['api_tokens.id', 'api_tokens.name', 'users.email', 'api_tokens.created_at', 'api_tokens.expires_at', 'api_tokens.revoked_at'])
        .orderBy('api_tokens.created_at')
        .execute();
    },

    async revokeServiceToken(id: string): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: Date.now() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** First start: the ADMIN_EMAIL user, or a generated password printed once. */
    async ensureFirstAdmin(admin: { email?: string; password?: string }): Promise<{ email: string; password?: string } | null> {
      if ((await users.count()) > 0) return null;
      const email = admin.email ?? 'admin@retaguarda.local';
      const password = admin.password ?? generatePassword();
      await users.create({ nome_completo: 'Administrador', email, perfil: 'ADMINISTRADOR', password });
      return { email, password: admin.password ? undefined : password };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
