import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestApp, type TestApp } from '../testing/test-app.js';

describe('HTTP edge: bad requests get the contract’s 4xx shape, never a 500', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp({ env: { BODY_LIMIT: '2048' } });
    token = await t.loginAs('ADMINISTRADOR');
  });
  after(() => t.close());

  const envelope = (body: any, code: string) => {
    assert.equal(body.error.code, code);
    assert.equal(typeof body.error.message, 'string');
    assert.ok(body.error.request_id);
    assert.match(body.error.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  };

  it('malformed JSON → 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    assert.equal(res.statusCode, 400);
    envelope(res.json(), 'INVALID_PAYLOAD');
  });

  it('wrong content type → 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    assert.equal(res.statusCode, 415);
    envelope(res.json(), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('oversized body → 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', payload: { username: 'x', password: 'y'.repeat(5000) } });
    assert.equal(res.statusCode, 413);
    envelope(res.json(), 'PAYLOAD_TOO_LARGE');
  });

  it('unknown route → 404 in each contract’s shape', async () => {
    const api = await t.app.inject({ url: '/api/v1/nada/' });
    assert.equal(api.statusCode, 404);
    envelope(api.json(), 'NOT_FOUND');
    const seed = await t.app.inject({ url: '/nada' });
    assert.equal(seed.statusCode, 404);
    assert.deepEqual(seed.json(), { detail: 'Not Found' });
  });

  it('unknown method on a known route → 405 with Allow', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/me/', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 405);
    assert.match(String(res.headers.allow), /GET/);
    envelope(res.json(), 'METHOD_NOT_ALLOWED');
  });

  it('validation → 422 with field details, and a request id on every response', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', payload: { username: 'a' }, headers: { 'x-request-id': 'req-123' } });
    assert.equal(res.statusCode, 422);
    assert.equal(res.headers['x-request-id'], 'req-123');
    assert.equal(res.json().error.request_id, 'req-123');
    assert.deepEqual(res.json().error.details, { password: ['field required'] });
  });

  it('tolerates trailing slashes', async () => {
    const res = await t.app.inject({ url: '/api/v1/health' });
    assert.equal(res.statusCode, 200);
  });

  it('over a socket, health answered before routing matches the documented route', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const routed = await t.app.inject({ url: '/api/v1/health/?via=fastify' });
    for (const path of ['/api/v1/health/', '/api/v1/health']) {
      const res = await fetch(base + path, { headers: { 'x-request-id': 'probe-1' } });
      assert.equal(res.status, 200);
      assert.equal(await res.text(), routed.body);
      assert.equal(res.headers.get('content-type'), routed.headers['content-type']);
      assert.equal(res.headers.get('x-request-id'), 'probe-1');
    }
    const generated = await Promise.all([1, 2].map(() => fetch(base + '/api/v1/health/', { headers: { 'x-request-id': 'not valid!' } })));
    const ids = generated.map((res) => String(res.headers.get('x-request-id')));
    assert.ok(ids.every((id) => /^[0-9a-f]{8}-[0-9a-z]+$/.test(id)) && ids[0] !== ids[1], `ids novos: ${ids.join(', ')}`);
    // Other methods still reach Fastify and its 405.
    assert.equal((await fetch(base + '/api/v1/health/', { method: 'POST' })).status, 405);
    // The server keeps Fastify's settings: a keep-alive longer than load balancers' 60 s idle timeout.
    assert.equal(t.app.server.keepAliveTimeout, 72_000);
  });

  it('/openapi.json is a valid OpenAPI 3 document listing every route with its security', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    await SwaggerParser.validate(structuredClone(doc));
    assert.match(doc.openapi, /^3\./);
    const documented = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const toOpenApi = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');
    for (const route of t.app.routeTable()) {
      // The documents themselves (Swagger UI, seed 002's schema, docs and ReDoc pages) are not operations.
      if (route.method === 'HEAD' || route.config.public && /^\/(docs|openapi\.json|api\/(schema|docs|redoc)(\/|$))/.test(route.url)) continue;
      assert.ok(documented.has(`${route.method} ${toOpenApi(route.url)}`), `${route.method} ${route.url} missing from OpenAPI`);
    }
    assert.deepEqual(doc.paths['/api/v1/me/'].get.security, [{ bearerAuth: [] }]);
    assert.equal(doc.paths['/api/v1/health/'].get.security, undefined);
  });
});
