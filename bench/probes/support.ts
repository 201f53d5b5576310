// What the probes share: a real job queue on a temporary SQLite file, percentiles, and client
// processes that report back over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/core/db/db.js';
import { migrateToLatest } from '../../src/core/db/migrate.js';
import { createLocalEventBus, type EventBus } from '../../src/core/events/index.js';
import { createJobQueue, jobsMigrations, type AnyJobDefinition, type JobEventMap, type JobQueue } from '../../src/core/jobs/index.js';
import { createLogger } from '../../src/core/logger.js';

export const now = () => performance.timeOrigin + performance.now();

export interface TempQueue {
  jobs: JobQueue;
  events: EventBus<JobEventMap>;
  database: Database;
  /** Resolves once `count` jobs of `kind` have completed, counting from this call. */
  completions(kind: string, count: number): Promise<void>;
  close(): Promise<void>;
}

/** The embedded setup of `npm start` (SQLite in WAL mode, local dispatch, local bus) in its own temp dir. */
export async function tempQueue(definitions: AnyJobDefinition[], options: { runJobs?: boolean } = {}): Promise<TempQueue> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-probe-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'bench.db')}`);
  await migrateToLatest(database.db, [jobsMigrations]);
  const logger = createLogger('warn');
  const events = createLocalEventBus<JobEventMap>({ logger });
  const jobs = createJobQueue({ database, definitions, bus: events, logger, runJobs: options.runJobs });
  return {
    jobs,
    events,
    database,
    completions(kind, count) {
      let seen = 0;
      return new Promise((resolve) => {
        const off = events.subscribe('job.event', (event) => {
          if (event.kind !== kind || event.type !== 'status' || event.data.status !== 'COMPLETED') return;
          if (++seen === count) {
            off();
            resolve();
          }
        });
      });
    },
    async close() {
      await jobs.stop();
      await events.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentil de uma amostra vazia');
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface Clients {
  child: ChildProcess;
  /** The next message from the child that carries `field`, unwrapped. */
  next<T>(field: string): Promise<T>;
  stop(): void;
}

/** Forks `bench/probes/clients/<script>.ts`; its failure rejects any pending `next`. */
export function forkClients(script: string, env: Record<string, string>): Clients {
  const child = fork(path.join(import.meta.dirname, 'clients', `${script}.ts`), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
  });
  return {
    child,
    next: <T>(field: string) =>
      new Promise<T>((resolve, reject) => {
        const onMessage = (message: Record<string, unknown>) => {
          if (!(field in message)) return;
          child.off('exit', onExit);
          child.off('message', onMessage);
          resolve(message[field] as T);
        };
        const onExit = (code: number | null) => {
          child.off('message', onMessage);
          reject(new Error(`clientes (${script}) saíram com código ${code} antes de '${field}'`));
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
      }),
    stop: () => void child.kill('SIGTERM'),
  };
}
