import type autocannon from 'autocannon';
import type { BenchContext, Scenario } from '../scenario.js';

const PURCHASES = 100;

// One fixture per running service, shared by the scenarios of the group (each may run alone).
const fixtures = new Map<string, Promise<number[]>>();

function fixture(ctx: BenchContext): Promise<number[]> {
  let ready = fixtures.get(ctx.baseUrl);
  if (!ready) {
    ready = createFixture(ctx);
    fixtures.set(ctx.baseUrl, ready);
  }
  return ready;
}

// Totals far above what a run can pay (R$ 1,00 per request), so no payment meets the overpayment rule.
async function createFixture(ctx: BenchContext): Promise<number[]> {
  const { client } = await ctx.call<{ client: { id: number } }>('POST', '/clients/', { name: 'Cliente do bench', nickname: 'bench' });
  const ids: number[] = [];
  for (let i = 0; i < PURCHASES; i += 1) {
    const { purchase } = await ctx.call<{ purchase: { id: number } }>('POST', `/purchases/${client.id}`, {
      description: `Compra do bench ${i + 1}`,
      total_value: 10_000_000,
    });
    ids.push(purchase.id);
  }
  return ids;
}

// Per server: the seed's stack gets its own fixture.
const purchaseIds = new Map<string, number[]>();

const auth = (ctx: BenchContext) => ({ authorization: `Bearer ${ctx.token}` });
const json = (ctx: BenchContext) => ({ ...auth(ctx), 'content-type': 'application/json' });

function roundRobin(ctx: BenchContext, build: (id: number) => string): autocannon.Request['setupRequest'] {
  const ids = purchaseIds.get(ctx.baseUrl)!;
  let next = 0;
  return (request) => {
    const id = ids[next % ids.length]!;
    next += 1;
    return { ...request, path: build(id) };
  };
}

const setup = async (ctx: BenchContext) => {
  purchaseIds.set(ctx.baseUrl, await fixture(ctx));
};

export const scenarios: Scenario[] = [
  {
    name: 'get-purchase',
    group: 'fiados',
    seed: 'fiados',
    setup,
    requests: (ctx) => [{ method: 'GET', path: '/purchases/1', headers: auth(ctx), setupRequest: roundRobin(ctx, (id) => `/purchases/${id}`) }],
  },
  {
    name: 'create-client',
    group: 'fiados',
    seed: 'fiados',
    setup,
    requests: (ctx) => [
      {
        method: 'POST',
        path: '/clients/',
        headers: json(ctx),
        body: JSON.stringify({ name: 'Maria Souza', nickname: 'maria', phone: '99999-1111', email: 'maria@email.com' }),
      },
    ],
  },
  {
    name: 'create-payment',
    group: 'fiados',
    seed: 'fiados',
    setup,
    requests: (ctx) => [
      {
        method: 'POST',
        path: '/purchases/1/payments/',
        headers: json(ctx),
        body: JSON.stringify({ amount: 1, payment_date: 1764793214, method: 'pix', description: 'Pagamento do bench' }),
        setupRequest: roundRobin(ctx, (id) => `/purchases/${id}/payments/`),
      },
    ],
  },
  {
    name: 'list-purchases',
    group: 'fiados',
    setup,
    requests: (ctx) => [{ method: 'GET', path: '/purchases/?limit=20', headers: auth(ctx) }],
  },
];
