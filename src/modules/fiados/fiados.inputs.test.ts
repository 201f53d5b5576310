import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { startFiados, type FiadosHarness } from './fiados.test-support.js';

const ROUTES: [string, string][] = [
  ['GET', '/clients/'],
  ['POST', '/clients/'],
  ['GET', '/clients/1'],
  ['PUT', '/clients/1'],
  ['DELETE', '/clients/1'],
  ['PUT', '/clients/1/restore'],
  ['GET', '/clients/1/purchases'],
  ['GET', '/clients/1/statement'],
  ['GET', '/purchases/'],
  ['POST', '/purchases/1'],
  ['GET', '/purchases/1'],
  ['GET', '/purchases/by-note/NF-1'],
  ['PUT', '/purchases/1'],
  ['DELETE', '/purchases/1'],
  ['PUT', '/purchases/1/restore'],
  ['GET', '/purchases/1/payments/'],
  ['POST', '/purchases/1/payments/'],
  ['PUT', '/purchases/1/payments/1'],
  ['DELETE', '/purchases/1/payments/1'],
  ['PUT', '/purchases/1/payments/1/restore'],
  ['GET', '/reports/receivables'],
];

for (const dialect of testDialects()) {
  describe(`fiados: bad input never breaks the service (${dialect})`, () => {
    let h: FiadosHarness;
    before(async () => {
      h = await startFiados(dialect);
      const client = (await h.ok('POST', '/clients/', { name: 'Cliente' })).client.id;
      const purchase = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra', total_value: 10, amount: 1, method: 'pix' })).purchase;
      assert.equal(purchase.id, 1);
    });
    after(() => h.close());

    it('refuses every route without a valid token', async () => {
      for (const [method, url] of ROUTES) {
        const anonymous = await h.t.app.inject({ method: method as 'GET', url });
        assert.equal(anonymous.statusCode, 401, `${method} ${url}`);
        assert.ok(anonymous.json().detail, `${method} ${url}`);
        const forged = await h.t.app.inject({ method: method as 'GET', url, headers: { authorization: 'Bearer nao-e-um-token' } });
        assert.equal(forged.statusCode, 401, `${method} ${url}`);
      }
    });

    it('answers wrong ids, queries and bodies with 4xx, never 500', async () => {
      const junk: unknown[] = [null, 'texto', 42, [], [1, 2], { name: 5 }, { description: [], total_value: {} }, { amount: '1e3' }, { is_active: 2 }];
      const badPaths = ['abc', '-1', '0', '1.5', '99999999999999999999', '%00', '1e3', '2147483648'];
      const attempts: [string, string, unknown][] = [];
      for (const [method, url] of ROUTES) {
        if (/\/1(\/|$)/.test(url)) for (const bad of badPaths) attempts.push([method, url.replace(/\/1(?=\/|$)/g, `/${bad}`), undefined]);
        if (method === 'POST' || method === 'PUT') for (const body of junk) attempts.push([method, url, body]);
      }
      for (const query of ['limit=-1', 'limit=abc', 'limit=99999999999999', 'offset=-5', 'offset=x', 'limit=1.5', 'limit=1e3']) {
        for (const url of ['/clients/', '/purchases/', '/clients/1/purchases', '/purchases/0/payments/']) {
          attempts.push(['GET', `${url}?${query}`, undefined]);
        }
      }
      for (const url of ['/clients/?is_active=talvez', '/clients/?is_active=constructor', '/purchases/?limit=1&limit=2', '/purchases/?only_pending=null', '/clients/1/purchases?only_active=2', '/reports/receivables?sort=nome']) {
        attempts.push(['GET', url, undefined]);
      }
      for (const [method, url, body] of attempts) {
        const answer = await h.call(method, url, body);
        const what = `${method} ${url} ${JSON.stringify(body)} → ${answer.status} ${JSON.stringify(answer.body)}`;
        // Fields a route does not know are ignored (as Pydantic does), so a junk body may still be a valid update.
        if (answer.status === 200 && method === 'PUT' && body !== undefined) continue;
        if (method === 'GET' && url === '/purchases/0/payments/') continue; // 0 is the seed's "all purchases".
        assert.ok(answer.status >= 400 && answer.status < 500, what);
        assert.ok(answer.body?.detail, what);
      }
    });

    it('answers unknown ids with 404 and a huge limit with 422', async () => {
      assert.deepEqual(await h.call('GET', '/purchases/2147483647'), { status: 404, body: { detail: 'Compra não encontrada.' } });
      assert.deepEqual(await h.call('PUT', '/clients/2147483647', { name: 'x' }), { status: 404, body: { detail: 'Cliente não encontrado.' } });
      assert.deepEqual(await h.call('PUT', '/purchases/1/payments/2147483647', { amount: 1 }), {
        status: 404,
        body: { detail: 'Pagamento não encontrado.' },
      });
      const huge = await h.call('GET', '/purchases/?limit=99999999999');
      assert.equal(huge.status, 422);
      assert.deepEqual(huge.body.detail[0].loc, ['query', 'limit']);
      assert.equal((await h.call('GET', '/purchases/?limit=2147483647&offset=2147483647')).status, 200);
    });

    it('refuses a body that is not JSON', async () => {
      const token = await h.t.loginAs('ADMINISTRADOR');
      const answer = await h.t.app.inject({
        method: 'POST',
        url: '/clients/',
        payload: '{"name": ',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      assert.equal(answer.statusCode, 400);
      assert.deepEqual(answer.json(), { detail: 'Corpo da requisição não é um JSON válido.' });
    });
  });
}
