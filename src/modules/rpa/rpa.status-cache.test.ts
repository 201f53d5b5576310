import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalEventBus } from '../../core/events/index.js';
import type { JobEvent, JobEventMap } from '../../core/jobs/index.js';
import { createStatusCache } from './rpa.status-cache.js';
import type { JobStatusResponse } from './rpa.schemas.js';

const logger = { error: () => undefined };
const answer = (status: string) => ({ job_id: 'a', status }) as unknown as JobStatusResponse;
const event = (jobId: string): JobEvent => ({ id: 1, job_id: jobId, kind: 'rpa.OI', type: 'progress', data: { progress: 10 }, at: Date.now() });

describe('rpa status cache', () => {
  it('answers a poll from memory until the job has an event', async () => {
    const events = createLocalEventBus<JobEventMap>({ logger });
    const cache = createStatusCache(events);
    let loads = 0;
    const load = async () => answer(`v${++loads}`);
    assert.equal((await cache.get('a', load)).status, 'v1');
    assert.equal((await cache.get('a', load)).status, 'v1');
    await events.publish('job.event', event('b'));
    assert.equal((await cache.get('a', load)).status, 'v1', 'another job changed, not this one');
    await events.publish('job.event', event('a'));
    assert.equal((await cache.get('a', load)).status, 'v2');
    cache.close();
    await events.close();
  });

  it('does not remember a read that started before the job changed', async () => {
    const events = createLocalEventBus<JobEventMap>({ logger });
    const cache = createStatusCache(events);
    let release!: () => void;
    const slow = cache.get('a', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return answer('before');
    });
    await events.publish('job.event', event('a'));
    release();
    assert.equal((await slow).status, 'before');
    assert.equal((await cache.get('a', async () => answer('after'))).status, 'after');
    cache.close();
    await events.close();
  });

  it('reads again once an answer is older than the age limit, and never caches a failure', async () => {
    const events = createLocalEventBus<JobEventMap>({ logger });
    const cache = createStatusCache(events, 20);
    await cache.get('a', async () => answer('old'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal((await cache.get('a', async () => answer('new'))).status, 'new');
    await assert.rejects(cache.get('x', async () => Promise.reject(new Error('não encontrado'))));
    assert.equal((await cache.get('x', async () => answer('found'))).status, 'found');
    cache.close();
    await events.close();
  });
});
