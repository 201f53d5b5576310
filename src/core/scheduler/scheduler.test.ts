import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Type } from 'typebox';
import { defineJob } from '../jobs/job-definition.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { eventually, openQueueHarness, queueBackends, type QueueHarness } from '../jobs/jobs.testkit.js';
import { SecretBox } from '../crypto/secrets.js';
import { InvalidScheduleError } from './schedule-model.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.js';
import { schedulerMigrations } from './scheduler.migrations.js';
import { advanceSlot, type SchedulerDb, type SchedulerTables } from './schedules.repository.js';

const definitions = [
  defineJob({ name: 'sched.fatura', schema: Type.Object({ operadora: Type.String() }), handler: () => 'ok' }),
  defineJob({ name: 'sched.secret', schema: Type.Object({ senha: Type.String() }), secretFields: ['senha'], handler: () => undefined }),
];
const T0 = Date.parse('2026-11-23T12:00:00.000Z');

// The scheduler only needs the database: BullMQ adds nothing to what is tested here.
for (const backend of queueBackends().filter((b) => !b.redisUrl)) {
  describe(`Scheduler: ${backend.dialect}`, () => {
    let h: QueueHarness;
    let clock = T0;
    const schedulers: Scheduler[] = [];
    before(async () => (h = await openQueueHarness(backend, [schedulerMigrations])));
    after(async () => {
      await Promise.all(schedulers.map((s) => s.stop()));
      await h.close();
      assert.deepEqual(h.logger.errors, []);
    });

    /** A queue and scheduler with their own connection, as another process would have. */
    function instance(overrides: Partial<SchedulerOptions> = {}): { queue: JobQueue; scheduler: Scheduler } {
      const queue = h.queue(definitions, { ownConnection: true, sealer: SecretBox.fromMaster('s'.repeat(32)) });
      const scheduler = createScheduler({ database: h.database, queue, timeZone: 'America/Sao_Paulo', logger: h.logger, clock: () => clock, ...overrides });
      schedulers.push(scheduler);
      return { queue, scheduler };
    }
    const jobsOf = (scheduleId: string) =>
      h.jobs.selectFrom('jobs').select(['id', 'idempotency_key']).where('idempotency_key', 'like', `schedule:${scheduleId}:%`).orderBy('id').execute();

    it('rejects invalid schedules with the field at fault', async () => {
      const { scheduler } = instance();
      const base = { name: 'faturas OI', cron: '0 3 * * *', jobKind: 'sched.fatura', payload: { operadora: 'OI' } };
      const cases: [object, string][] = [
        [{ cron: '61 * * * *' }, 'cron'],
        [{ timezone: 'Marte/Olympus' }, 'timezone'],
        [{ jobKind: 'sched.nada' }, 'jobKind'],
        [{ jobKind: 'sched.secret', payload: { senha: 'x' } }, 'jobKind'],
        [{ payload: { operadora: 7 } }, 'payload'],
        [{ name: ' ' }, 'name'],
      ];
      for (const [patch, field] of cases) {
        await assert.rejects(scheduler.create({ ...base, ...patch }), (e) => e instanceof InvalidScheduleError && e.field === field);
      }
      await scheduler.create({ ...base, active: false });
      await assert.rejects(scheduler.create(base), (e) => e instanceof InvalidScheduleError && e.field === 'name');
    });

    it("reads the cron in the schedule's time zone", async () => {
      clock = T0;
      const { scheduler } = instance();
      const schedule = await scheduler.create({ name: 'tz', cron: '0 3 * * *', jobKind: 'sched.fatura', payload: { operadora: 'VIVO' } });
      assert.equal(schedule.timezone, 'America/Sao_Paulo');
      assert.equal(new Date(schedule.nextRunAt!).toISOString(), '2026-11-24T06:00:00.000Z');
      const utc = await scheduler.update(schedule.id, { timezone: 'UTC' });
      assert.equal(new Date(utc!.nextRunAt!).toISOString(), '2026-11-24T03:00:00.000Z');
      const paused = await scheduler.update(schedule.id, { active: false });
      assert.equal(paused?.nextRunAt, null);
      assert.equal(await scheduler.remove(schedule.id), true);
      assert.equal(await scheduler.get(schedule.id), undefined);
    });

    it('fires each slot exactly once with two instances ticking at the same moment', async () => {
      clock = T0;
      const a = instance();
      const b = instance();
      const schedule = await a.scheduler.create({ name: 'every second', cron: '* * * * * *', jobKind: 'sched.fatura', payload: { operadora: 'OI' }, overlap: 'allow' });
      for (let slot = 1; slot <= 10; slot += 1) {
        clock = T0 + slot * 1000 + 5;
        await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick()]);
      }
      const jobs = await jobsOf(schedule.id);
      assert.deepEqual(jobs.map((j) => j.idempotency_key), Array.from({ length: 10 }, (_, i) => `schedule:${schedule.id}:${T0 + (i + 1) * 1000}`));
      await a.scheduler.update(schedule.id, { active: false });
    });

    it('lets only one caller move a slot, even once its job has finished (the key alone would not)', async () => {
      clock = T0;
      const { scheduler } = instance();
      const schedule = await scheduler.create({ name: 'cas', cron: '* * * * *', jobKind: 'sched.fatura', payload: { operadora: 'OI' } });
      const db = h.database.db.withTables<SchedulerTables>() as unknown as SchedulerDb;
      const slot = schedule.nextRunAt!;
      assert.equal(await advanceSlot(db, schedule.id, slot, slot + 60_000, clock), true);
      assert.equal(await advanceSlot(db, schedule.id, slot, slot + 60_000, clock), false);
      await scheduler.update(schedule.id, { active: false });
      assert.equal(await advanceSlot(db, schedule.id, slot + 60_000, slot + 120_000, clock), false);
    });

    it('fires once per slot with two instances running on real timers', async () => {
      const real = { clock: Date.now, pollMs: 200 };
      const a = instance(real);
      const b = instance(real);
      const schedule = await a.scheduler.create({ name: 'real timers', cron: '* * * * * *', jobKind: 'sched.fatura', payload: { operadora: 'OI' }, overlap: 'allow' });
      await Promise.all([a.queue.start(), b.queue.start(), a.scheduler.start(), b.scheduler.start()]);
      await eventually(async () => (await jobsOf(schedule.id)).length >= 3, 'três disparos', 20_000);
      await Promise.all([a.scheduler.stop(), b.scheduler.stop()]);
      const slots = (await jobsOf(schedule.id)).map((j) => Number(j.idempotency_key!.split(':')[2]));
      assert.equal(new Set(slots).size, slots.length);
      assert.ok(slots.every((slot) => slot % 1000 === 0));
      await eventually(async () => (await a.queue.list({ kind: 'sched.fatura', status: 'COMPLETED' })).total >= slots.length, 'jobs concluírem');
    });

    it('skips a slot while the previous job is unfinished, unless overlap is allowed', async () => {
      clock = T0;
      const { scheduler } = instance();
      const schedule = await scheduler.create({ name: 'overlap', cron: '* * * * *', jobKind: 'sched.fatura', payload: { operadora: 'OI' } });
      clock = T0 + 60_000;
      assert.equal(await scheduler.tick(), 1);
      clock = T0 + 120_000;
      assert.equal(await scheduler.tick(), 0);
      assert.equal((await scheduler.get(schedule.id))?.nextRunAt, T0 + 180_000);
      const [first] = await jobsOf(schedule.id);
      await h.jobs.updateTable('jobs').set({ status: 'COMPLETED' }).where('id', '=', first.id).execute();
      clock = T0 + 180_000;
      assert.equal(await scheduler.tick(), 1);
      await scheduler.update(schedule.id, { overlap: 'allow' });
      clock = T0 + 240_000;
      assert.equal(await scheduler.tick(), 1);
      assert.equal((await jobsOf(schedule.id)).length, 3);
      await scheduler.update(schedule.id, { active: false });
    });

    it('runs missed slots once, or skips them, after a downtime', async () => {
      for (const catchUp of ['run_once', 'skip'] as const) {
        clock = T0;
        const { scheduler } = instance();
        const schedule = await scheduler.create({ name: `catch-up ${catchUp}`, cron: '* * * * *', jobKind: 'sched.fatura', payload: { operadora: 'OI' }, catchUp });
        clock = T0 + 10 * 60_000 + 30_000;
        assert.equal(await scheduler.tick(), catchUp === 'run_once' ? 1 : 0);
        assert.equal((await scheduler.get(schedule.id))?.nextRunAt, T0 + 11 * 60_000);
        const keys = (await jobsOf(schedule.id)).map((j) => j.idempotency_key);
        assert.deepEqual(keys, catchUp === 'run_once' ? [`schedule:${schedule.id}:${T0 + 60_000}`] : []);
        await scheduler.update(schedule.id, { active: false });
      }
    });
  });
}
