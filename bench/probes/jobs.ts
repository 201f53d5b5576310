// Issue 3's queue figures on SQLite: durable enqueues per second, and no-op jobs completed per
// second by the local dispatcher, each on a fresh database file.
import { Type } from 'typebox';
import { defineJob } from '../../src/core/jobs/index.js';
import type { Probe, ProbeContext, ProbeResult } from '../scenario.js';
import { now, tempQueue } from './support.js';

const schema = Type.Object({ n: Type.Number() });
const IN_FLIGHT = 1_000;

async function enqueueRate(ctx: ProbeContext): Promise<ProbeResult[]> {
  const kind = defineJob({ name: 'bench.enqueue', schema, handler: async () => undefined });
  // API-only, as on an `ROLE=api` node: nothing runs, so only the durable insert is measured.
  const queue = await tempQueue([kind], { runJobs: false });
  try {
    const total = ctx.quick ? 10_000 : 100_000;
    let started = now();
    for (let i = 0; i < total; i += IN_FLIGHT) {
      await Promise.all(Array.from({ length: IN_FLIGHT }, (_, j) => queue.jobs.enqueue(kind, { n: i + j })));
    }
    const concurrent = total / ((now() - started) / 1000);
    const sequentialTotal = ctx.quick ? 1_000 : 10_000;
    started = now();
    for (let i = 0; i < sequentialTotal; i++) await queue.jobs.enqueue(kind, { n: i });
    const sequential = sequentialTotal / ((now() - started) / 1000);
    return [
      { metric: `enqueue, ${IN_FLIGHT} em voo`, value: concurrent, unit: 'jobs/s', target: { op: '>=', value: 20_000 } },
      { metric: 'enqueue, um por vez', value: sequential, unit: 'jobs/s' },
    ];
  } finally {
    await queue.close();
  }
}

/** Jobs enqueued before the worker starts, then timed from start to the last COMPLETED. */
async function noopRate(ctx: ProbeContext, concurrency: number | undefined): Promise<ProbeResult> {
  const kind = defineJob({ name: 'bench.noop', schema, concurrency, handler: async () => undefined });
  const queue = await tempQueue([kind]);
  try {
    const total = ctx.quick ? 2_000 : 20_000;
    for (let i = 0; i < total; i += IN_FLIGHT) {
      await Promise.all(Array.from({ length: IN_FLIGHT }, (_, j) => queue.jobs.enqueue(kind, { n: i + j })));
    }
    const done = queue.completions(kind.name, total);
    const started = now();
    await queue.jobs.start();
    await done;
    const rate = total / ((now() - started) / 1000);
    return { metric: `no-op concluídos, concorrência ${kind.concurrency}`, value: rate, unit: 'jobs/s', target: { op: '>=', value: 2_000 } };
  } finally {
    await queue.close();
  }
}

export const probes: Probe[] = [
  { name: 'enqueue', group: 'jobs', run: enqueueRate },
  { name: 'noop', group: 'jobs', run: async (ctx) => [await noopRate(ctx, undefined), await noopRate(ctx, 50)] },
];
