import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../core/testing/test-app.js';

const OURS = /^\/(api\/v1\/(config|whatsapp|authz|me)\/?|ws\/(echo|whatsapp)\/|webhooks\/whatsapp)/;
// Public by design, each with its own credential or none needed: the webhook (signature, verify token), the uploaded logo.
const PUBLIC = new Set(['/webhooks/whatsapp', '/api/v1/config/appearance/files/:name']);

const concrete = (url: string) => url.replace(/:id/g, '1').replace(/:name/g, 'logo-00000000-0000-4000-8000-000000000000.png');

describe('atendimento: every new route refuses callers without a token (401) or without the permission (403)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { MODULES: 'atendimento' } });
  });
  after(() => t.close());

  const ours = () => t.app.routeTable().filter((r) => OURS.test(r.url) && r.method !== 'HEAD' && r.method !== 'OPTIONS');

  it('only the webhook and the uploaded images are public', () => {
    const routes = ours();
    assert.ok(routes.length >= 25, `only ${routes.length} routes`);
    for (const route of routes) assert.equal(Boolean(route.config.public), PUBLIC.has(route.url), `${route.method} ${route.url}`);
  });

  it('401 without a token', async () => {
    for (const route of ours().filter((r) => !r.config.public)) {
      const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url) });
      assert.equal(res.statusCode, 401, `${route.method} ${route.url}`);
      // /api/v1 answers seed 002's envelope; the WebSocket paths, like every path outside /api, `detail`.
      assert.ok(res.json().error?.code === 'UNAUTHORIZED' || res.json().detail, `${route.method} ${route.url}`);
    }
  });

  it("403 to a login without the route's permission; the permission alone lets it through", async () => {
    const guarded = ours().filter((r) => r.config.permission && !r.url.startsWith('/ws/'));
    assert.ok(guarded.length >= 10);
    const nobody = await t.loginAs('OPERADOR');
    for (const route of guarded) {
      const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers: { authorization: `Bearer ${nobody}` } });
      assert.equal(res.statusCode, 403, `${route.method} ${route.url}`);
      assert.equal(res.json().error.code, 'FORBIDDEN');
      const holder = await t.loginAs('OPERADOR', [route.config.permission!]);
      const allowed = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers: { authorization: `Bearer ${holder}` } });
      assert.notEqual(allowed.statusCode, 403, `${route.method} ${route.url} with ${route.config.permission}`);
      assert.ok(allowed.statusCode < 500, `${route.method} ${route.url} answered ${allowed.statusCode}`);
    }
  });
});
