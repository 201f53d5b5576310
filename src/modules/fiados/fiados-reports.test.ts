import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatLocalTime } from '../../core/time/index.js';
import { testDialects } from '../../core/testing/test-database.js';
import { createFiadosService, type FiadosService } from './fiados.service.js';
import type { FiadosTables } from './fiados.tables.js';
import { startFiados, type FiadosHarness } from './fiados.test-support.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 20, 9, 6, 40);
const TZ = 'America/Sao_Paulo';

interface ModelPurchase { id: number; client: number; total: number; createdAt: number; active: boolean; description: string }
interface ModelPayment { id: number; purchase: number; amount: number; date: number; active: boolean }

for (const dialect of testDialects()) {
  describe(`fiados: statement and receivables (${dialect})`, () => {
    let h: FiadosHarness;
    let clock = NOW;
    let service: FiadosService;
    before(async () => {
      h = await startFiados(dialect);
      // The same service over the same database, with a clock the test moves.
      service = createFiadosService({ db: h.t.runtime.database.db.withTables<FiadosTables>(), timeZone: TZ, autoNumbers: true, now: () => clock });
    });
    after(() => h.close());

    it('ages open balances by purchase creation at the bucket boundaries', async () => {
      const client = (await service.clients.create({ name: 'Idades' })).id;
      const ages = [0, 30 * DAY, 31 * DAY, 61 * DAY - 1, 61 * DAY, 91 * DAY - 1, 91 * DAY, 400 * DAY];
      for (const [i, age] of ages.entries()) {
        clock = NOW - age;
        await service.purchases.create(client, { description: `Compra ${i}`, total_value: 10 * (i + 1) });
      }
      clock = NOW;
      const report = await service.reports.receivables('amount');
      const row = report.clients.find((c) => c.client_id === client)!;
      assert.deepEqual(row.buckets, { '0_30': 30, '31_60': 70, '61_90': 110, over_90: 150 });
      assert.deepEqual([row.open_balance, row.open_purchases, row.days_oldest], [360, 8, 400]);
      assert.equal(row.oldest_open_purchase_at, formatLocalTime(NOW - 400 * DAY, TZ));
      assert.equal(report.generated_at, '2026-01-20T06:06:40');
      await service.clients.remove(client);
      assert.ok(!(await service.reports.receivables('amount')).clients.some((c) => c.client_id === client), 'deactivated, nothing open');
    });

    it('match an independent model on a generated data set', async () => {
      let seed = 7;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return Math.floor((seed / 2 ** 31) * n);
      };
      const pick = <T>(items: T[]): T | undefined => items[random(items.length)];
      const clients = new Map<number, boolean>();
      const purchases: ModelPurchase[] = [];
      const payments: ModelPayment[] = [];
      const paid = (p: ModelPurchase) => payments.filter((x) => x.purchase === p.id && x.active).reduce((s, x) => s + x.amount, 0);

      clock = NOW - 150 * DAY;
      for (let i = 0; i < 6; i += 1) clients.set((await service.clients.create({ name: `Cliente ${i}`, nickname: `c${i}` })).id, true);
      for (let step = 0; step < 160; step += 1) {
        clock += random(DAY);
        const activeClients = [...clients].filter(([, active]) => active).map(([id]) => id);
        const open = purchases.filter((p) => p.active && paid(p) < p.total);
        const op = random(10);
        if (op < 4 || open.length === 0) {
          const client = pick(activeClients);
          if (client === undefined) continue;
          const total = 100 + random(50_000);
          const description = `Compra ${step}`;
          const created = await service.purchases.create(client, { description, total_value: total / 100 });
          purchases.push({ id: created.id, client, total, createdAt: clock, active: true, description });
        } else if (op < 7) {
          const p = pick(open)!;
          const amount = 1 + random(p.total - paid(p));
          const date = Math.floor((clock - random(5 * DAY)) / 1000);
          const created = await service.payments.create(p.id, { amount: amount / 100, method: 'pix', payment_date: date });
          payments.push({ id: created.id, purchase: p.id, amount, date: date * 1000, active: true });
        } else if (op === 7) {
          const x = pick(payments.filter((y) => y.active));
          if (!x) continue;
          await service.payments.deactivate(x.purchase, x.id);
          x.active = false;
        } else if (op === 8) {
          const p = pick(purchases.filter((y) => !y.active && clients.get(y.client)));
          if (!p) continue;
          await service.purchases.restore(p.id);
          p.active = true;
        } else {
          const p = pick(purchases.filter((y) => y.active));
          if (!p) continue;
          await service.purchases.deactivate(p.id);
          p.active = false;
          payments.filter((y) => y.purchase === p.id).forEach((y) => (y.active = false));
        }
      }
      const gone = activeClientsOf(clients)[0]!;
      await service.clients.remove(gone);
      clients.set(gone, false);
      for (const p of purchases.filter((y) => y.client === gone)) {
        p.active = false;
        payments.filter((y) => y.purchase === p.id).forEach((y) => (y.active = false));
      }

      clock = NOW;
      for (const client of clients.keys()) {
        const mine = purchases.filter((p) => p.client === client && p.active);
        const moves = [
          ...mine.map((p) => ({ at: p.createdAt, kind: 0, purchase: p.id, payment: 0, amount: p.total, description: p.description })),
          ...payments
            .filter((x) => x.active && mine.some((p) => p.id === x.purchase))
            .map((x) => ({ at: Math.max(x.date, mine.find((p) => p.id === x.purchase)!.createdAt), kind: 1, purchase: x.purchase, payment: x.id, amount: x.amount, description: 'Pagamento (pix)' })),
        ].sort((a, b) => a.at - b.at || a.kind - b.kind || a.purchase - b.purchase || a.payment - b.payment);
        let balance = 0;
        const expected = moves.map((m) => {
          balance += m.kind === 0 ? m.amount : -m.amount;
          return {
            date: formatLocalTime(m.at, TZ),
            type: m.kind === 0 ? 'purchase' : 'payment',
            purchase_id: m.purchase,
            payment_id: m.kind === 0 ? null : m.payment,
            description: m.description,
            amount: m.amount / 100,
            balance: balance / 100,
          };
        });
        const statement = await service.reports.statement(client);
        assert.deepEqual(statement.entries, expected, `client ${client}`);
        assert.equal(statement.total_owed, balance / 100);
      }

      const report = await service.reports.receivables('amount');
      const expectedRows = [...clients.keys()]
        .map((client) => {
          const mine = purchases.filter((p) => p.client === client && p.active && paid(p) < p.total);
          const buckets = [0, 0, 0, 0];
          for (const p of mine) {
            const days = Math.floor((NOW - p.createdAt) / DAY);
            buckets[days <= 30 ? 0 : days <= 60 ? 1 : days <= 90 ? 2 : 3] += p.total - paid(p);
          }
          const oldest = Math.min(...mine.map((p) => p.createdAt));
          return { client, open: mine.reduce((s, p) => s + p.total - paid(p), 0), count: mine.length, oldest, buckets };
        })
        .filter((r) => r.count > 0)
        .sort((a, b) => b.open - a.open || a.client - b.client);
      assert.ok(expectedRows.length >= 3, 'the data set has clients with open balances');
      assert.deepEqual(
        report.clients.map((c) => [c.client_id, c.open_balance, c.open_purchases, c.oldest_open_purchase_at, c.days_oldest, c.buckets]),
        expectedRows.map((r) => [
          r.client,
          r.open / 100,
          r.count,
          formatLocalTime(r.oldest, TZ),
          Math.floor((NOW - r.oldest) / DAY),
          { '0_30': r.buckets[0] / 100, '31_60': r.buckets[1] / 100, '61_90': r.buckets[2] / 100, over_90: r.buckets[3] / 100 },
        ]),
      );
      const sum = (f: (r: (typeof expectedRows)[number]) => number) => expectedRows.reduce((s, r) => s + f(r), 0) / 100;
      assert.deepEqual(report.totals, {
        open_balance: sum((r) => r.open),
        buckets: { '0_30': sum((r) => r.buckets[0]), '31_60': sum((r) => r.buckets[1]), '61_90': sum((r) => r.buckets[2]), over_90: sum((r) => r.buckets[3]) },
      });
      const byAge = (await service.reports.receivables('age')).clients.map((c) => c.oldest_open_purchase_at);
      assert.deepEqual(byAge, [...byAge].sort());
    });

    it('never lists a payment before its own purchase, so the balance never dips below zero', async () => {
      const client = (await service.clients.create({ name: 'Entrada' })).id;
      clock = NOW + 345;
      await service.purchases.create(client, {
        description: 'Compra com entrada', total_value: 150.75, amount: 50, method: 'pix', payment_date: Math.floor(NOW / 1000) - 3600,
      });
      clock = NOW;
      const statement = await service.reports.statement(client);
      assert.deepEqual(statement.entries.map((e) => [e.type, e.balance]), [['purchase', 150.75], ['payment', 100.75]]);
    });

    it('serves both reports over HTTP with their envelopes', async () => {
      const client = (await h.ok('POST', '/clients/', { name: 'HTTP' })).client.id;
      const p = (await h.ok('POST', `/purchases/${client}`, { description: 'Compra', total_value: 100, amount: 40, method: 'pix' })).purchase;
      const statement = await h.ok('GET', `/clients/${client}/statement`);
      assert.equal(statement.message, 'Extrato do cliente.');
      assert.equal(statement.client.id, client);
      assert.deepEqual(statement.entries.map((e: { type: string; balance: number }) => [e.type, e.balance]), [['purchase', 100], ['payment', 60]]);
      assert.equal(statement.entries[1].payment_id !== null && statement.entries[0].purchase_id === p.id, true);
      assert.equal(statement.total_owed, 60);
      const report = await h.ok('GET', '/reports/receivables?sort=age');
      assert.equal(report.message, 'Contas a receber.');
      assert.ok(report.clients.some((c: { client_id: number; open_balance: number }) => c.client_id === client && c.open_balance === 60));
      assert.deepEqual(await h.call('GET', '/clients/999999/statement'), { status: 404, body: { detail: 'Cliente não encontrado.' } });
      const doc = (await h.t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const media = doc.paths['/reports/receivables'].get.responses['200'].content['application/json'];
      assert.ok(JSON.stringify(media).includes('Contas a receber.'), 'the OpenAPI document carries the example');
    });
  });
}

function activeClientsOf(clients: Map<number, boolean>): number[] {
  return [...clients].filter(([, active]) => active).map(([id]) => id);
}
