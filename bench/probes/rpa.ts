// rpa's live feed: job_update latency (p50/p99) to 1,000 WebSocket clients on /ws/notifications,
// and jobs completed per second with a no-op robot. The service side is the real queue (SQLite,
// embedded dispatch) and the real rpa realtime routes; the robot kind `rpa.NOOP` exists only here.
import Fastify from 'fastify';
import { Type } from 'typebox';
import { httpPlugin } from '../../src/core/http/http.plugin.js';
import { wsRoutesPlugin } from '../../src/core/http/ws-route.js';
import { defineJob } from '../../src/core/jobs/index.js';
import { rpaRealtimeRoutes } from '../../src/modules/rpa/rpa.realtime.js';
import { createRpaService } from '../../src/modules/rpa/rpa.service.js';
import type { Probe, ProbeContext, ProbeResult } from '../scenario.js';
import { forkClients, now, percentile, tempQueue } from './support.js';

async function realtime(ctx: ProbeContext): Promise<ProbeResult[]> {
  const clientCount = ctx.quick ? 200 : 1_000;
  const watchedJobs = ctx.quick ? 5 : 20;
  const throughputJobs = ctx.quick ? 1_000 : 5_000;
  const noop = defineJob({
    name: 'rpa.NOOP',
    schema: Type.Object({ n: Type.Number() }),
    concurrency: 50,
    handler: async (job) => job.progress(50),
  });
  const queue = await tempQueue([noop]);
  const { jobs, events } = queue;
  const service = createRpaService({ jobs, events, timeZone: 'America/Sao_Paulo', satLogin: undefined, syncTimeoutMs: 1000 });
  // Subscribed before the realtime routes, so the time is taken before they send anything.
  const published = new Map<string, number>();
  events.subscribe('job.event', (event) => {
    if (event.type === 'log') return;
    const status = event.type === 'progress' ? 'RUNNING' : String(event.data.status);
    published.set(`${event.job_id}|${status}|${Number(event.data.progress ?? 0)}`, now());
  });

  const app = Fastify();
  await app.register(httpPlugin);
  await app.register(rpaRealtimeRoutes, { events, jobs, service, checkToken: async () => false });
  // The WebSocket route is declared by core once every module has asked for its own (core/http/ws-route.ts).
  await app.register(wsRoutesPlugin);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  await jobs.start();
  const clients = forkClients('ws', { WS_URL: `${address.replace('http', 'ws')}/ws/notifications`, CLIENTS: String(clientCount) });
  try {
    await clients.next('connected');
    // Jobs that start a moment from now: their RUNNING, progress and COMPLETED updates fan out to every client.
    const live: string[] = [];
    for (let i = 0; i < watchedJobs; i++) live.push((await jobs.enqueue(noop, { n: 1000 + i }, { runAt: Date.now() + 3_000 })).id);
    clients.child.send({ subscribe: live });
    await clients.next('subscribed');
    await new Promise((r) => setTimeout(r, 4_000));
    const report = clients.next<Array<[string, number]>>('received');
    clients.child.send({ report: true });
    const latencies = (await report)
      .filter(([k]) => live.includes(k.split('|')[0]) && published.has(k))
      .map(([k, at]) => at - published.get(k)!)
      .sort((a, b) => a - b);

    const done = queue.completions(noop.name, throughputJobs);
    const started = now();
    await Promise.all(Array.from({ length: throughputJobs }, (_, i) => jobs.enqueue(noop, { n: 10_000 + i })));
    await done;
    const seconds = (now() - started) / 1000;
    const label = `${clientCount} clientes WS, ${latencies.length} mensagens`;
    return [
      { metric: `job_update p50, ${label}`, value: percentile(latencies, 50), unit: 'ms' },
      { metric: `job_update p99, ${label}`, value: percentile(latencies, 99), unit: 'ms' },
      { metric: `rpa.NOOP enfileirados e concluídos, concorrência ${noop.concurrency}`, value: throughputJobs / seconds, unit: 'jobs/s' },
    ];
  } finally {
    clients.stop();
    await app.close();
    await queue.close();
  }
}

export const probes: Probe[] = [{ name: 'realtime', group: 'rpa', run: realtime }];
