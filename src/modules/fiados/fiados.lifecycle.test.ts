import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { startFiados, type FiadosHarness } from './fiados.test-support.js';

const ids = (items: { id: number }[]) => items.map((i) => i.id);

for (const dialect of testDialects()) {
  describe(`fiados: deactivation, restore and filters (${dialect})`, () => {
    let h: FiadosHarness;
    before(async () => {
      h = await startFiados(dialect);
    });
    after(() => h.close());

    const newClient = async (name = 'Cliente') => (await h.ok('POST', '/clients/', { name })).client.id as number;
    const newPurchase = async (client: number, total = 100, paid?: number) =>
      (await h.ok('POST', `/purchases/${client}`, { description: 'Compra', total_value: total, ...(paid && { amount: paid, method: 'pix' }) })).purchase;
    const payments = async (purchaseId: number) => (await h.ok('GET', `/purchases/${purchaseId}/payments/`)).payments;
    const get = (purchaseId: number) => h.ok('GET', `/purchases/${purchaseId}`);

    it('deactivating a client deactivates its purchases and their payments, totals back to 0', async () => {
      const client = await newClient();
      const bystander = await newPurchase(await newClient('Outro'), 100, 10);
      const a = await newPurchase(client, 100, 30);
      const b = await newPurchase(client, 50, 50);
      await h.ok('POST', `/purchases/${a.id}/payments/`, { amount: 20, method: 'pix' });
      await h.ok('DELETE', `/clients/${client}`);
      for (const p of [a, b]) {
        const after = await get(p.id);
        assert.deepEqual([after.is_active, after.total_paid_value, after.status], [0, 0, 'pending']);
        assert.ok((await payments(p.id)).every((x: { is_active: number }) => x.is_active === 0));
      }
      assert.deepEqual([(await get(bystander.id)).is_active, (await get(bystander.id)).total_paid_value], [1, 10]);
      assert.deepEqual(await h.call('DELETE', `/clients/${client}`), { status: 409, body: { detail: 'Cliente já desativado.' } });
    });

    it('restoring a client (PUT is_active 1 or /restore) leaves purchases and payments deactivated', async () => {
      const client = await newClient();
      const p = await newPurchase(client, 100, 30);
      await h.ok('DELETE', `/clients/${client}`);
      const restored = await h.ok('PUT', `/clients/${client}`, { is_active: 1 });
      assert.deepEqual([restored.message, restored.client.is_active], ['Cliente atualizado.', 1]);
      assert.equal((await get(p.id)).is_active, 0);
      await h.ok('DELETE', `/clients/${client}`);
      const again = await h.ok('PUT', `/clients/${client}/restore`);
      assert.deepEqual([again.message, again.client.is_active], ['Cliente restaurado.', 1]);
      assert.deepEqual(await h.call('PUT', `/clients/${client}/restore`), { status: 409, body: { detail: 'Cliente já está ativo.' } });

      // Restoring then goes purchase by purchase, payment by payment.
      assert.equal((await h.ok('PUT', `/purchases/${p.id}/restore`)).purchase.total_paid_value, 0);
      const [payment] = await payments(p.id);
      await h.ok('PUT', `/purchases/${p.id}/payments/${payment.id}/restore`);
      assert.deepEqual([(await get(p.id)).total_paid_value, (await get(p.id)).status], [30, 'partial']);
    });

    it('PUT is_active 0 deactivates a client with the same cascade as DELETE', async () => {
      const client = await newClient();
      const p = await newPurchase(client, 100, 30);
      const body = await h.ok('PUT', `/clients/${client}`, { is_active: 0, nickname: 'inativo' });
      assert.deepEqual([body.client.is_active, body.client.nickname], [0, 'inativo']);
      assert.deepEqual([(await get(p.id)).is_active, (await get(p.id)).total_paid_value], [0, 0]);
    });

    it('deactivating a purchase deactivates its payments; restoring it does not restore them', async () => {
      const client = await newClient();
      const p = await newPurchase(client, 100, 30);
      await h.ok('POST', `/purchases/${p.id}/payments/`, { amount: 20, method: 'pix' });
      assert.equal((await h.ok('DELETE', `/purchases/${p.id}`)).purchase.total_paid_value, 0);
      assert.deepEqual((await payments(p.id)).map((x: { is_active: number }) => x.is_active), [0, 0]);
      assert.deepEqual(await h.call('DELETE', `/purchases/${p.id}`), { status: 409, body: { detail: 'Compra já desativada.' } });
      assert.deepEqual(await h.call('POST', `/purchases/${p.id}/payments/`, { amount: 1, method: 'pix' }), {
        status: 409,
        body: { detail: 'Compra desativada. Restaure a compra antes.' },
      });
      const [last] = await payments(p.id);
      assert.equal((await h.call('PUT', `/purchases/${p.id}/payments/${last.id}/restore`)).status, 409, 'payment of an inactive purchase');
      const restored = (await h.ok('PUT', `/purchases/${p.id}/restore`)).purchase;
      assert.deepEqual([restored.is_active, restored.total_paid_value, restored.status], [1, 0, 'pending']);
      assert.deepEqual(await h.call('PUT', `/purchases/${p.id}/restore`), { status: 409, body: { detail: 'Compra já está ativa.' } });
      await h.ok('PUT', `/purchases/${p.id}/payments/${last.id}/restore`);
      assert.equal((await get(p.id)).total_paid_value, 20);
      assert.deepEqual(await h.call('PUT', `/purchases/${p.id}/payments/${last.id}/restore`), {
        status: 409,
        body: { detail: 'Pagamento já está ativo.' },
      });
    });

    it('keeps purchases off inactive clients', async () => {
      const client = await newClient();
      const p = await newPurchase(client);
      const active = await newClient('Ativo');
      await h.ok('DELETE', `/clients/${client}`);
      const inactive = { status: 409, body: { detail: 'Cliente desativado. Restaure o cliente antes.' } };
      assert.deepEqual(await h.call('POST', `/purchases/${client}`, { description: 'x', total_value: 1 }), inactive);
      assert.deepEqual(await h.call('PUT', `/purchases/${p.id}/restore`), inactive);
      const moving = await newPurchase(active);
      assert.deepEqual(await h.call('PUT', `/purchases/${moving.id}`, { client_id: client }), inactive);
      assert.deepEqual(await h.call('PUT', `/purchases/${moving.id}`, { client_id: 999999 }), {
        status: 404,
        body: { detail: 'Cliente não encontrado.' },
      });
      assert.deepEqual(await h.call('POST', '/purchases/999999', { description: 'x', total_value: 1 }), {
        status: 404,
        body: { detail: 'Cliente não encontrado.' },
      });
    });

    describe('filters and pages', () => {
      let client: number;
      let open: { id: number };
      let paid: { id: number };
      let inactive: { id: number };
      let inactiveClient: number;
      before(async () => {
        client = await newClient('Filtros');
        open = await newPurchase(client, 100, 10);
        paid = await newPurchase(client, 100, 100);
        inactive = await newPurchase(client, 100, 20);
        await h.ok('DELETE', `/purchases/${inactive.id}`);
        inactiveClient = await newClient('Inativo');
        await h.ok('DELETE', `/clients/${inactiveClient}`);
      });

      it('GET /purchases/ only_pending: unset all, false active, true active and not paid', async () => {
        const list = async (query: string) => ids((await h.ok('GET', `/purchases/${query}`)).purchases);
        const all = await list('');
        assert.ok([open.id, paid.id, inactive.id].every((id) => all.includes(id)));
        const active = await list('?only_pending=false');
        assert.ok(active.includes(open.id) && active.includes(paid.id) && !active.includes(inactive.id));
        const pending = await list('?only_pending=true');
        assert.ok(pending.includes(open.id) && !pending.includes(paid.id) && !pending.includes(inactive.id));
        assert.deepEqual(all, [...all].sort((a, b) => b - a), 'newest first');
      });

      it('GET /clients/{id}/purchases only_active defaults to true; limit and offset page', async () => {
        assert.deepEqual(ids((await h.ok('GET', `/clients/${client}/purchases`)).purchases), [paid.id, open.id]);
        assert.deepEqual(ids((await h.ok('GET', `/clients/${client}/purchases?only_active=false`)).purchases), [inactive.id, paid.id, open.id]);
        assert.deepEqual(ids((await h.ok('GET', `/clients/${client}/purchases?only_active=false&limit=1&offset=1`)).purchases), [paid.id]);
        assert.deepEqual(ids((await h.ok('GET', `/clients/${client}/purchases?only_active=false&offset=2`)).purchases), [open.id]);
        assert.deepEqual(await h.call('GET', '/clients/999999/purchases'), { status: 404, body: { detail: 'Cliente não encontrado.' } });
      });

      it('GET /clients/ is_active defaults to true; false lists all', async () => {
        const active = ids((await h.ok('GET', '/clients/')).clients);
        const all = ids((await h.ok('GET', '/clients/?is_active=false')).clients);
        assert.ok(active.includes(client) && !active.includes(inactiveClient));
        assert.ok(all.includes(client) && all.includes(inactiveClient));
        assert.deepEqual(ids((await h.ok('GET', '/clients/?is_active=false&limit=2&offset=1')).clients), all.slice(1, 3));
      });

      it('GET /purchases/0/payments/ lists active payments of every purchase; a purchase lists both', async () => {
        const all = (await h.ok('GET', '/purchases/0/payments/')).payments;
        assert.ok(all.every((p: { is_active: number }) => p.is_active === 1));
        const purchases = new Set(all.map((p: { purchase_id: number }) => p.purchase_id));
        assert.ok(purchases.has(open.id) && purchases.has(paid.id) && !purchases.has(inactive.id));
        assert.deepEqual((await payments(inactive.id)).map((p: { is_active: number }) => p.is_active), [0]);
        assert.equal((await h.ok('GET', '/purchases/0/payments/?limit=2&offset=1')).payments.length, 2);
        assert.deepEqual(await h.call('GET', '/purchases/999999/payments/'), { status: 404, body: { detail: 'Compra não encontrada.' } });
      });
    });
  });
}
