import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { stable, startFiados, type FiadosHarness } from './fiados.test-support.js';

// Seed 003's examples replayed literally; ids and creation times differ per run, the rest must not.
// Numbers are off as in the seed's days: a purchase sent without `note_number` keeps null.
for (const dialect of testDialects()) {
  describe(`fiados: seed 003 examples (${dialect})`, () => {
    let h: FiadosHarness;
    let maria: number;
    before(async () => {
      h = await startFiados(dialect, { FIADOS_AUTO_NUMBERS: 'false' });
    });
    after(() => h.close());

    const newClient = async (name: string) => (await h.ok('POST', '/clients/', { name })).client.id as number;

    it('1.2 creates a client', async () => {
      const body = await h.ok('POST', '/clients/', { name: 'Maria Souza', nickname: 'maria', phone: '99999-1111', email: 'maria@email.com' });
      assert.equal(body.message, 'Cliente criado com sucesso.');
      assert.deepEqual(stable(body.client), { name: 'Maria Souza', nickname: 'maria', phone: '99999-1111', email: 'maria@email.com', is_active: 1 });
      assert.equal(body.client.created_at, body.client.updated_at);
      maria = body.client.id;
    });

    it('1.3 gets a client by id, without envelope', async () => {
      const body = await h.ok('GET', `/clients/${maria}`);
      assert.equal(body.id, maria);
      assert.deepEqual(stable(body), { name: 'Maria Souza', nickname: 'maria', phone: '99999-1111', email: 'maria@email.com', is_active: 1 });
    });

    it('1.4 updates only the fields sent', async () => {
      const body = await h.ok('PUT', `/clients/${maria}`, { nickname: 'mariasouza' });
      assert.equal(body.message, 'Cliente atualizado.');
      assert.deepEqual(stable(body.client), { name: 'Maria Souza', nickname: 'mariasouza', phone: '99999-1111', email: 'maria@email.com', is_active: 1 });
    });

    it('1.1 lists active clients', async () => {
      await h.ok('POST', '/clients/', { name: 'João da Silva', nickname: 'joao', phone: '99999-9999', email: 'joao@email.com' });
      const body = await h.ok('GET', '/clients/');
      assert.equal(body.message, 'Clientes encontrados.');
      const joao = body.clients.find((c: { name: string }) => c.name === 'João da Silva');
      assert.deepEqual(stable(joao), { name: 'João da Silva', nickname: 'joao', phone: '99999-9999', email: 'joao@email.com', is_active: 1 });
    });

    it('1.6 lists the purchases of a client: none, then active and inactive with only_active=false', async () => {
      assert.deepEqual(await h.ok('GET', `/clients/${maria}/purchases`), { message: 'Compras encontradas.', purchases: [] });
      const client = await newClient('Cliente 36');
      const first = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra adubo', total_value: 76.9, note_number: 'NF-0071' })).purchase;
      const second = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra adubo', total_value: 76.9, note_number: 'NF-0072' })).purchase;
      await h.ok('DELETE', `/purchases/${second.id}`);
      const body = await h.ok('GET', `/clients/${client}/purchases?only_active=false`);
      assert.equal(body.message, 'Compras encontradas.');
      assert.deepEqual(body.purchases.map((p: { id: number }) => p.id), [second.id, first.id]);
      const common = { client_id: client, description: 'Compra adubo', total_value: 76.9, total_paid_value: 0, status: 'pending' };
      assert.deepEqual(stable(body.purchases[0]), { ...common, note_number: 'NF-0072', is_active: 0 });
      assert.deepEqual(stable(body.purchases[1]), { ...common, note_number: 'NF-0071', is_active: 1 });
      const active = await h.ok('GET', `/clients/${client}/purchases`);
      assert.deepEqual(active.purchases.map((p: { id: number }) => p.id), [first.id]);
    });

    it('2.1 lists every purchase, newest first (the inactive NF-0072 of 1.6 comes first)', async () => {
      const body = await h.ok('GET', '/purchases?limit=1');
      assert.equal(body.message, 'Compras encontradas.');
      assert.equal(body.purchases.length, 1);
      assert.deepEqual(stable(body.purchases[0], ['client_id']), {
        description: 'Compra adubo',
        total_value: 76.9,
        total_paid_value: 0,
        status: 'pending',
        note_number: 'NF-0072',
        is_active: 0,
      });
    });

    it('2.3 and 2.4 get a purchase by id and by note number', async () => {
      const client = await newClient('Cliente ferramentas');
      const created = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra de ferramentas', total_value: 150.5, note_number: 'NF-0190' })).purchase;
      const expected = { client_id: client, description: 'Compra de ferramentas', total_value: 150.5, total_paid_value: 0, status: 'pending', note_number: 'NF-0190', is_active: 1 };
      const byId = await h.ok('GET', `/purchases/${created.id}`);
      assert.deepEqual(stable(byId), expected);
      const byNote = await h.ok('GET', '/purchases/by-note/NF-0190');
      assert.deepEqual(byNote, byId);
    });

    it('2.1 with only_pending=false pages through active purchases (offset 15)', async () => {
      const client = await newClient('Cliente 6');
      const paid = (
        await h.ok('POST', `/purchases/${client}`, { description: 'Compra de produtos agrícolas', total_value: 150.75, amount: 150.75, method: 'pix' })
      ).purchase;
      for (let i = 0; i < 15; i += 1) await h.ok('POST', `/purchases/${client}`, { description: `Compra ${i}`, total_value: 10 });
      const body = await h.ok('GET', '/purchases/?limit=1&offset=15&only_pending=false');
      assert.equal(body.purchases[0].id, paid.id);
      assert.deepEqual(stable(body.purchases[0]), {
        client_id: client,
        description: 'Compra de produtos agrícolas',
        total_value: 150.75,
        total_paid_value: 150.75,
        status: 'paid',
        note_number: null,
        is_active: 1,
      });
    });

    it('2.2 creates a purchase with a first payment, and 3.1 lists it first among all active payments', async () => {
      const client = await newClient('Cliente 37');
      const body = await h.ok('POST', `/purchases/${client}`, {
        description: 'Compra de produtos agrícolas',
        total_value: 150.75,
        note_number: 'NF-0192',
        amount: 50,
        payment_date: 1768900000,
        method: 'pix',
        payment_description: 'Pagamento adiantado',
        receipt_number: 'REC-0038',
      });
      assert.equal(body.message, 'Compra criada com sucesso.');
      assert.deepEqual(stable(body.purchase), {
        client_id: client,
        description: 'Compra de produtos agrícolas',
        total_value: 150.75,
        total_paid_value: 50,
        status: 'partial',
        note_number: 'NF-0192',
        is_active: 1,
      });
      const all = await h.ok('GET', '/purchases/0/payments/?limit=1&offset=0');
      assert.equal(all.message, 'Pagamentos encontrados.');
      assert.deepEqual(stable(all.payments[0]), {
        purchase_id: body.purchase.id,
        amount: 50,
        payment_date: '2026-01-20T06:06:40',
        method: 'pix',
        description: 'Pagamento adiantado',
        receipt_number: 'REC-0038',
        is_active: 1,
      });
    });

    it('2.5 updates a purchase, moving it to another client, and recalculates', async () => {
      const [from, to] = [await newClient('Cliente A'), await newClient('Cliente 1')];
      const created = (
        await h.ok('POST', `/purchases/${from}`, { description: 'Compra antiga', total_value: 100, note_number: 'NF-0091', amount: 30, method: 'dinheiro' })
      ).purchase;
      const body = await h.ok('PUT', `/purchases/${created.id}`, { description: 'Compra de produtos agrícolas', total_value: 190.75, client_id: to });
      assert.equal(body.message, 'Compra atualizada.');
      assert.deepEqual(stable(body.purchase), {
        client_id: to,
        description: 'Compra de produtos agrícolas',
        total_value: 190.75,
        total_paid_value: 30,
        status: 'partial',
        note_number: 'NF-0091',
        is_active: 1,
      });
    });

    it('2.6 deactivates a purchase and its payments; 2.7 restores the purchase alone', async () => {
      const client = await newClient('Cliente 9');
      const created = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra de sabonete', total_value: 90.75, amount: 20, method: 'pix' })).purchase;
      const removed = await h.ok('DELETE', `/purchases/${created.id}`);
      assert.equal(removed.message, 'Compra desativada com sucesso.');
      const expected = { client_id: client, description: 'Compra de sabonete', total_value: 90.75, total_paid_value: 0, status: 'pending', note_number: null };
      assert.deepEqual(stable(removed.purchase), { ...expected, is_active: 0 });
      const restored = await h.ok('PUT', `/purchases/${created.id}/restore`);
      assert.equal(restored.message, 'Compra restaurada.');
      // The seed's 2.7 example says "Compra sabonete", a typo for the purchase deactivated in 2.6.
      assert.deepEqual(stable(restored.purchase), { ...expected, is_active: 1 });
      const payments = await h.ok('GET', `/purchases/${created.id}/payments/`);
      assert.deepEqual(payments.payments.map((p: { is_active: number }) => p.is_active), [0]);
    });

    it('3.1 lists the payments of a purchase', async () => {
      const client = await newClient('Cliente 39');
      const created = (
        await h.ok('POST', `/purchases/${client}`, {
          description: 'Compra 39',
          total_value: 100,
          amount: 30,
          payment_date: Date.UTC(2025, 10, 30, 16, 38, 53) / 1000, // 13:38:53 in São Paulo
          method: 'cartão de débito',
          payment_description: 'Pagamento adiantado',
          receipt_number: 'REC-09301',
        })
      ).purchase;
      const body = await h.ok('GET', `/purchases/${created.id}/payments/?offset=0`);
      assert.equal(body.message, 'Pagamentos encontrados.');
      assert.equal(body.payments.length, 1);
      assert.deepEqual(stable(body.payments[0]), {
        purchase_id: created.id,
        amount: 30,
        payment_date: '2025-11-30T13:38:53',
        method: 'cartão de débito',
        description: 'Pagamento adiantado',
        receipt_number: 'REC-09301',
        is_active: 1,
      });
    });

    it('3.2–3.5 create, update, deactivate and restore a payment, recalculating the purchase', async () => {
      const client = await newClient('Cliente 35');
      const purchase = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra 35', total_value: 200 })).purchase;
      const base = `/purchases/${purchase.id}/payments/`;
      const created = await h.ok('POST', base, { amount: 60, payment_date: 1764793214, method: 'pix', description: 'Pagamento adicional', receipt_number: 'REC-0035' });
      assert.equal(created.message, 'Pagamento criado com sucesso.');
      const payment = { purchase_id: purchase.id, amount: 60, payment_date: '2025-12-03T17:20:14', method: 'pix', description: 'Pagamento adicional', receipt_number: 'REC-0035', is_active: 1 };
      assert.deepEqual(stable(created.payment), payment);
      const paidTotal = async () => (await h.ok('GET', `/purchases/${purchase.id}`)).total_paid_value;
      assert.equal(await paidTotal(), 60);

      const id = created.payment.id;
      // The seed's 3.3 answer shows "Pagamento primário corrigido" for a body that sent "adicional corrigido".
      const updated = await h.ok('PUT', `${base}${id}`, { amount: 50, description: 'Pagamento adicional corrigido' });
      assert.equal(updated.message, 'Pagamento atualizado com sucesso.');
      const corrected = { ...payment, amount: 50, description: 'Pagamento adicional corrigido' };
      assert.deepEqual(stable(updated.payment), corrected);
      assert.equal(await paidTotal(), 50);

      const removed = await h.ok('DELETE', `${base}${id}`);
      assert.equal(removed.message, 'Pagamento desativado com sucesso.');
      assert.deepEqual(stable(removed.payment), { ...corrected, is_active: 0 });
      assert.equal(await paidTotal(), 0);

      const restored = await h.ok('PUT', `${base}${id}/restore`);
      assert.equal(restored.message, 'Pagamento restaurado.');
      assert.deepEqual(stable(restored.payment), corrected);
      assert.equal(await paidTotal(), 50);
    });

    it('1.5 deactivates a client and answers client: null', async () => {
      const body = await h.ok('DELETE', `/clients/${maria}`);
      assert.deepEqual(body, { message: 'Cliente removido com sucesso.', client: null });
      assert.equal((await h.ok('GET', `/clients/${maria}`)).is_active, 0);
    });

    it('4 answers the documented errors as {"detail": …}', async () => {
      const client = await newClient('Cliente erros');
      const purchase = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra', total_value: 100, amount: 10, method: 'pix' })).purchase;
      const other = (await h.ok('POST', `/purchases/${client}`, { description: 'Outra', total_value: 100 })).purchase;
      const [payment] = (await h.ok('GET', `/purchases/${purchase.id}/payments/`)).payments;
      const expectations: [string, string, number, string][] = [
        ['GET', '/clients/999999', 404, 'Cliente não encontrado.'],
        ['GET', '/purchases/999999', 404, 'Compra não encontrada.'],
        ['GET', '/purchases/by-note/NF-inexistente', 404, 'Compra não encontrada.'],
        ['DELETE', `/purchases/${purchase.id}/payments/999999`, 404, 'Pagamento não encontrado.'],
        ['DELETE', `/purchases/${other.id}/payments/${payment.id}`, 409, 'Pagamento não pertence à compra especificada.'],
      ];
      await h.ok('DELETE', `/purchases/${purchase.id}/payments/${payment.id}`);
      expectations.push(['DELETE', `/purchases/${purchase.id}/payments/${payment.id}`, 409, 'Pagamento já desativado.']);
      for (const [method, url, status, detail] of expectations) {
        assert.deepEqual(await h.call(method, url), { status, body: { detail } }, `${method} ${url}`);
      }
      const invalid = await h.call('POST', '/clients/', { nickname: 'sem nome' });
      assert.equal(invalid.status, 422);
      assert.deepEqual(invalid.body, { detail: [{ loc: ['body', 'name'], msg: 'field required', type: 'value_error.missing' }] });
    });
  });
}
