import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { AuthService, Principal } from '../auth/auth.service.js';
import { authenticator, permits } from '../auth/authenticate.js';
import { guardPlugin } from '../auth/guard.plugin.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { httpPlugin } from './http.plugin.js';
import { registerWsRoute, wsRoutesPlugin } from './ws.js';

const principal = (perfil: 'OPERADOR' | 'APROVADOR'): Principal =>
  ({ userId: `u-${perfil}`, user: { perfil, permissions: [] }, tokenType: 'access', token: perfil, expiresAt: Date.now() + 60_000 }) as unknown as Principal;

// Two tokens are valid: OPERADOR and APROVADOR, for a user of that perfil.
const fakeAuth = {
  authenticateNow: () => undefined,
  authenticate: async (token: string) => (token === 'OPERADOR' || token === 'APROVADOR' ? principal(token) : null),
} as unknown as AuthService;

/** Opens a WebSocket; resolves with its first message, or with the HTTP answer that refused the upgrade. */
function connect(url: string, headers: Record<string, string> = {}): Promise<{ message?: unknown; status?: number; body?: unknown; requestId?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('message', (data) => {
      resolve({ message: JSON.parse(String(data)) });
      ws.close();
    });
    ws.once('unexpected-response', (_request, response: IncomingMessage) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => {
        // A refused handshake leaves the socket to the client (the `ws` documentation): close it.
        ws.terminate();
        resolve({ status: response.statusCode, body: JSON.parse(text), requestId: response.headers['x-request-id'] as string });
      });
    });
    ws.once('error', (err) => (err.message.startsWith('Unexpected server response') ? undefined : reject(err)));
  });
}

describe('registerWsRoute: WebSocket routes under the guard’s token rules', () => {
  let app: FastifyInstance;
  let base: string;
  before(async () => {
    app = Fastify();
    await app.register(httpPlugin, {});
    await app.register(guardPlugin, { auth: fakeAuth });
    for (const url of ['/ws/eco', '/api/v1/ws/eco']) {
      registerWsRoute(app, url, {
        config: { perfil: ['OPERADOR'] },
        handler: (socket, request) => socket.send(JSON.stringify({ user: request.principal?.userId })),
      });
    }
    registerWsRoute(app, '/ws/aberto', { config: { public: true }, handler: (socket) => socket.send('"oi"') });
    await app.register(wsRoutesPlugin);
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
  });
  after(() => app.close());

  it('opens with ?token= or Authorization, the principal already on the request', async () => {
    assert.deepEqual((await connect(`${base}/ws/eco?token=OPERADOR`)).message, { user: 'u-OPERADOR' });
    assert.deepEqual((await connect(`${base}/ws/eco`, { authorization: 'Bearer OPERADOR' })).message, { user: 'u-OPERADOR' });
  });

  it('refuses before the upgrade: 401 without a valid token, 403 for another perfil, in the family’s shape', async () => {
    for (const query of ['', '?token=', '?token=forjado']) {
      const res = await connect(`${base}/ws/eco${query}`);
      assert.equal(res.status, 401, query);
      assert.equal(typeof (res.body as { detail: string }).detail, 'string');
      assert.ok(res.requestId);
    }
    const api = await connect(`${base}/api/v1/ws/eco`);
    assert.equal(api.status, 401);
    assert.equal((api.body as { error: { code: string } }).error.code, 'UNAUTHORIZED');
    assert.equal((await connect(`${base}/ws/eco?token=APROVADOR`)).status, 403);
  });

  it('a public WebSocket route opens without a token', async () => {
    assert.equal((await connect(`${base}/ws/aberto`)).message, 'oi');
  });

  it('a GET without an upgrade is a 426 that says so, in the family’s shape', async () => {
    const http = base.replace('ws', 'http');
    const seed = await fetch(`${http}/ws/aberto`);
    assert.equal(seed.status, 426);
    assert.equal(seed.headers.get('upgrade'), 'websocket');
    assert.ok(seed.headers.get('x-request-id'));
    assert.match((await seed.json()).detail, /WebSocket/);
    const api = await fetch(`${http}/api/v1/ws/eco`, { headers: { authorization: 'Bearer OPERADOR' } });
    assert.equal(api.status, 426);
    assert.equal((await api.json()).error.code, 'UPGRADE_REQUIRED');
  });

});

describe('authenticator: the guard’s checks for entry points outside Fastify', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('resolves a valid token to its principal, anything else to null', async () => {
    const authenticate = authenticator(t.runtime.core);
    const who = await authenticate(await t.loginAs('APROVADOR'));
    assert.equal(who?.user.perfil, 'APROVADOR');
    assert.equal(await authenticate('not-a-jwt'), null);
    assert.equal(permits(who!, { perfil: ['APROVADOR'] }), true);
    assert.equal(permits(who!, { perfil: ['OPERADOR'] }), false);
    assert.equal(permits(who!, { permission: 'core.manage_config_whatsapp' }), false);
  });

  it('GET /ws/notifications without an upgrade → 426 {"detail": …}', async () => {
    const res = await t.app.inject({ url: '/ws/notifications' });
    assert.equal(res.statusCode, 426);
    assert.match(res.json().detail, /WebSocket/);
    assert.ok(res.headers['x-request-id']);
  });

  it('documents WebSocket routes in OpenAPI, with their `token` query', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const get = doc.paths['/ws/notifications'].get;
    assert.ok(get.parameters.some((p: { name: string; in: string }) => p.name === 'token' && p.in === 'query'));
  });
});
