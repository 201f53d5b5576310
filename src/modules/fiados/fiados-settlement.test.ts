import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { startFiados, type FiadosHarness } from './fiados.test-support.js';

for (const dialect of testDialects()) {
  describe(`fiados: receiving one amount over a client's open purchases (${dialect})`, () => {
    let h: FiadosHarness;
    before(async () => {
      h = await startFiados(dialect);
    });
    after(() => h.close());

    async function clientWithPurchases(totals: number[], name = 'Cliente') {
      const client = (await h.ok('POST', '/clients/', { name })).client.id as number;
      const purchases: number[] = [];
      for (const [i, total] of totals.entries()) {
        purchases.push((await h.ok('POST', `/purchases/${client}`, { description: `Compra ${i + 1}`, total_value: total })).purchase.id);
      }
      return { client, purchases };
    }

    it('previews the split oldest first without writing anything', async () => {
      const { client, purchases } = await clientWithPurchases([30, 50, 20]);
      const preview = await h.ok('POST', `/clients/${client}/settlements/preview`, { amount: 60, method: 'pix' });
      assert.deepEqual(
        preview.allocations.map((a: { purchase_id: number; amount: number; open_after: number; payment: unknown }) => [a.purchase_id, a.amount, a.open_after, a.payment]),
        [
          [purchases[0], 30, 0, null],
          [purchases[1], 30, 20, null],
        ],
      );
      assert.deepEqual([preview.balance_before, preview.balance_after], [100, 40]);
      const untouched = await h.ok('GET', `/purchases/${purchases[0]}`);
      assert.equal(untouched.total_paid_value, 0);
    });

    it('records one payment per purchase and settles their totals', async () => {
      const { client, purchases } = await clientWithPurchases([30.1, 50, 20]);
      const done = await h.ok('POST', `/clients/${client}/settlements`, { amount: 70.15, method: 'dinheiro', description: 'Acerto' });
      assert.equal(done.allocations.length, 2);
      assert.equal(done.balance_after, 29.95);
      const [first, second, third] = await Promise.all(purchases.map((id) => h.ok('GET', `/purchases/${id}`)));
      assert.deepEqual([first.status, first.total_paid_value], ['paid', 30.1]);
      assert.deepEqual([second.status, second.total_paid_value], ['partial', 40.05]);
      assert.deepEqual([third.status, third.total_paid_value], ['pending', 0]);
      const payments = (await h.ok('GET', `/purchases/${purchases[1]}/payments/`)).payments;
      assert.deepEqual(
        payments.map((p: { amount: number; method: string; description: string }) => [p.amount, p.method, p.description]),
        [[40.05, 'dinheiro', 'Acerto']],
      );
      const statement = await h.ok('GET', `/clients/${client}/statement`);
      assert.equal(statement.total_owed, 29.95);
    });

    it('refuses more than the client owes, a future date and a client with nothing open, writing nothing', async () => {
      const { client, purchases } = await clientWithPurchases([10, 5]);
      const over = await h.call('POST', `/clients/${client}/settlements`, { amount: 15.01, method: 'pix' });
      assert.equal(over.status, 422);
      assert.match(JSON.stringify(over.body.detail), /saldo devedor do cliente \(R\$ 15,00\)/);
      const future = await h.call('POST', `/clients/${client}/settlements`, {
        amount: 1,
        method: 'pix',
        payment_date: Math.floor(Date.now() / 1000) + 86_400,
      });
      assert.equal(future.status, 422);
      assert.equal((await h.ok('GET', `/purchases/${purchases[0]}`)).total_paid_value, 0);
      await h.ok('POST', `/clients/${client}/settlements`, { amount: 15, method: 'pix', payment_date: Math.floor(Date.now() / 1000) - 86_400 });
      const nothing = await h.call('POST', `/clients/${client}/settlements`, { amount: 1, method: 'pix' });
      assert.equal(nothing.status, 422);
    });

    it('settles a purchase dated in the past first, and refuses a purchase dated in the future', async () => {
      const client = (await h.ok('POST', '/clients/', { name: 'Caderno de ontem' })).client.id as number;
      const today = (await h.ok('POST', `/purchases/${client}`, { description: 'Hoje', total_value: 10 })).purchase;
      const yesterday = Math.floor(Date.now() / 1000) - 86_400;
      const old = (await h.ok('POST', `/purchases/${client}`, { description: 'Ontem', total_value: 10, purchase_date: yesterday })).purchase;
      assert.ok(old.created_at < today.created_at, 'dated yesterday');
      const done = await h.ok('POST', `/clients/${client}/settlements`, { amount: 10, method: 'pix' });
      assert.deepEqual(done.allocations.map((a: { purchase_id: number }) => a.purchase_id), [old.id]);
      const future = await h.call('POST', `/purchases/${client}`, { description: 'Amanhã', total_value: 10, purchase_date: yesterday + 3 * 86_400 });
      assert.equal(future.status, 422);
      assert.deepEqual(future.body.detail[0].loc, ['body', 'purchase_date']);
    });

    it('answers 404 for an unknown client, 409 for a deactivated one, 422 for bad bodies', async () => {
      assert.equal((await h.call('POST', '/clients/999999/settlements', { amount: 1, method: 'pix' })).status, 404);
      const { client } = await clientWithPurchases([10]);
      await h.ok('DELETE', `/clients/${client}`);
      assert.equal((await h.call('POST', `/clients/${client}/settlements`, { amount: 1, method: 'pix' })).status, 409);
      for (const body of [{ amount: 0, method: 'pix' }, { amount: 1.234, method: 'pix' }, { amount: '10', method: 'pix' }, { amount: 1 }, { amount: 1, method: 'x'.repeat(51) }]) {
        assert.equal((await h.call('POST', `/clients/${client}/settlements/preview`, body)).status, 422, JSON.stringify(body));
      }
    });

    it('keeps totals exact when two receipts for the same client race', async () => {
      const { client, purchases } = await clientWithPurchases([40, 40]);
      const answers = await Promise.all([
        h.call('POST', `/clients/${client}/settlements`, { amount: 50, method: 'pix' }),
        h.call('POST', `/clients/${client}/settlements`, { amount: 50, method: 'pix' }),
      ]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 422], 'the second sees only 30 left');
      const paid = await Promise.all(purchases.map(async (id) => (await h.ok('GET', `/purchases/${id}`)).total_paid_value));
      assert.deepEqual(paid, [40, 10]);
    });
  });
}
