import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Type } from 'typebox';
import { defineJob } from './job-definition.js';
import { eventually, openQueueHarness, type QueueHarness } from './jobs.testkit.js';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-worker.script.ts');
const N = Type.Object({ n: Type.Number() });
const definitions = [
  defineJob({ name: 'crash.retry', schema: N, maxAttempts: 3, handler: () => 'ok' }),
  defineJob({ name: 'crash.once', schema: N, handler: () => 'ok' }),
];

let h: QueueHarness;
before(async () => (h = await openQueueHarness({ name: 'sqlite', dialect: 'sqlite', redisUrl: undefined })));
after(() => h.close());

it('after a worker is SIGKILLed mid-run, a restart on the same file finishes or fails every job, losing none', async () => {
  const writer = h.queue(definitions, { runJobs: false });
  const ids: string[] = [];
  for (let n = 0; n < 20; n += 1) ids.push((await writer.enqueue(definitions[n % 2], { n })).id);

  const child = spawn(process.execPath, ['--import', 'tsx', script, h.testDatabase.url], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const statuses = () => h.jobs.selectFrom('jobs').select(['id', 'status']).where('id', 'in', ids).execute();
  await eventually(async () => {
    const rows = await statuses();
    return rows.some((r) => r.status === 'COMPLETED') && rows.some((r) => r.status === 'RUNNING');
  }, 'o filho concluir uns e estar rodando outros', 60_000);
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  const orphaned = (await statuses()).filter((r) => r.status === 'RUNNING').map((r) => r.id);
  assert.ok(orphaned.length > 0);

  const restarted = h.queue(definitions, { recoverRunningOnStart: true });
  await restarted.start();
  await eventually(async () => (await statuses()).every((r) => r.status === 'COMPLETED' || r.status === 'FAILED'), 'todos terminarem');
  const rows = await h.jobs.selectFrom('jobs').selectAll().where('id', 'in', ids).execute();
  assert.equal(rows.length, 20);
  for (const row of rows) {
    if (row.status === 'FAILED') assert.deepEqual([row.kind, row.error_category], ['crash.once', 'lease_expired']);
  }
  for (const row of rows.filter((r) => orphaned.includes(r.id))) {
    assert.ok(row.kind === 'crash.once' ? row.status === 'FAILED' : row.status === 'COMPLETED' && row.attempt === 2, row.id);
  }
});
