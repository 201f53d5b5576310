import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { testDialects } from '../testing/test-database.js';

for (const dialect of testDialects()) {
  describe(`authentication (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dialect, env: { LOGIN_MAX_FAILURES: '3' } });
      await t.runtime.services.users.create({ nome_completo: 'Ana Admin', email: 'Ana@Empresa.com.br', perfil: 'ADMINISTRADOR', password: 'correta-123' });
      await t.runtime.services.users.create({ nome_completo: 'Caio', email: 'caio@empresa.com.br', perfil: 'OPERADOR', password: 'correta-123' });
    });
    after(() => t.close());

    const login = (username: string, password: string, ip = '10.0.0.1') =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', payload: { username, password }, remoteAddress: ip });

    it('logs in with the e-mail in any case and answers SimpleJWT’s pair', async () => {
      const res = await login('ana@EMPRESA.com.br', 'correta-123');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(Object.keys(res.json()).sort(), ['access', 'refresh']);
      const me = await t.app.inject({ url: '/api/v1/me/', headers: { authorization: `Bearer ${res.json().access}` } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().email, 'ana@empresa.com.br');
      assert.equal(me.json().perfil, 'ADMINISTRADOR');
      assert.equal(me.json().password_hash, undefined);
    });

    it('rotates the refresh token and denies the old one', async () => {
      const { refresh } = (await login('ana@empresa.com.br', 'correta-123')).json();
      const first = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh/', payload: { refresh } });
      assert.equal(first.statusCode, 200);
      assert.ok(first.json().access);
      const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh/', payload: { refresh } });
      assert.equal(again.statusCode, 401);
      assert.equal(again.json().error.code, 'UNAUTHORIZED');
      const next = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh/', payload: { refresh: first.json().refresh } });
      assert.equal(next.statusCode, 200);
    });

    it('refuses a wrong password with 401 and then throttles with 429', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await login('ana@empresa.com.br', 'errada', '10.0.0.9');
        assert.equal(res.statusCode, 401);
      }
      const locked = await login('ana@empresa.com.br', 'correta-123', '10.0.0.9');
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().error.code, 'RATE_LIMITED');
      assert.ok(Number(locked.headers['retry-after']) > 0);
    });

    it('stops a service token the moment it is revoked', async () => {
      const issued = await t.runtime.services.auth.issueServiceToken('ana@empresa.com.br', 'robo', 365);
      const ok = await t.app.inject({ url: '/api/v1/me/', headers: { authorization: `Bearer ${issued.token}` } });
      assert.equal(ok.statusCode, 200);
      assert.equal(await t.runtime.services.auth.revokeServiceToken(issued.id), true);
      const revoked = await t.app.inject({ url: '/api/v1/me/', headers: { authorization: `Bearer ${issued.token}` } });
      assert.equal(revoked.statusCode, 401);
    });

    it('keeps the console refresh token in an httpOnly cookie', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/session/', payload: { username: 'caio@empresa.com.br', password: 'correta-123' }, remoteAddress: '10.0.0.2' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().refresh, undefined);
      const cookie = res.cookies.find((c) => c.name === 'rtg_refresh');
      assert.ok(cookie?.httpOnly);
      assert.equal(cookie?.sameSite, 'Strict');
      const renewed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/session/refresh', cookies: { rtg_refresh: cookie!.value } });
      assert.equal(renewed.statusCode, 200);
      assert.equal(renewed.json().user.email, 'caio@empresa.com.br');
      const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/session/', cookies: { rtg_refresh: renewed.cookies[0]!.value } });
      assert.equal(out.statusCode, 204);
      const after = await t.app.inject({ method: 'POST', url: '/api/v1/auth/session/refresh', cookies: { rtg_refresh: renewed.cookies[0]!.value } });
      assert.equal(after.statusCode, 401);
    });
  });
}
