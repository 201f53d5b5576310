import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { RouteEntry } from './http.plugin.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const ID = '00000000-0000-4000-8000-000000000000';
const JSON_ERROR = 'Corpo da requisição não é um JSON válido.';

/** Status and headers of a response, plus its JSON body unless it is a stream (SSE) left open. */
interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
  text: string;
}

function pathWith(url: string, param: string): string {
  return url.replace(/:[^/]+/g, param).replace(/\*$/, 'x');
}

const hasParams = (route: RouteEntry) => /[:*]/.test(route.url);
const hasNamedParams = (route: RouteEntry) => route.url.includes(':');

/** The route family's error shape, with the same request id in the header and (envelope) the body. */
function assertErrorShape(what: string, url: string, answer: Answer): void {
  // 503 is a documented answer (an integration not configured here, such as FocusNFE), not a failure.
  assert.ok(answer.status < 500 || answer.status === 503, `${what}: ${answer.status} ${answer.text.slice(0, 200)}`);
  if (answer.status < 400) return;
  const id = answer.headers['x-request-id'];
  assert.ok(typeof id === 'string' && id.length > 0, `${what}: ${answer.status} without X-Request-Id`);
  const body = answer.body as { detail?: unknown; error?: { code?: unknown; request_id?: unknown } } | undefined;
  if (url.startsWith('/api/')) {
    assert.equal(typeof body?.error?.code, 'string', `${what}: ${answer.status} not in the /api envelope: ${answer.text.slice(0, 200)}`);
    assert.equal(body?.error?.request_id, id, `${what}: envelope request_id differs from X-Request-Id`);
  } else {
    assert.ok(body && 'detail' in body, `${what}: ${answer.status} without {"detail"}: ${answer.text.slice(0, 200)}`);
  }
}

/** Over a real socket: what Node's parser refuses never reaches `inject`. */
function rawRequest(port: number, request: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      resolve({ status: Number(statusLine?.split(' ')[1]), headers, body: json, text });
    });
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer')));
  });
}

// Walks the whole route table, so the routes of every module, present and future, are covered.
describe('hostile input to every route: the family’s error shape with a request id, never a 5xx', () => {
  let t: TestApp;
  let token: string;
  let routes: RouteEntry[];
  let port: number;

  before(async () => {
    t = await createTestApp();
    token = await t.loginAs('ADMINISTRADOR');
    routes = t.app.routeTable().filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    port = Number(new URL(await t.app.listen({ host: '127.0.0.1', port: 0 })).port);
  });
  after(() => t.close());

  /** `inject` as an ADMINISTRADOR; an event stream's open response is read for its status only. */
  async function send(method: string, url: string, headers: Record<string, string> = {}, payload?: string): Promise<Answer> {
    const res: LightMyRequestResponse = await t.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      payload,
      payloadAsStream: true,
    });
    const stream = res.stream();
    if (String(res.headers['content-type']).startsWith('text/event-stream')) {
      stream.destroy();
      return { status: res.statusCode, headers: res.headers, body: undefined, text: '' };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.statusCode, headers: res.headers, body, text };
  }

  it('has routes of every family to walk', () => {
    assert.ok(routes.some((r) => r.url.startsWith('/api/v1/')));
    assert.ok(routes.some((r) => r.url.startsWith('/jobs')));
  });

  it('a bodiless request with Content-Type: application/json is a request without a body', async () => {
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const url = pathWith(route.url, ID);
      const answer = await send(route.method, url, { 'content-type': 'application/json' });
      const what = `${route.method} ${route.url} bodiless`;
      assertErrorShape(what, url, answer);
      assert.ok(!answer.text.includes(JSON_ERROR), `${what}: answered that no body is malformed JSON`);
    }
  });

  it('malformed percent-encoding in the path: 400 in the family’s shape, the input never echoed', async () => {
    for (const route of routes) {
      for (const bad of ['%C3%28', '%', '%zz']) {
        const url = hasParams(route) ? pathWith(route.url, bad) : `${route.url.replace(/\/$/, '')}/${bad}`;
        const answer = await send(route.method, url);
        const what = `${route.method} ${url}`;
        assertErrorShape(what, url, answer);
        assert.ok(answer.status >= 400, `${what}: ${answer.status}`);
        assert.ok(!answer.text.includes(bad), `${what}: echoes the path`);
      }
    }
  });

  it('an overlong path parameter is a 414, an overlong query value a 4xx or ignored, neither echoed', async () => {
    const long = 'a'.repeat(2_000);
    for (const route of routes) {
      const url = hasParams(route) ? pathWith(route.url, long) : `${route.url}?page=${long}&limit=${long}&q=${long}`;
      const answer = await send(route.method, url);
      const what = `${route.method} ${route.url} overlong`;
      assertErrorShape(what, url, answer);
      // A wildcard (static files) has no length limit of its own: it simply finds no file.
      if (hasNamedParams(route)) assert.equal(answer.status, 414, `${what}: ${answer.status}`);
      assert.ok(!answer.text.includes(long), `${what}: echoes the input`);
    }
  });

  it('page, limit and offset at the edges of numbers: never a 5xx', async () => {
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const url = pathWith(route.url, ID);
      for (const value of ['1e308', 'Infinity', '99999999999999999999', '-1', '1.5', 'true']) {
        const answer = await send('GET', `${url}?page=${value}&page_size=${value}&limit=${value}&offset=${value}`);
        assertErrorShape(`GET ${route.url}?page=${value}`, url, answer);
      }
    }
  });

  it('a header block over the limit: 431 in the family’s shape with a request id, over a real socket', async () => {
    const big = 'x'.repeat(20_000);
    for (const route of routes) {
      const url = pathWith(route.url, ID);
      const answer = await rawRequest(port, `${route.method} ${url} HTTP/1.1\r\nHost: a\r\nX-Big: ${big}\r\n\r\n`);
      assert.equal(answer.status, 431, `${route.method} ${url}: ${answer.status}`);
      assertErrorShape(`${route.method} ${url} big header`, url, answer);
    }
  });

  it('raw bytes a parser refuses and framework errors on a real socket: the family’s shape with a request id', async () => {
    const cases: [string, string, Buffer][] = [
      ['/jobs/é', '/jobs/', Buffer.concat([Buffer.from('GET /jobs/'), Buffer.from('é'), Buffer.from(' HTTP/1.1\r\nHost: a\r\n\r\n')])],
      ['/api/v1/usuarios/é', '/api/v1/usuarios/', Buffer.concat([Buffer.from('GET /api/v1/usuarios/'), Buffer.from([0xff]), Buffer.from(' HTTP/1.1\r\nHost: a\r\n\r\n')])],
      ['/clients/%C3%28', '/clients/%C3%28', Buffer.from('GET /clients/%C3%28 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')],
      ['/api/v1/usuarios/%/', '/api/v1/usuarios/%/', Buffer.from('GET /api/v1/usuarios/%/ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')],
      [`/jobs/${'a'.repeat(300)}`, '/jobs/a', Buffer.from(`GET /jobs/${'a'.repeat(300)} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`)],
    ];
    for (const [label, url, request] of cases) {
      const answer = await rawRequest(port, request);
      assert.ok(answer.status >= 400 && answer.status < 500, `${label}: ${answer.status}`);
      assertErrorShape(label, url, answer);
      assert.ok(!answer.text.includes('%C3%28') && !answer.text.includes('aaaaaaaaaa'), `${label}: echoes the input`);
    }
  });
});

