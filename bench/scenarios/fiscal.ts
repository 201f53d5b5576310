import type autocannon from 'autocannon';
import net from 'node:net';
import { sampleDocument } from '../../src/modules/fiscal/fiscal-samples.js';
import { startFocusNfeSandbox } from '../../src/sandbox/focusnfe-sandbox.js';
import { DURATION } from '../measure.js';
import type { BenchContext, Scenario } from '../scenario.js';

// The service is started by run.ts with this process's environment, after the scenarios are loaded:
// FocusNFE is configured here, pointing at a sandbox this process starts on that port when needed.
const TOKEN = 'token-do-bench';
const SECRET = 'segredo-do-webhook-do-bench';
const sandboxPort = await new Promise<number>((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as net.AddressInfo;
    server.close(() => resolve(port));
  });
});
process.env.FOCUS_NFE_TOKEN = TOKEN;
process.env.FOCUS_NFE_BASE_URL = `http://127.0.0.1:${sandboxPort}`;
process.env.FOCUS_NFE_WEBHOOK_SECRET = SECRET;

/** Notes behind /dashboard/stats (the 100,000; fewer in the CI smoke run). */
const NOTES = DURATION <= 2 ? 5_000 : 100_000;
const EMITTERS = 32;

const fixtures = new Map<string, Promise<string[]>>();

/**
 * NOTES NFSe emitted through the real route and the real client (the sandbox sends no webhook, so
 * they stay `processando_autorizacao`): the webhook scenario authorises them one by one.
 */
function notes(ctx: BenchContext): Promise<string[]> {
  let ready = fixtures.get(ctx.baseUrl);
  if (!ready) {
    ready = emitAll(ctx);
    fixtures.set(ctx.baseUrl, ready);
  }
  return ready;
}

async function emitAll(ctx: BenchContext): Promise<string[]> {
  const sandbox = await startFocusNfeSandbox({ token: TOKEN, port: sandboxPort, delayMs: 1 });
  const refs = Array.from({ length: NOTES }, (_, i) => `bench-${i}`);
  const started = Date.now();
  try {
    let next = 0;
    const body = sampleDocument('nfse');
    await Promise.all(
      Array.from({ length: EMITTERS }, async () => {
        while (next < refs.length) await ctx.call('POST', `/nfse/?ref=${refs[next++]}`, body);
      }),
    );
  } finally {
    await sandbox.close();
  }
  process.stderr.write(`fiscal: ${NOTES} NFSe emitidas pelo serviço em ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return refs;
}

let sent = 0;

/** Every accepted webhook has been applied (its log row marked) before the next scenario runs. */
async function applied(ctx: BenchContext): Promise<void> {
  const until = Date.now() + 5 * 60_000;
  for (;;) {
    const stats = await ctx.call<{ webhooks_pendentes: number; por_status: Record<string, number> }>('GET', '/dashboard/stats');
    if (stats.webhooks_pendentes === 0) {
      process.stderr.write(`fiscal/webhook: ${sent} webhooks enviados, todos aplicados; notas autorizadas: ${stats.por_status.autorizado ?? 0}\n`);
      return;
    }
    if (Date.now() > until) throw new Error(`fiscal/webhook: ${stats.webhooks_pendentes} webhooks não aplicados em 5 minutos`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'webhook',
    group: 'fiscal',
    async setup(ctx) {
      await notes(ctx);
    },
    settle: applied,
    requests: () => [
      {
        method: 'POST',
        path: '/webhooks/focusnfe',
        headers: { authorization: SECRET, 'content-type': 'application/json' },
        // Each webhook authorises the next note; past the last one they are duplicates, applied as such.
        setupRequest: (request: autocannon.Request) => {
          const ref = `bench-${sent++ % NOTES}`;
          return { ...request, body: JSON.stringify({ cnpj_prestador: '51916585000125', ref, status: 'autorizado', numero: String(sent) }) };
        },
      },
    ],
  },
  {
    name: 'stats',
    group: 'fiscal',
    async setup(ctx) {
      await notes(ctx);
    },
    requests: (ctx) => [{ method: 'GET', path: '/dashboard/stats', headers: { authorization: `Bearer ${ctx.token}` } }],
  },
];
