import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { startFiados, type FiadosHarness } from './fiados.test-support.js';

// On PostgreSQL the pool runs these in parallel transactions: without lockPurchase, sums race and updates are lost.
for (const dialect of testDialects()) {
  describe(`fiados: concurrent payments (${dialect})`, () => {
    let h: FiadosHarness;
    let client: number;
    before(async () => {
      h = await startFiados(dialect);
      client = (await h.ok('POST', '/clients/', { name: 'Cliente' })).client.id;
    });
    after(() => h.close());

    // Receipt numbers sent by the client: automatic ones would serialize the transactions on their sequence row.
    const payAll = (purchaseId: number, count: number, amount: number) =>
      Promise.all(
        Array.from({ length: count }, (_, i) =>
          h.call('POST', `/purchases/${purchaseId}/payments/`, { amount, method: 'pix', receipt_number: `R-${purchaseId}-${i}` }),
        ),
      );

    it('100 concurrent payments on one purchase: the total is their sum and the status follows', async () => {
      const purchase = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra', total_value: 1000 })).purchase;
      const answers = await payAll(purchase.id, 100, 9.99);
      assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
      const after = await h.ok('GET', `/purchases/${purchase.id}`);
      assert.equal(after.total_paid_value, 999);
      assert.equal(after.status, 'partial');
      const last = await h.ok('POST', `/purchases/${purchase.id}/payments/`, { amount: 1, method: 'pix' });
      assert.equal(last.payment.amount, 1);
      assert.deepEqual(await h.ok('GET', `/purchases/${purchase.id}`).then((p) => [p.total_paid_value, p.status]), [1000, 'paid']);
    });

    it('concurrent automatic receipt numbers never repeat', async () => {
      const purchase = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra', total_value: 1000 })).purchase;
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => h.call('POST', `/purchases/${purchase.id}/payments/`, { amount: 1, method: 'pix' })),
      );
      assert.equal(new Set(answers.map((a) => a.body.payment.receipt_number)).size, 50);
      assert.equal((await h.ok('GET', `/purchases/${purchase.id}`)).total_paid_value, 50);
    });

    it('concurrent payments never overpay: exactly what fits is accepted', async () => {
      const purchase = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra', total_value: 50 })).purchase;
      const answers = await payAll(purchase.id, 100, 1);
      assert.equal(answers.filter((a) => a.status === 200).length, 50);
      assert.equal(answers.filter((a) => a.status === 422).length, 50);
      const after = await h.ok('GET', `/purchases/${purchase.id}`);
      assert.deepEqual([after.total_paid_value, after.status], [50, 'paid']);
      assert.equal((await h.ok('GET', `/purchases/${purchase.id}/payments/`)).payments.length, 50);
    });

    it('deactivating the client while payments arrive leaves no active payment behind', async () => {
      const other = (await h.ok('POST', '/clients/', { name: 'Outro' })).client.id;
      const purchase = (await h.ok('POST', `/purchases/${other}`, { description: 'Compra', total_value: 1000 })).purchase;
      const [answers] = await Promise.all([payAll(purchase.id, 40, 1), h.ok('DELETE', `/clients/${other}`)]);
      assert.ok(answers.every((a) => a.status === 200 || a.status === 409));
      const after = await h.ok('GET', `/purchases/${purchase.id}`);
      assert.deepEqual([after.is_active, after.total_paid_value, after.status], [0, 0, 'pending']);
      const payments = (await h.ok('GET', `/purchases/${purchase.id}/payments/`)).payments;
      assert.ok(payments.every((p: { is_active: number }) => p.is_active === 0));
    });
  });
}
