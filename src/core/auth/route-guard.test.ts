import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { createTestApp, type TestApp } from '../testing/test-app.js';

// Walks the whole route table, so a route added later by any module is covered without a new test.
describe('every non-public route refuses callers without a valid token', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  before(async () => {
    t = await createTestApp();
    const valid = await t.loginAs('OPERADOR');
    const [, payload] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    tokens.expired = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub).setJti('x').setIssuer('retaguarda').setIssuedAt(now - 7200).setExpirationTime(now - 3600)
      .sign(new TextEncoder().encode('test-secret-key-with-at-least-32-characters'));
    tokens.otherKey = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub).setJti('y').setIssuer('retaguarda').setIssuedAt(now).setExpirationTime(now + 600)
      .sign(new TextEncoder().encode('another-key-another-key-another-key!'));
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    tokens.algNone = `${header}.${payload}.`;
    tokens.garbage = 'not-a-jwt';
  });
  after(() => t.close());

  const concretePath = (url: string) => url.replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*$/, 'x');

  it('has a route table that includes core routes', () => {
    const urls = t.app.routeTable().map((r) => r.url);
    assert.ok(urls.includes('/api/v1/me/'));
    assert.ok(urls.includes('/api/v1/usuarios/'));
  });

  it('answers 401 with no token, an expired token, another key, alg none and garbage', async () => {
    const guarded = t.app.routeTable().filter((r) => !r.config.public && r.method !== 'HEAD' && r.method !== 'OPTIONS');
    assert.ok(guarded.length > 5, 'expected guarded routes');
    for (const route of guarded) {
      const url = concretePath(route.url);
      const attempts: Record<string, string | undefined> = { none: undefined, ...tokens };
      for (const [label, token] of Object.entries(attempts)) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
        assert.equal(res.statusCode, 401, `${route.method} ${route.url} with ${label} token answered ${res.statusCode}`);
        const body = res.json();
        assert.ok(body.error || body.detail, `${route.method} ${route.url}: 401 without the contract's error shape`);
      }
    }
  });

  it('answers 403 to a perfil the route does not allow', async () => {
    const restricted = t.app.routeTable().filter((r) => r.config.perfil && !r.config.perfil.includes('OPERADOR'));
    assert.ok(restricted.length > 0);
    for (const route of restricted) {
      const res = await t.injectAs('OPERADOR', { method: route.method as 'GET', url: concretePath(route.url) });
      assert.equal(res.statusCode, 403, `${route.method} ${route.url} answered ${res.statusCode} to an OPERADOR`);
    }
  });
});
