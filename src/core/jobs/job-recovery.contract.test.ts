import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Type } from 'typebox';
import { SecretBox } from '../crypto/secrets.js';
import { defineJob, JobFailure, type JobContext } from './job-definition.js';
import { fencedTransition } from './jobs.repository.js';
import { deferred, eventually, openQueueHarness, queueBackends, type QueueHarness } from './jobs.testkit.js';

const N = Type.Object({ n: Type.Number() });
const waitAbort = (signal: AbortSignal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

for (const backend of queueBackends()) {
  describe(`JobQueue recovery: ${backend.name}`, () => {
    let h: QueueHarness;
    before(async () => (h = await openQueueHarness(backend)));
    after(async () => {
      await h.close();
      assert.deepEqual(h.logger.errors, []);
    });

    const row = (id: string) => h.jobs.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const expireLease = (id: string) => h.jobs.updateTable('jobs').set({ lease_expires_at: Date.now() - 1 }).where('id', '=', id).execute();

    it('returns an expired lease to PENDING, and the zombie attempt can no longer write', async () => {
      const zombie = deferred<JobContext<unknown>>();
      const releaseZombie = deferred();
      const releaseSecond = deferred();
      const kind = defineJob({
        name: 'r.lease',
        schema: N,
        maxAttempts: 2,
        handler: async (ctx) => {
          if (ctx.attempt === 2) return releaseSecond.promise.then(() => 'segunda');
          zombie.resolve(ctx);
          await releaseZombie.promise;
          await ctx.progress(50);
          return 'zumbi';
        },
      });
      const queue = h.queue([kind]);
      await queue.start();
      const job = await queue.enqueue(kind, { n: 1 });
      const first = await zombie.promise;
      await expireLease(job.id);
      assert.equal(await queue.reapExpired(), 1);
      releaseZombie.resolve();
      await eventually(() => first.signal.aborted, 'zumbi abortado');
      await eventually(async () => (await row(job.id)).attempt === 2 && (await row(job.id)).status === 'RUNNING', 'segunda tentativa');
      const fenced = await fencedTransition(h.jobs, { id: job.id, attempt: 1 }, { progress: 99 });
      assert.equal(fenced, undefined);
      assert.deepEqual(await row(job.id).then((r) => [r.status, r.attempt, r.progress, r.result]), ['RUNNING', 2, 0, null]);
      releaseSecond.resolve();
      await eventually(async () => (await queue.get(job.id))?.status === 'COMPLETED', 'segunda terminar');
      assert.equal((await queue.get(job.id))?.result, 'segunda');
    });

    it('renews the lease while a job runs, and the heartbeat sees a cancel the bus did not carry', async () => {
      let signal: AbortSignal | undefined;
      const kind = defineJob({ name: 'r.heartbeat', schema: N, handler: (ctx) => ((signal = ctx.signal), waitAbort(ctx.signal)) });
      const queue = h.queue([kind], { timings: { heartbeatMs: 20, leaseMs: 5_000 } });
      await queue.start();
      const job = await queue.enqueue(kind, { n: 1 });
      await eventually(() => signal, 'handler começar');
      const first = (await row(job.id)).lease_expires_at!;
      await eventually(async () => (await row(job.id)).lease_expires_at! > first, 'lease renovado');
      await h.jobs.updateTable('jobs').set({ cancel_requested: 1 }).where('id', '=', job.id).execute();
      await eventually(async () => (await queue.get(job.id))?.status === 'CANCELLED', 'cancelar pelo heartbeat');
      assert.equal(signal?.aborted, true);
    });

    it('fails a job whose lease expired on its last attempt, with category lease_expired', async () => {
      const started = deferred();
      const release = deferred();
      const kind = defineJob({ name: 'r.lastlease', schema: N, handler: () => (started.resolve(), release.promise) });
      const queue = h.queue([kind]);
      await queue.start();
      const job = await queue.enqueue(kind, { n: 1 });
      await started.promise;
      await expireLease(job.id);
      assert.equal(await queue.reapExpired(), 1);
      release.resolve();
      const failed = await queue.get(job.id);
      assert.deepEqual([failed?.status, failed?.errorCategory], ['FAILED', 'lease_expired']);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal((await queue.get(job.id))?.status, 'FAILED');
    });

    it('recovers RUNNING rows at once when started as the single embedded worker', async () => {
      const kind = defineJob({ name: 'r.orphan', schema: N, maxAttempts: 2, handler: ({ attempt }) => attempt });
      const once = defineJob({ name: 'r.orphan1', schema: N, handler: () => 'nunca' });
      const writer = h.queue([kind, once], { runJobs: false });
      const jobs = [await writer.enqueue(kind, { n: 1 }), await writer.enqueue(once, { n: 2 })];
      const lease = Date.now() + 60_000;
      await h.jobs.updateTable('jobs').set({ status: 'RUNNING', attempt: 1, lease_expires_at: lease }).where('id', 'in', jobs.map((j) => j.id)).execute();
      const queue = h.queue([kind, once], { recoverRunningOnStart: true });
      await queue.start();
      const retried = await eventually(async () => (await queue.get(jobs[0].id))?.status === 'COMPLETED' && queue.get(jobs[0].id), 'órfão concluir');
      assert.deepEqual([retried?.attempt, retried?.result], [2, 2]);
      assert.deepEqual(await row(jobs[1].id).then((r) => [r.status, r.error_category]), ['FAILED', 'lease_expired']);
    });

    it('on stop, aborts handlers after the grace period and leaves their jobs PENDING', async () => {
      const signals: AbortSignal[] = [];
      const kind = defineJob({
        name: 'r.shutdown',
        schema: N,
        handler: (ctx) => {
          if (ctx.attempt > 1) return 'depois do reinício';
          signals.push(ctx.signal);
          // Job 2 ignores its signal: stop must give its job back all the same.
          return ctx.payload.n === 1 ? waitAbort(ctx.signal) : new Promise(() => {});
        },
      });
      const queue = h.queue([kind], { timings: { shutdownGraceMs: 50 } });
      await queue.start();
      const jobs = [await queue.enqueue(kind, { n: 1 }), await queue.enqueue(kind, { n: 2 })];
      await eventually(() => signals.length === 2, 'handlers começarem');
      await queue.stop();
      assert.ok(signals.every((s) => s.aborted));
      for (const job of jobs) assert.deepEqual(await row(job.id).then((r) => [r.status, r.attempt, r.max_attempts]), ['PENDING', 1, 2]);
      const restarted = h.queue([kind]);
      await restarted.start();
      for (const job of jobs) {
        await eventually(async () => (await restarted.get(job.id))?.status === 'COMPLETED', 'job retomado');
        assert.equal((await restarted.get(job.id))?.result, 'depois do reinício');
      }
    });

    it('deletes finished jobs past their kind retention, with their logs and events', async () => {
      const kind = defineJob({ name: 'r.retention', schema: N, retention: 60_000, handler: (ctx) => ctx.log('info', 'feito') });
      const queue = h.queue([kind]);
      await queue.start();
      const [old, recent] = [await queue.enqueue(kind, { n: 1 }), await queue.enqueue(kind, { n: 2 })];
      const pending = await queue.enqueue(kind, { n: 3 }, { runAt: Date.now() + 3_600_000 });
      for (const job of [old, recent]) await eventually(async () => (await queue.get(job.id))?.status === 'COMPLETED', 'terminar');
      const longAgo = Date.now() - 120_000;
      await h.jobs.updateTable('jobs').set({ completed_at: longAgo, created_at: longAgo }).where('id', 'in', [old.id, pending.id]).execute();
      assert.equal(await queue.sweepRetention(), 1);
      assert.equal(await queue.get(old.id), undefined);
      assert.deepEqual(await queue.logs(old.id), []);
      assert.deepEqual(await queue.eventsAfter(0, { jobId: old.id }), []);
      assert.equal((await queue.get(recent.id))?.status, 'COMPLETED');
      assert.equal((await queue.get(pending.id))?.status, 'PENDING');
    });

    it('keeps secret payload fields encrypted at rest and out of the API, logs and events', async () => {
      const senha = 'portal-s3cr3t';
      let seen: string | undefined;
      const kind = defineJob({
        name: 'r.secret',
        schema: Type.Object({ login: Type.String(), acesso: Type.Object({ senha: Type.String() }) }),
        secretFields: ['acesso.senha'],
        handler: async (ctx) => {
          seen = ctx.payload.acesso.senha;
          await ctx.log('info', `entrando com ${seen}`);
          throw new JobFailure('login_recusado', `senha ${seen} recusada`);
        },
      });
      const queue = h.queue([kind], { sealer: SecretBox.fromMaster('k'.repeat(32)) });
      await queue.start();
      const job = await queue.enqueue(kind, { login: 'ana', acesso: { senha } });
      assert.deepEqual(job.payload, { login: 'ana', acesso: {} });
      await eventually(async () => (await queue.get(job.id))?.status === 'FAILED', 'falhar');
      assert.equal(seen, senha);
      const exposed = JSON.stringify([await row(job.id), await queue.get(job.id), await queue.logs(job.id), await queue.eventsAfter(0, { jobId: job.id }), h.received]);
      assert.ok(!exposed.includes(senha));
      assert.match(exposed, /entrando com \*\*\*/);
    });
  });
}
