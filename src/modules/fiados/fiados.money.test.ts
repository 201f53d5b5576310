import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import type { FiadosTables } from './fiados.tables.js';
import { startFiados, type FiadosHarness } from './fiados.test-support.js';

for (const dialect of testDialects()) {
  describe(`fiados: money, balances and numbers (${dialect})`, () => {
    let h: FiadosHarness;
    let client: number;
    before(async () => {
      h = await startFiados(dialect);
      client = (await h.ok('POST', '/clients/', { name: 'Cliente' })).client.id;
    });
    after(() => h.close());

    const purchase = async (total: number, extra: Record<string, unknown> = {}) =>
      (await h.ok('POST', `/purchases/${client}`, { description: 'Compra', total_value: total, ...extra })).purchase;
    const pay = (purchaseId: number, amount: unknown) => h.call('POST', `/purchases/${purchaseId}/payments/`, { amount, method: 'pix' });
    const stored = (id: number) =>
      h.t.runtime.database.db
        .withTables<FiadosTables>()
        .selectFrom('fiados_purchases')
        .select(['total_value', 'total_paid_value'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    it('keeps centavos exact: 150.75 is 15075, and 0.1 + 0.2 settles 0.3', async () => {
      const p = await purchase(150.75);
      assert.deepEqual(await stored(p.id), { total_value: 15075, total_paid_value: 0 });
      const small = await purchase(0.3);
      assert.equal((await pay(small.id, 0.1)).status, 200);
      assert.equal((await pay(small.id, 0.2)).status, 200);
      const settled = await h.ok('GET', `/purchases/${small.id}`);
      assert.equal(settled.total_paid_value, 0.3);
      assert.equal(settled.status, 'paid');
      assert.deepEqual(await stored(small.id), { total_value: 30, total_paid_value: 30 });
    });

    it('refuses amounts that are not positive with at most two decimals, with a Portuguese message', async () => {
      const p = await purchase(100);
      const cases: [unknown, string][] = [
        [0.001, 'O valor deve ter no máximo duas casas decimais.'],
        [1.005, 'O valor deve ter no máximo duas casas decimais.'],
        [0, 'O valor deve ser maior que zero.'],
        [-5, 'O valor deve ser maior que zero.'],
        ['abc', 'O valor deve ser um número, como 150.75.'],
        ['10', 'O valor deve ser um número, como 150.75.'],
        [true, 'O valor deve ser um número, como 150.75.'],
        [null, 'O valor deve ser um número, como 150.75.'],
        [1e12, 'O valor excede o máximo permitido (R$ 1.000.000.000,00).'],
      ];
      for (const [amount, msg] of cases) {
        const answer = await pay(p.id, amount);
        assert.equal(answer.status, 422, JSON.stringify(amount));
        assert.equal(answer.body.detail[0].msg, msg, JSON.stringify(amount));
        assert.deepEqual(answer.body.detail[0].loc, ['body', 'amount']);
      }
      assert.equal((await h.ok('GET', `/purchases/${p.id}/payments/`)).payments.length, 0);
      assert.equal((await h.ok('GET', `/purchases/${p.id}`)).total_paid_value, 0);
    });

    it('refuses a bad total or first payment and creates nothing', async () => {
      const before = (await h.ok('GET', `/clients/${client}/purchases`)).purchases.length;
      for (const body of [
        { description: 'x', total_value: 0 },
        { description: 'x', total_value: 10.999 },
        { description: 'x', total_value: '10' },
        { description: 'x', total_value: 10, amount: 0, method: 'pix' },
        { description: 'x', total_value: 10, amount: 0.001, method: 'pix' },
        { description: 'x', total_value: 10, amount: 5 },
      ]) {
        const answer = await h.call('POST', `/purchases/${client}`, body);
        assert.equal(answer.status, 422, JSON.stringify(body));
        assert.ok(Array.isArray(answer.body.detail));
      }
      assert.equal((await h.ok('GET', `/clients/${client}/purchases`)).purchases.length, before);
    });

    it('moves status pending → partial → paid and back as payments change', async () => {
      const p = await purchase(100);
      assert.equal(p.status, 'pending');
      const first = (await pay(p.id, 40)).body.payment;
      assert.equal((await h.ok('GET', `/purchases/${p.id}`)).status, 'partial');
      await pay(p.id, 60);
      assert.deepEqual(await h.ok('GET', `/purchases/${p.id}`).then((x) => [x.total_paid_value, x.status]), [100, 'paid']);
      await h.ok('DELETE', `/purchases/${p.id}/payments/${first.id}`);
      assert.deepEqual(await h.ok('GET', `/purchases/${p.id}`).then((x) => [x.total_paid_value, x.status]), [60, 'partial']);
      await h.ok('PUT', `/purchases/${p.id}/payments/${first.id}`, { amount: 10 });
      assert.equal((await h.ok('GET', `/purchases/${p.id}`)).total_paid_value, 60, 'an inactive payment does not count');
      await h.ok('PUT', `/purchases/${p.id}/payments/${first.id}/restore`);
      assert.deepEqual(await h.ok('GET', `/purchases/${p.id}`).then((x) => [x.total_paid_value, x.status]), [70, 'partial']);
      await h.ok('PUT', `/purchases/${p.id}`, { total_value: 70 });
      assert.equal((await h.ok('GET', `/purchases/${p.id}`)).status, 'paid');
    });

    it('refuses overpayment everywhere it could happen', async () => {
      const excess = { status: 422, body: { detail: 'Pagamento excede o saldo devedor da compra.' } };
      assert.deepEqual(await h.call('POST', `/purchases/${client}`, { description: 'x', total_value: 10, amount: 10.01, method: 'pix' }), excess);
      const p = await purchase(100);
      const a = (await pay(p.id, 60)).body.payment;
      assert.deepEqual(await pay(p.id, 40.01), excess);
      const b = (await pay(p.id, 40)).body.payment;
      assert.deepEqual(await h.call('PUT', `/purchases/${p.id}/payments/${b.id}`, { amount: 41 }), excess);
      await h.ok('DELETE', `/purchases/${p.id}/payments/${a.id}`);
      await pay(p.id, 30);
      assert.deepEqual(await h.call('PUT', `/purchases/${p.id}/payments/${a.id}/restore`), excess);
      assert.deepEqual(await h.call('PUT', `/purchases/${p.id}`, { total_value: 69.99 }), {
        status: 422,
        body: { detail: 'O valor total não pode ser menor que o total já pago.' },
      });
      const after = await h.ok('GET', `/purchases/${p.id}`);
      assert.deepEqual([after.total_value, after.total_paid_value, after.status], [100, 70, 'partial']);
    });

    it('numbers purchases and payments automatically when none is sent', async () => {
      const numbered = await purchase(10, { amount: 1, method: 'pix' });
      assert.match(numbered.note_number, /^NF-\d{6}$/);
      const [payment] = (await h.ok('GET', `/purchases/${numbered.id}/payments/`)).payments;
      assert.match(payment.receipt_number, /^REC-\d{6}$/);
      const next = Number(numbered.note_number.slice(3)) + 1;
      const taken = `NF-${String(next).padStart(6, '0')}`;
      // A client that already sent the next number keeps it; the sequence skips past it.
      assert.equal((await purchase(10, { note_number: taken })).note_number, taken);
      assert.equal((await purchase(10, { note_number: null })).note_number, `NF-${String(next + 1).padStart(6, '0')}`);
      await purchase(10, { note_number: 'NF-0192' }); // not the automatic format: the sequence stays
      await purchase(10, { note_number: 'NF-000100' });
      await purchase(10, { note_number: 'NF-000050' }); // behind the sequence: it does not move back
      assert.equal((await purchase(10)).note_number, 'NF-000101');
      const second = (await pay(numbered.id, 1)).body.payment;
      assert.equal(Number(second.receipt_number.slice(4)), Number(payment.receipt_number.slice(4)) + 1);
    });

    it('refuses duplicated note and receipt numbers with 409', async () => {
      await purchase(10, { note_number: 'NF-DUP' });
      const dup = { status: 409, body: { detail: 'Número de nota já cadastrado.' } };
      assert.deepEqual(await h.call('POST', `/purchases/${client}`, { description: 'x', total_value: 10, note_number: 'NF-DUP' }), dup);
      const other = await purchase(10);
      assert.deepEqual(await h.call('PUT', `/purchases/${other.id}`, { note_number: 'NF-DUP' }), dup);
      await h.ok('POST', `/purchases/${other.id}/payments/`, { amount: 1, method: 'pix', receipt_number: 'REC-DUP' });
      assert.deepEqual(await h.call('POST', `/purchases/${other.id}/payments/`, { amount: 1, method: 'pix', receipt_number: 'REC-DUP' }), {
        status: 409,
        body: { detail: 'Número de recibo já cadastrado.' },
      });
      assert.equal((await h.ok('GET', `/purchases/${other.id}`)).total_paid_value, 1, 'the refused payment left nothing behind');
    });
  });

  describe(`fiados: configuration (${dialect})`, () => {
    it('leaves numbers null when FIADOS_AUTO_NUMBERS=false and renders times in APP_TZ', async () => {
      const h = await startFiados(dialect, { FIADOS_AUTO_NUMBERS: 'false', APP_TZ: 'Asia/Tokyo' });
      try {
        const client = (await h.ok('POST', '/clients/', { name: 'Cliente' })).client.id;
        const p = (await h.ok('POST', `/purchases/${client}`, { description: 'x', total_value: 10, amount: 5, payment_date: 1764793214, method: 'pix' })).purchase;
        assert.equal(p.note_number, null);
        const [payment] = (await h.ok('GET', `/purchases/${p.id}/payments/`)).payments;
        assert.equal(payment.receipt_number, null);
        assert.equal(payment.payment_date, '2025-12-04T05:20:14');
      } finally {
        await h.close();
      }
    });
  });
}
