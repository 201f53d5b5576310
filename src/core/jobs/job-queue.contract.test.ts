import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { register } from 'prom-client';
import { Type } from 'typebox';
import { defineJob, JobFailure, RetryableError } from './job-definition.js';
import { JobPayloadError, UnknownJobKindError } from './job-registry.js';
import { deferred, eventually, openQueueHarness, queueBackends, type QueueHarness } from './jobs.testkit.js';

const N = Type.Object({ n: Type.Number() });
async function metric([name, labels]: [string, Record<string, string>]): Promise<number> {
  const family = register.getSingleMetric(name.replace(/_count$/, ''));
  const values = (await family?.get())?.values ?? [];
  // A histogram's values name their series (`…_count`); a counter's or gauge's do not.
  const found = values.find(
    (v) => ((v as { metricName?: string }).metricName ?? name) === name && Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return found?.value ?? 0;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of queueBackends()) {
  describe(`JobQueue contract: ${backend.name}`, () => {
    let h: QueueHarness;
    before(async () => (h = await openQueueHarness(backend)));
    after(async () => {
      await h.close();
      assert.deepEqual(h.logger.errors, []);
    });

    const finished = (queue: { get(id: string): Promise<{ status: string } | undefined> }, id: string) =>
      eventually(async () => {
        const job = await queue.get(id);
        return job && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status) && job;
      }, `job ${id} terminar`);

    it('validates payloads and refuses kinds without a handler', async () => {
      const kind = defineJob({ name: 'c.validate', schema: N, handler: () => undefined });
      const queue = h.queue([kind]);
      await assert.rejects(queue.enqueue('c.validate', { n: 'um' }), JobPayloadError);
      await assert.rejects(queue.enqueue('c.nobody', { n: 1 }), UnknownJobKindError);
      assert.throws(() => h.queue([kind, kind]), /duplicado/);
    });

    it('returns the unfinished job for a repeated idempotency key, also under concurrent enqueues', async () => {
      const gate = deferred();
      const kind = defineJob({ name: 'c.idem', schema: N, handler: () => gate.promise });
      const a = h.queue([kind]);
      const b = h.queue([kind], { ownConnection: true });
      const jobs = await Promise.all(
        Array.from({ length: 12 }, (_, n) => (n % 2 ? a : b).enqueue(kind, { n }, { idempotencyKey: 'fatura|OI|2026-11' })),
      );
      assert.equal(new Set(jobs.map((j) => j.id)).size, 1);
      assert.equal(jobs.filter((j) => !j.deduplicated).length, 1);
      await a.start();
      await eventually(async () => (await a.get(jobs[0].id))?.status === 'RUNNING', 'job rodar');
      const again = await b.enqueue(kind, { n: 99 }, { idempotencyKey: 'fatura|OI|2026-11' });
      assert.equal(again.id, jobs[0].id);
      assert.equal(again.deduplicated, true);
      gate.resolve();
      await finished(a, jobs[0].id);
      const fresh = await b.enqueue(kind, { n: 100 }, { idempotencyKey: 'fatura|OI|2026-11' });
      assert.notEqual(fresh.id, jobs[0].id);
      assert.equal((await finished(a, fresh.id)).status, 'COMPLETED');
    });

    it('keyed enqueues sharing a commit: one job per key, the repeats answered with it', async () => {
      const kind = defineJob({ name: 'c.idem.batch', schema: N, handler: () => undefined });
      const queue = h.queue([kind]);
      const jobs = await Promise.all(
        Array.from({ length: 20 }, (_, n) => queue.enqueue(kind, { n }, { idempotencyKey: `chave-${n % 10}` })),
      );
      assert.equal(new Set(jobs.map((j) => j.id)).size, 10);
      assert.equal(jobs.filter((j) => j.deduplicated).length, 10);
      jobs.slice(10).forEach((repeat, n) => assert.equal(repeat.id, jobs[n]!.id));
      assert.equal((await queue.list({ kind: 'c.idem.batch', limit: 100 })).total, 10);
    });

    it('lists jobs of any of several kinds in one page, newest first; no kinds, no jobs', async () => {
      const [a, b, c] = ['c.kinds.a', 'c.kinds.b', 'c.kinds.c'].map((name) => defineJob({ name, schema: N, handler: () => undefined }));
      const queue = h.queue([a!, b!, c!]);
      const ids: string[] = [];
      for (const [n, kind] of [a, b, c, a].entries()) ids.push((await queue.enqueue(kind!, { n })).id);
      const page = await queue.list({ kinds: ['c.kinds.a', 'c.kinds.b'], limit: 2 });
      assert.equal(page.total, 3);
      assert.deepEqual(page.items.map((j) => j.id), [ids[3], ids[1]]);
      assert.deepEqual(await queue.list({ kinds: [] }), { items: [], total: 0 });
    });

    it("creates the job atomically with the caller's transaction; handlers get the queue's deps", async () => {
      const kind = defineJob<typeof N, { factor: number }>({ name: 'c.trx', schema: N, handler: ({ payload, factor }) => payload.n * factor });
      const queue = h.queue([kind], { deps: { factor: 2 } });
      await queue.start();
      await assert.rejects(
        h.database.db.transaction().execute(async (trx) => {
          await queue.enqueue(kind, { n: 1 }, { trx });
          throw new Error('rollback');
        }),
        /rollback/,
      );
      assert.equal((await queue.list({ kind: 'c.trx' })).total, 0);
      const job = await h.database.db.transaction().execute((trx) => queue.enqueue(kind, { n: 21 }, { trx }));
      const done = await finished(queue, job.id);
      assert.deepEqual([done.status, (await queue.get(job.id))?.result], ['COMPLETED', 42]);
    });

    it('runs at most one job per group at a time, across kinds', async () => {
      let inGroup = 0;
      let most = 0;
      const handler = async ({ job }: { job: { group: string | null } }) => {
        if (job.group) most = Math.max(most, ++inGroup);
        await sleep(15);
        if (job.group) inGroup -= 1;
      };
      const first = defineJob({ name: 'c.group1', schema: N, handler, concurrency: 5 });
      const second = defineJob({ name: 'c.group2', schema: N, handler, concurrency: 5 });
      const queue = h.queue([first, second]);
      const ids: string[] = [];
      for (let n = 0; n < 8; n += 1) {
        const kind = n % 2 ? first : second;
        ids.push((await queue.enqueue(kind, { n }, { group: n < 6 ? 'OI:login-1' : undefined })).id);
      }
      await queue.start();
      for (const id of ids) assert.equal((await finished(queue, id)).status, 'COMPLETED');
      assert.equal(most, 1);
    });

    it("runs at most the kind's concurrency at once, and fills each slot a finished job frees", async () => {
      let running = 0;
      let most = 0;
      const kind = defineJob({
        name: 'c.slots',
        schema: N,
        concurrency: 3,
        handler: async ({ payload }) => {
          most = Math.max(most, ++running);
          // Each job holds its slot until the three are taken (or a while), so slots left empty show;
          // then uneven durations, so slots free one at a time and are claimed again one at a time.
          for (let waited = 0; running < 3 && waited < 500; waited += 5) await sleep(5);
          await sleep((payload.n % 4) * 5);
          running -= 1;
        },
      });
      const queue = h.queue([kind]);
      const jobs = await Promise.all(Array.from({ length: 24 }, (_, n) => queue.enqueue(kind, { n })));
      await queue.start();
      for (const job of jobs) assert.equal((await finished(queue, job.id)).status, 'COMPLETED');
      assert.equal(most, 3);
    });

    const localOnly = backend.redisUrl ? 'BullMQ dispatches there; the spacing belongs to the local adapter' : false;
    it('while the process yields to requests, starts the next jobs of a kind only after its spacing', { skip: localOnly }, async () => {
      const started: number[] = [];
      const kind = defineJob({ name: 'c.yield', schema: N, concurrency: 2, handler: () => void started.push(Date.now()) });
      let busy = true;
      const queue = h.queue([kind], { yieldTo: () => busy, timings: { busySpacingMs: 300 } });
      const jobs = await Promise.all(Array.from({ length: 6 }, (_, n) => queue.enqueue(kind, { n })));
      await queue.start();
      await eventually(() => started.length >= 4, 'dois lotes de jobs');
      // Each claim fills both slots; the next claim waits out the spacing from the previous one.
      assert.ok(started[2]! - started[0]! >= 250, `lotes separados por ${started[2]! - started[0]!} ms`);
      busy = false;
      for (const job of jobs) assert.equal((await finished(queue, job.id)).status, 'COMPLETED');
    });

    it('starts jobs of a kind by priority, then in creation order', async () => {
      const order: number[] = [];
      const kind = defineJob({ name: 'c.fifo', schema: N, concurrency: 1, handler: ({ payload }) => void order.push(payload.n) });
      const queue = h.queue([kind]);
      const ids = [];
      for (let n = 0; n < 5; n += 1) ids.push((await queue.enqueue(kind, { n })).id);
      ids.push((await queue.enqueue(kind, { n: 99 }, { priority: 10 })).id);
      await queue.start();
      for (const id of ids) await finished(queue, id);
      assert.deepEqual(order, [99, 0, 1, 2, 3, 4]);
    });

    it('cancels a pending job at once and a running one through its signal', async () => {
      let signal: AbortSignal | undefined;
      const kind = defineJob({
        name: 'c.cancel',
        schema: N,
        handler: (ctx) => {
          signal = ctx.signal;
          return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
        },
      });
      const runner = h.queue([kind]);
      const other = h.queue([kind], { ownConnection: true, runJobs: false });
      const later = await runner.enqueue(kind, { n: 1 }, { runAt: Date.now() + 3_600_000 });
      assert.equal((await other.cancel(later.id))?.status, 'CANCELLED');
      const job = await runner.enqueue(kind, { n: 2 });
      await runner.start();
      await eventually(async () => (await runner.get(job.id))?.status === 'RUNNING', 'job rodar');
      const requested = await other.cancel(job.id);
      assert.deepEqual([requested?.status, requested?.cancelRequested], ['RUNNING', true]);
      assert.equal((await finished(runner, job.id)).status, 'CANCELLED');
      assert.equal(signal?.aborted, true);
      assert.equal((await runner.get(later.id))?.startedAt, null);
    });

    it('retries a retryable failure with exponential backoff, then succeeds', async () => {
      const kind = defineJob({
        name: 'c.retry',
        schema: N,
        maxAttempts: 3,
        backoff: { delayMs: 40 },
        handler: ({ attempt }) => {
          if (attempt < 3) throw new RetryableError(`portal fora do ar (${attempt})`);
          return { ok: true };
        },
      });
      const queue = h.queue([kind]);
      await queue.start();
      const job = await queue.enqueue(kind, { n: 1 });
      const done = await finished(queue, job.id);
      const record = await queue.get(job.id);
      assert.deepEqual([done.status, record?.attempt, record?.result, record?.errorMessage], ['COMPLETED', 3, { ok: true }, null]);
      const retries = (await queue.eventsAfter(0, { jobId: job.id })).filter((e) => e.data.status === 'PENDING');
      assert.deepEqual(retries.map((e) => (e.data.run_at as number) - e.at), [40, 80]);
      assert.deepEqual(retries.map((e) => e.data.error_message), ['portal fora do ar (1)', 'portal fora do ar (2)']);
    });

    it('fails for good on a business failure, an unexpected error, or retries exhausted', async () => {
      const kind = defineJob({
        name: 'c.fail',
        schema: N,
        maxAttempts: 2,
        handler: ({ payload }) => {
          if (payload.n === 1) throw new JobFailure('credenciais_invalidas', 'Senha do portal recusada');
          if (payload.n === 2) throw new TypeError('x is not a function');
          throw new RetryableError('timeout', { category: 'portal_timeout', retryAfterMs: 1 });
        },
      });
      const queue = h.queue([kind]);
      await queue.start();
      const outcomes = [];
      for (const n of [1, 2, 3]) {
        const job = await queue.enqueue(kind, { n });
        await finished(queue, job.id);
        const record = (await queue.get(job.id))!;
        outcomes.push([record.status, record.attempt, record.errorCategory, record.errorMessage]);
      }
      assert.deepEqual(outcomes, [
        ['FAILED', 1, 'credenciais_invalidas', 'Senha do portal recusada'],
        ['FAILED', 1, 'error', 'x is not a function'],
        ['FAILED', 2, 'portal_timeout', 'timeout'],
      ]);
      assert.equal(h.logger.errors.length, 1);
      h.logger.errors.length = 0;
    });

    it("keeps the order of a job's steps asked for together (they share a commit)", async () => {
      let seen: { progress: number } | undefined;
      const kind = defineJob({
        name: 'c.steps',
        schema: N,
        handler: async (ctx) => {
          await Promise.all([ctx.progress(90, 'robô terminou'), ctx.log('info', 'primeira'), ctx.progress(95), ctx.log('warn', 'segunda')]);
          seen = await queue.get(ctx.job.id);
        },
      });
      const queue = h.queue([kind]);
      const before = (await queue.eventsAfter(0, { limit: 100_000 })).at(-1)?.id ?? 0;
      const job = await queue.enqueue(kind, { n: 1 });
      await queue.start();
      await finished(queue, job.id);
      assert.equal(seen?.progress, 95, 'the later progress wins');
      assert.deepEqual((await queue.logs(job.id)).map((l) => [l.level, l.message]), [['info', 'primeira'], ['warn', 'segunda']]);
      const events = await queue.eventsAfter(before, { jobId: job.id });
      assert.deepEqual(
        events.map((e) => [e.type, e.data.status ?? e.data.progress ?? e.data.message]),
        [['status', 'RUNNING'], ['progress', 90], ['log', 'primeira'], ['progress', 95], ['log', 'segunda'], ['status', 'COMPLETED']],
      );
    });

    it('records progress, logs and status as ordered events, stored and published', async () => {
      const kind = defineJob({
        name: 'c.events',
        schema: N,
        handler: async (ctx) => {
          await ctx.progress(40, 'baixando fatura');
          await ctx.log('info', 'fatura baixada');
          return 'ok';
        },
      });
      const queue = h.queue([kind]);
      // The registry is process-wide and every backend's suite runs in this process: compare deltas.
      const watched: Parameters<typeof metric>[0][] = [
        ['retaguarda_jobs_total', { kind: 'c.events', status: 'COMPLETED' }],
        ['retaguarda_job_duration_seconds_count', { kind: 'c.events', outcome: 'completed' }],
      ];
      const counted = await Promise.all(watched.map(metric));
      const before = (await queue.eventsAfter(0, { limit: 100_000 })).at(-1)?.id ?? 0;
      const job = await queue.enqueue(kind, { n: 1 });
      assert.deepEqual(await queue.counts().then((c) => c['c.events']), { pending: 1, running: 0 });
      await queue.start();
      await finished(queue, job.id);
      const events = await queue.eventsAfter(before, { kinds: ['c.events'] });
      assert.deepEqual(
        events.map((e) => [e.type, e.data.status ?? e.data.progress ?? e.data.message]),
        [['status', 'RUNNING'], ['progress', 40], ['log', 'fatura baixada'], ['status', 'COMPLETED']],
      );
      assert.ok(events.every((e, i) => i === 0 || e.id > events[i - 1].id));
      await eventually(() => events.every((e) => h.received.some((r) => r.id === e.id)), 'eventos publicados');
      assert.deepEqual((await queue.logs(job.id)).map((l) => [l.level, l.message]), [['info', 'fatura baixada']]);
      assert.deepEqual(await queue.eventsAfter(events[1].id, { jobId: job.id }), events.slice(2));
      const after = await Promise.all(watched.map(metric));
      assert.deepEqual(after.map((value, i) => value - counted[i]), [1, 1]);
      assert.equal(await metric(['retaguarda_jobs_queue_depth', { kind: 'c.events', status: 'PENDING' }]), 0);
    });
  });
}
