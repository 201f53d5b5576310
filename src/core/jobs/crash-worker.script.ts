// Child process for job-crash.test.ts: runs the jobs already in a SQLite file until it is killed.
import { Type } from 'typebox';
import { openDatabase } from '../db/db.js';
import { createLocalEventBus } from '../events/index.js';
import { defineJob } from './job-definition.js';
import { createJobQueue } from './job-queue.js';
import type { JobEventMap } from './jobs.tables.js';

const [url] = process.argv.slice(2);
const slow = async ({ progress }: { progress(n: number): Promise<void> }) => {
  await progress(10);
  await new Promise((resolve) => setTimeout(resolve, 150));
  return 'ok';
};
const definitions = [
  defineJob({ name: 'crash.retry', schema: Type.Object({ n: Type.Number() }), maxAttempts: 3, concurrency: 4, handler: slow }),
  defineJob({ name: 'crash.once', schema: Type.Object({ n: Type.Number() }), concurrency: 4, handler: slow }),
];
const logger = { warn: () => {}, error: (details: object, message: string) => process.stderr.write(`${message}\n`) };
const queue = createJobQueue({ database: openDatabase(url), definitions, bus: createLocalEventBus<JobEventMap>(), logger });
await queue.start();
