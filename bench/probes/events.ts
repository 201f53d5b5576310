// Issue 3's live-event figures: publish→receipt latency to 500 SSE clients, and the server's
// memory per idle SSE connection. The server side is a real Fastify server with the SSE helper
// (src/core/http/sse.ts) fed by the local EventBus; the clients run in a child process, over sockets.
import v8 from 'node:v8';
import vm from 'node:vm';
import Fastify from 'fastify';
import { createLocalEventBus } from '../../src/core/events/index.js';
import { closeAllSse, openSse, openSseCount } from '../../src/core/http/sse.js';
import { createLogger } from '../../src/core/logger.js';
import type { Probe, ProbeContext, ProbeResult } from '../scenario.js';
import { forkClients, now, percentile } from './support.js';

interface BenchEvents {
  'bench.tick': { seq: number; at: number };
}

const CLIENTS = 500;
// Opened before the memory baseline, so one-time costs (code, pools) are not counted per connection.
const WARM_UP = 50;
const MEASURED = CLIENTS - WARM_UP;
const SPACING_MS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Memory deltas mean something only after a full collection; the flag can be set at run time.
async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(50);
  }
  return process.memoryUsage();
}

async function sse(ctx: ProbeContext): Promise<ProbeResult[]> {
  const events = ctx.quick ? 50 : 200;
  const bus = createLocalEventBus<BenchEvents>({ logger: createLogger('warn') });
  const app = Fastify();
  // As a real feed does: one subscription per stream, dropped when the client leaves.
  app.get('/events', async (request, reply) => {
    const stream = openSse(request, reply);
    stream.onClose(bus.subscribe('bench.tick', (tick) => stream.send({ id: tick.seq, data: tick })));
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const clients = forkClients('sse', { SSE_URL: `${address}/events`, EXPECTED: String(CLIENTS * events) });
  const open = async (count: number) => {
    const opened = clients.next<number>('opened');
    clients.child.send({ open: count });
    const streams = await opened;
    while (openSseCount() < streams) await sleep(10);
  };
  try {
    await clients.next('ready');
    await open(WARM_UP);
    const before = await settledMemory();
    await open(MEASURED);
    const idle = await settledMemory();
    // RSS is not reported: the heap grows into pages already resident, so its delta under-counts.
    const heapPerConnection = (idle.heapUsed - before.heapUsed) / MEASURED / 1024;

    // Rejected when the child exits after its report, if some client never had every event.
    const done = clients.next('done').catch(() => undefined);
    const published = new Map<number, number>();
    for (let seq = 1; seq <= events; seq++) {
      const at = now();
      published.set(seq, at);
      await bus.publish('bench.tick', { seq, at });
      await sleep(SPACING_MS);
    }
    // A client that missed events shows up in the delivered share, not as a wait without end.
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    const reportNext = clients.next<number[]>('received');
    clients.child.send({ report: true });
    const received = await reportNext;
    const latencies: number[] = [];
    for (let i = 0; i < received.length; i += 2) latencies.push(received[i + 1] - published.get(received[i])!);
    latencies.sort((a, b) => a - b);
    const label = `${CLIENTS} clientes, ${events} eventos`;
    return [
      { metric: `publish→SSE p50, ${label}`, value: percentile(latencies, 50), unit: 'ms' },
      { metric: `publish→SSE p99, ${label}`, value: percentile(latencies, 99), unit: 'ms', target: { op: '<', value: 50 } },
      { metric: 'eventos entregues', value: (100 * latencies.length) / (CLIENTS * events), unit: '%', target: { op: '>=', value: 100 } },
      { metric: `heap por conexão SSE ociosa, ${MEASURED} conexões`, value: heapPerConnection, unit: 'KiB' },
    ];
  } finally {
    clients.stop();
    closeAllSse();
    await app.close();
    await bus.close();
  }
}

export const probes: Probe[] = [{ name: 'sse', group: 'events', run: sse }];
