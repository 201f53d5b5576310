import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { startFiados, type FiadosHarness } from './fiados.test-support.js';

for (const dialect of testDialects()) {
  describe(`fiados: client search for the console (${dialect})`, () => {
    let h: FiadosHarness;
    const ids: Record<string, number> = {};
    before(async () => {
      h = await startFiados(dialect);
      const people = [
        { name: 'João da Silva', nickname: 'Jão', phone: '(11) 99999-1111' },
        { name: 'JOANA Ávila', email: 'joana@exemplo.com' },
        { name: 'Tereza Conceição', phone: '11 98888-2222' },
        { name: 'Zé 100%_sem', nickname: null },
      ];
      for (const person of people) ids[person.name] = (await h.ok('POST', '/clients/', person)).client.id;
      // 25 more, so the ones above are spread over several pages of 20.
      for (let i = 0; i < 25; i += 1) await h.ok('POST', '/clients/', { name: `Cliente ${String(i).padStart(2, '0')}` });
      await h.ok('POST', `/purchases/${ids['João da Silva']}`, { description: 'Arroz', total_value: 100.5 });
      await h.ok('POST', `/purchases/${ids['João da Silva']}`, { description: 'Feijão', total_value: 50, amount: 20, method: 'pix' });
      await h.ok('POST', `/purchases/${ids['Tereza Conceição']}`, { description: 'Café', total_value: 10, amount: 10, method: 'pix' });
      await h.ok('POST', `/purchases/${ids['JOANA Ávila']}`, { description: 'Leite', total_value: 7.25 });
      await h.ok('DELETE', `/clients/${ids['JOANA Ávila']}`);
    });
    after(() => h.close());

    const search = (query: string) => h.ok('GET', `/clients/search?${query}`);
    const names = (body: { clients: { name: string }[] }) => body.clients.map((c) => c.name);

    it('finds a client on any page, ignoring accents and case, with totals', async () => {
      const page = await search('q=tereza');
      assert.deepEqual(names(page), ['Tereza Conceição']);
      assert.equal(page.total, 1);
      assert.deepEqual(names(await search('q=JOAO')), ['João da Silva']);
      assert.deepEqual(names(await search('q=conceicao')), ['Tereza Conceição']);
      assert.deepEqual(names(await search('q=jao')), ['João da Silva'], 'nickname, accent-insensitive');
      assert.deepEqual(names(await search('q=988882222')), ['Tereza Conceição'], 'phone digits without punctuation');
      assert.deepEqual(names(await search('q=100%25_')), ['Zé 100%_sem'], 'LIKE wildcards are literal');
    });

    it('pages with a total over every page and sorts both ways', async () => {
      const first = await search('limit=20');
      const second = await search('limit=20&offset=20');
      assert.equal(first.total, 28, 'active clients only by default');
      assert.equal(first.clients.length + second.clients.length, 28);
      const all = [...names(first), ...names(second)];
      assert.ok(all.indexOf('Cliente 24') < all.indexOf('João da Silva') && all.indexOf('João da Silva') < all.indexOf('Tereza Conceição'));
      const reversed = await search('sort=-name&limit=1');
      assert.deepEqual(names(reversed), ['Zé 100%_sem']);
    });

    it('shows balances, filters by situação and sums the balance of what matches', async () => {
      const owing = await search('situacao=devendo');
      assert.deepEqual(names(owing), ['João da Silva']);
      assert.equal(owing.clients[0].balance, 130.5);
      assert.equal(owing.clients[0].open_purchases, 2);
      assert.equal(owing.total_balance, 130.5);
      const byBalance = await search('sort=-balance&limit=2');
      assert.equal(byBalance.clients[0].name, 'João da Silva');
      assert.equal(byBalance.clients[1].balance, 0, 'paid purchases owe nothing');
      assert.deepEqual(names(await search('situacao=desativados')), ['JOANA Ávila']);
      assert.equal((await search('situacao=todos')).total, 29);
      assert.deepEqual(names(await search('q=joana')), [], 'deactivated clients are not among the active');
    });

    it('refuses bad parameters with 422 in the seed shape', async () => {
      for (const query of ['situacao=x', 'sort=phone', 'limit=0', 'limit=501', 'offset=-1', `q=${'a'.repeat(101)}`]) {
        const answer = await h.call('GET', `/clients/search?${query}`);
        assert.equal(answer.status, 422, query);
        assert.ok(Array.isArray(answer.body.detail), query);
      }
    });

    it('needs authentication', async () => {
      const answer = await h.t.app.inject({ method: 'GET', url: '/clients/search' });
      assert.equal(answer.statusCode, 401);
    });
  });
}
