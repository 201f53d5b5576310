import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { BusLogger, EventBus } from './event-bus.js';
import { createLocalEventBus } from './local-event-bus.js';
import { createRedisEventBus } from './redis-event-bus.js';

interface TestEvents {
  'job.updated': { jobId: string; progress: number };
  'job.log': { jobId: string; message: string };
  'test.done': { seq: number };
}

function recordingLogger(): BusLogger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, error: (obj) => void errors.push(obj) };
}

/** Resolves with the next payload of `name`, so asynchronous transports can be awaited without sleeps. */
function next<K extends keyof TestEvents & string>(bus: EventBus<TestEvents>, name: K): Promise<TestEvents[K]> {
  return new Promise((resolve) => {
    const off = bus.subscribe(name, (payload) => {
      off();
      resolve(payload);
    });
  });
}

/** Publishes a marker and waits for it: anything published before on the same bus has been delivered by then. */
async function flush(bus: EventBus<TestEvents>): Promise<void> {
  const seq = Math.random();
  const seen = new Promise<void>((resolve) => {
    const off = bus.subscribe('test.done', (p) => {
      if (p.seq !== seq) return;
      off();
      resolve();
    });
  });
  await bus.ready();
  await bus.publish('test.done', { seq });
  await seen;
}

function contract(name: string, open: (logger: BusLogger) => EventBus<TestEvents>): void {
  describe(`EventBus contract: ${name}`, () => {
    let bus: EventBus<TestEvents>;
    const logger = recordingLogger();
    before(() => {
      bus = open(logger);
    });
    after(async () => bus.close());

    it('delivers a JSON copy of the payload to a subscriber', async () => {
      const payload = { jobId: 'j1', progress: 50 };
      const received = next(bus, 'job.updated');
      await bus.ready();
      await bus.publish('job.updated', payload);
      const got = await received;
      assert.deepEqual(got, payload);
      assert.notEqual(got, payload);
    });

    it('delivers to every subscriber and only of the named event', async () => {
      const seen: string[] = [];
      const offA = bus.subscribe('job.log', (p) => seen.push(`a:${p.message}`));
      const offB = bus.subscribe('job.log', (p) => seen.push(`b:${p.message}`));
      const offOther = bus.subscribe('job.updated', () => seen.push('wrong event'));
      await bus.ready();
      await bus.publish('job.log', { jobId: 'j1', message: 'oi' });
      await flush(bus);
      assert.deepEqual(seen.sort(), ['a:oi', 'b:oi']);
      offA();
      offB();
      offOther();
    });

    it('stops delivering after unsubscribe, and unsubscribing twice is harmless', async () => {
      const seen: string[] = [];
      const off = bus.subscribe('job.log', (p) => seen.push(p.message));
      await bus.ready();
      await bus.publish('job.log', { jobId: 'j1', message: 'antes' });
      await flush(bus);
      off();
      off();
      await bus.publish('job.log', { jobId: 'j1', message: 'depois' });
      await flush(bus);
      assert.deepEqual(seen, ['antes']);
    });

    it('keeps delivering to the others when a handler throws or rejects', async () => {
      const before = logger.errors.length;
      const seen: number[] = [];
      const offs = [
        bus.subscribe('job.updated', () => {
          throw new Error('handler quebrou');
        }),
        bus.subscribe('job.updated', async () => {
          throw new Error('handler assíncrono quebrou');
        }),
        bus.subscribe('job.updated', (p) => seen.push(p.progress)),
      ];
      await bus.ready();
      await bus.publish('job.updated', { jobId: 'j2', progress: 1 });
      await bus.publish('job.updated', { jobId: 'j2', progress: 2 });
      await flush(bus);
      assert.deepEqual(seen, [1, 2]);
      assert.equal(logger.errors.length - before, 4);
      offs.forEach((off) => off());
    });

    it('leaves no listener behind after every subscription is removed', async () => {
      assert.equal(bus.listenerCount(), 0);
      const offs = Array.from({ length: 200 }, (_, i) =>
        bus.subscribe(i % 2 ? 'job.log' : 'job.updated', () => undefined),
      );
      assert.equal(bus.listenerCount('job.log'), 100);
      assert.equal(bus.listenerCount(), 200);
      offs.forEach((off) => off());
      assert.equal(bus.listenerCount(), 0);
      await bus.ready();
    });
  });
}

contract('local', (logger) => createLocalEventBus<TestEvents>({ logger }));

const redisUrl = process.env.TEST_REDIS_URL;
if (redisUrl) {
  const channelPrefix = `test:${randomUUID()}:`;
  contract('redis', (logger) => createRedisEventBus<TestEvents>(redisUrl, { channelPrefix, logger }));

  describe('EventBus redis: across processes', () => {
    const prefix = `test:${randomUUID()}:`;
    const a = createRedisEventBus<TestEvents>(redisUrl, { channelPrefix: prefix, logger: recordingLogger() });
    const b = createRedisEventBus<TestEvents>(redisUrl, { channelPrefix: prefix, logger: recordingLogger() });
    const admin = new Redis(redisUrl);
    after(async () => {
      await Promise.all([a.close(), b.close(), admin.quit()]);
    });

    it('delivers what one bus publishes to another bus subscribed to the same prefix', async () => {
      const received = next(a, 'job.updated');
      await a.ready();
      await b.publish('job.updated', { jobId: 'x', progress: 99 });
      assert.deepEqual(await received, { jobId: 'x', progress: 99 });
    });

    it('unsubscribes the Redis channel when the last local handler leaves', async () => {
      const channel = `${prefix}job.log`;
      const offs = [a.subscribe('job.log', () => undefined), a.subscribe('job.log', () => undefined)];
      await a.ready();
      assert.deepEqual(await admin.pubsub('NUMSUB', channel), [channel, 1]);
      offs[0]();
      await a.ready();
      assert.deepEqual(await admin.pubsub('NUMSUB', channel), [channel, 1]);
      offs[1]();
      await a.ready();
      assert.deepEqual(await admin.pubsub('NUMSUB', channel), [channel, 0]);
    });

    it('ignores channels of another prefix', async () => {
      const other = createRedisEventBus<TestEvents>(redisUrl, { channelPrefix: `${prefix}outro:` });
      const seen: unknown[] = [];
      const off = a.subscribe('job.log', (p) => seen.push(p));
      await a.ready();
      await other.publish('job.log', { jobId: 'x', message: 'não é para a' });
      await flush(a);
      assert.deepEqual(seen, []);
      off();
      await other.close();
    });
  });
}
