import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';

export type TokenType = 'access' | 'refresh' | 'service';

export interface TokenClaims {
  sub: string;
  typ: TokenType;
  jti: string;
  exp: number;
  iat: number;
}

const ISSUER = 'retaguarda';

/** HS256 only: the algorithm is pinned at verification, so `alg: none` and key confusion are refused. */
export class TokenService {
  // A KeyObject built once: handing jose raw bytes makes it import the key on every call.
  private readonly key: KeyObject;

  constructor(
    secret: Uint8Array,
    private readonly lifetimes: { accessMinutes: number; refreshDays: number },
  ) {
    this.key = createSecretKey(secret);
  }

  get accessSeconds(): number {
    return this.lifetimes.accessMinutes * 60;
  }

  issueAccess(userId: string): Promise<string> {
    return this.sign(userId, 'access', randomUUID(), this.accessSeconds);
  }

  issueRefresh(userId: string): Promise<{ token: string; jti: string }> {
    const jti = randomUUID();
    return this.sign(userId, 'refresh', jti, this.lifetimes.refreshDays * 86400).then((token) => ({ token, jti }));
  }

  issueService(userId: string, tokenId: string, days: number): Promise<string> {
    return this.sign(userId, 'service', tokenId, days * 86400);
  }

  private sign(sub: string, typ: TokenType, jti: string, seconds: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ typ })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setJti(jti)
      .setIssuer(ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + seconds)
      .sign(this.key);
  }

  /** The token's claims, or null when it is malformed, expired, forged or of another type. */
  async verify(token: string, expected: TokenType | TokenType[]): Promise<TokenClaims | null> {
    return this.accept(await this.verifySignature(token), expected);
  }

  /** `verify` for a token whose signature was verified before; undefined when it was not. */
  verifiedBefore(token: string, expected: TokenType | TokenType[]): TokenClaims | null | undefined {
    const hit = this.verified.get(token);
    return hit && this.accept(hit, expected);
  }

  private accept(claims: TokenClaims | null, expected: TokenType | TokenType[]): TokenClaims | null {
    const types = Array.isArray(expected) ? expected : [expected];
    return claims && types.includes(claims.typ) && claims.exp * 1000 > Date.now() ? claims : null;
  }

  // A signature verified once stays verified: remembering it takes HMAC off the hot path of every
  // authenticated request. Expiry is still checked on each use; revocation lives elsewhere.
  private readonly verified = new Map<string, TokenClaims>();

  private async verifySignature(token: string): Promise<TokenClaims | null> {
    const hit = this.verified.get(token);
    if (hit) return hit;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      if (!payload.typ || !payload.sub || !payload.jti || !payload.exp) return null;
      const claims = payload as unknown as TokenClaims;
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.set(token, claims);
      return claims;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }
}