describe('the edges that real clients hit', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://retaguarda.example.com.br/' } });
  });
  after(() => t.close());

  it('DELETE /jobs/{id} with Content-Type: application/json and no body cancels (Python requests sessions)', async () => {
    const token = await t.loginAs('ADMINISTRADOR');
    const res = await t.app.inject({ method: 'DELETE', url: `/jobs/${ID}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    assert.equal(res.statusCode, 404);
    assert.match(res.json().detail, /não encontrado/i);
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    assert.equal(broken.json().error.message, JSON_ERROR, 'a malformed body is still refused as such');
  });

  it('numbers at the edges are a 422, never a float OFFSET', async () => {
    for (const value of ['1e308', 'Infinity', '99999999999999999999', '1.5', 'true', '0']) {
      const users = await t.injectAs('ADMINISTRADOR', { url: `/api/v1/usuarios/?page=${value}` });
      assert.equal(users.statusCode, 422, `page=${value}`);
      assert.equal(users.json().error.code, 'INVALID_PAYLOAD');
      const jobs = await t.injectAs('ADMINISTRADOR', { url: `/jobs?limit=${value}` });
      assert.equal(jobs.statusCode, 422, `limit=${value}`);
    }
    assert.equal((await t.injectAs('ADMINISTRADOR', { url: '/api/v1/usuarios/?page=2&page_size=5' })).statusCode, 200);
  });

  it('a null is not false, 0 or [""]: a wrong type in a body is a 4xx', async () => {
    const res = await t.injectAs('ADMINISTRADOR', {
      method: 'POST',
      url: '/api/v1/usuarios/',
      payload: { nome_completo: 'Nulo', email: 'nulo@teste.local', perfil: 'OPERADOR', password: 'senha-forte-123', status_ativo: null, permissions: null },
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.ok(res.json().error.details.status_ativo || res.json().error.details.permissions);
  });

  it('pagination links are built on PUBLIC_URL, never on the Host header', async () => {
    for (const perfil of ['OPERADOR', 'APROVADOR'] as const) await t.loginAs(perfil);
    const res = await t.injectAs('ADMINISTRADOR', { url: '/api/v1/usuarios/?page=2&page_size=1', headers: { host: 'evil.example' } });
    const { next, previous } = res.json();
    assert.equal(previous, 'https://retaguarda.example.com.br/api/v1/usuarios/?page=1&page_size=1');
    assert.equal(next, 'https://retaguarda.example.com.br/api/v1/usuarios/?page=3&page_size=1');
  });
});

describe('pagination links without PUBLIC_URL', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('are relative, whatever Host says', async () => {
    await t.loginAs('OPERADOR');
    const res = await t.injectAs('ADMINISTRADOR', { url: '/api/v1/usuarios/?page_size=1', headers: { host: 'evil.example' } });
    assert.equal(res.json().next, '/api/v1/usuarios/?page_size=1&page=2');
    assert.ok(!res.body.includes('evil.example'));
  });
});
