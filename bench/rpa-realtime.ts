// `npx tsx bench/rpa-realtime.ts`: job_update latency (p50/p99) to 1,000 WebSocket clients on
// /ws/notifications, and jobs completed per second with a no-op robot. The service side is the real
// queue (SQLite, embedded dispatch) and the real rpa realtime routes; the robot kind `rpa.NOOP` exists
// only in this process. Clients run in a child process so they do not share the server's CPU time slice.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { Type } from 'typebox';
import WebSocket from 'ws';
import { openDatabase } from '../src/core/db/db.js';
import { migrateToLatest } from '../src/core/db/migrate.js';
import { createLocalEventBus } from '../src/core/events/index.js';
import { createJobQueue, defineJob, jobsMigrations, type JobEventMap } from '../src/core/jobs/index.js';
import { createLogger } from '../src/core/logger.js';
import { rpaRealtimeRoutes } from '../src/modules/rpa/rpa.realtime.js';
import { createRpaService } from '../src/modules/rpa/rpa.service.js';

const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const WATCHED_JOBS = Number(process.env.WATCHED_JOBS ?? 20);
const THROUGHPUT_JOBS = Number(process.env.THROUGHPUT_JOBS ?? 5000);
const now = () => performance.timeOrigin + performance.now();
const key = (m: { job_id: string; data: { status: string; progress: number } }) => `${m.job_id}|${m.data.status}|${m.data.progress}`;

async function clients(): Promise<void> {
  const received: Array<[string, number]> = [];
  const sockets: WebSocket[] = [];
  const url = process.env.WS_URL!;
  for (let i = 0; i < CLIENTS; i++) {
    const socket = new WebSocket(url);
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw));
      if (message.type === 'job_update') received.push([key(message), now()]);
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    sockets.push(socket);
  }
  process.on('message', (message: { subscribe?: string[]; report?: boolean }) => {
    if (message.subscribe) {
      for (const socket of sockets) for (const id of message.subscribe) socket.send(JSON.stringify({ action: 'subscribe', job_id: id }));
      setTimeout(() => process.send!({ subscribed: true }), 1000);
    }
    if (message.report) {
      process.send!({ received }, () => process.exit(0));
    }
  });
  process.send!({ connected: sockets.length });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function server(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpa-realtime-bench-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'bench.db')}`);
  await migrateToLatest(database.db, [jobsMigrations]);
  const logger = createLogger('warn');
  const events = createLocalEventBus<JobEventMap>({ logger });
  const noop = defineJob({
    name: 'rpa.NOOP',
    schema: Type.Object({ n: Type.Number() }),
    concurrency: 50,
    handler: async (ctx) => ctx.progress(50),
  });
  const jobs = createJobQueue({ database, definitions: [noop], bus: events, logger });
  const service = createRpaService({ jobs, events, timeZone: 'America/Sao_Paulo', satLogin: undefined, syncTimeoutMs: 1000 });
  // Subscribed before the realtime routes, so the time is taken before they send anything.
  const published = new Map<string, number>();
  events.subscribe('job.event', (event) => {
    if (event.type === 'log') return;
    const status = event.type === 'progress' ? 'RUNNING' : String(event.data.status);
    published.set(`${event.job_id}|${status}|${Number(event.data.progress ?? 0)}`, now());
  });

  const app = Fastify();
  await app.register(rpaRealtimeRoutes, { events, jobs, service, checkToken: async () => false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  await jobs.start();

  const child = fork(fileURLToPath(import.meta.url), ['clients'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, WS_URL: `${address.replace('http', 'ws')}/ws/notifications` },
  });
  const from = (field: string) => new Promise<any>((resolve) => child.on('message', (m: any) => field in m && resolve(m[field])));
  console.log(`${await from('connected')} clientes WebSocket conectados`);

  // Jobs that start a moment from now: their RUNNING, progress and COMPLETED updates fan out to every client.
  const live: string[] = [];
  for (let i = 0; i < WATCHED_JOBS; i++) live.push((await jobs.enqueue(noop, { n: 1000 + i }, { runAt: Date.now() + 3_000 })).id);
  child.send({ subscribe: live });
  await from('subscribed');
  await new Promise((r) => setTimeout(r, 4_000));
  child.send({ report: true });
  const received: Array<[string, number]> = await from('received');
  const latencies = received
    .filter(([k]) => live.includes(k.split('|')[0]) && published.has(k))
    .map(([k, at]) => at - published.get(k)!)
    .sort((a, b) => a - b);
  console.log(`job_update para ${CLIENTS} clientes: ${latencies.length} mensagens, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);

  let completed = 0;
  let finishedAll!: () => void;
  const allDone = new Promise<void>((resolve) => (finishedAll = resolve));
  events.subscribe('job.event', (event) => {
    if (event.type === 'status' && event.data.status === 'COMPLETED' && ++completed === THROUGHPUT_JOBS) finishedAll();
  });
  const started = now();
  await Promise.all(Array.from({ length: THROUGHPUT_JOBS }, (_, i) => jobs.enqueue(noop, { n: 10_000 + i })));
  await allDone;
  const seconds = (now() - started) / 1000;
  console.log(`${THROUGHPUT_JOBS} jobs no-op concluídos em ${seconds.toFixed(1)} s: ${Math.round(THROUGHPUT_JOBS / seconds)} jobs/s`);

  await app.close();
  await jobs.stop();
  await events.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

await (process.argv[2] === 'clients' ? clients() : server());
