import type autocannon from 'autocannon';
import type { BenchContext, Scenario } from '../scenario.js';

const auth = (ctx: BenchContext) => ({ authorization: `Bearer ${ctx.token}` });

// The bench service has no portal configured: each job is durably queued, runs, and fails at once
// with the navigation error (no browser is started), which is the load the API itself sees.
// Per server: the seed's stack gets its own jobs.
const statusIds = new Map<string, string[]>();

async function createJobs(ctx: BenchContext, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const body = { login: `bench${i}@empresa.com.br`, senha: 'senha-do-bench', filtro: `status-${i}`, cnpj: '12.345.678/0001-90' };
    ids.push((await ctx.call<{ job_id: string }>('POST', '/executar/OI', body)).job_id);
  }
  return ids;
}

let run = 0;

// Jobs are created faster than they run: wait for the queue to drain before the next scenario.
async function drained(ctx: BenchContext): Promise<void> {
  for (;;) {
    const health = await ctx.call<{ jobs_pending: number; jobs_active: number }>('GET', '/health');
    if (health.jobs_pending + health.jobs_active === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'executar-oi',
    group: 'rpa',
    seed: 'rpa',
    settle: drained,
    requests: (ctx) => {
      run += 1;
      let next = 0;
      return [
        {
          method: 'POST',
          path: '/executar/OI',
          headers: { ...auth(ctx), 'content-type': 'application/json' },
          // A different filtro per request: different idempotency keys, so every request is a new durable job.
          setupRequest: (request: autocannon.Request) => {
            next += 1;
            const body = { login: `bench${next % 64}@empresa.com.br`, senha: 'senha-do-bench', filtro: `r${run}-${next}`, cnpj: '12.345.678/0001-90' };
            return { ...request, body: JSON.stringify(body) };
          },
        },
      ];
    },
  },
  {
    name: 'status',
    group: 'rpa',
    seed: 'rpa',
    async setup(ctx) {
      if (!statusIds.has(ctx.baseUrl)) statusIds.set(ctx.baseUrl, await createJobs(ctx, 100));
    },
    requests: (ctx) => {
      const ids = statusIds.get(ctx.baseUrl)!;
      let next = 0;
      return [
        {
          method: 'GET',
          path: '/status/x',
          headers: auth(ctx),
          setupRequest: (request: autocannon.Request) => ({ ...request, path: `/status/${ids[next++ % ids.length]}` }),
        },
      ];
    },
  },
];
