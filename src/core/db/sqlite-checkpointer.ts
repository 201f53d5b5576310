import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Sqlite from 'better-sqlite3';

const CHECKPOINT_EVERY_MS = 200;

// Plain CommonJS run by the worker (`eval`), so it needs no TypeScript loader in the thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const open = new Map();
parentPort.on('message', (message) => {
  if (message.add) {
    const db = new Database(message.file);
    db.pragma('busy_timeout = 0');
    open.set(message.add, db);
  } else if (message.remove) {
    open.get(message.remove)?.close();
    open.delete(message.remove);
    parentPort.postMessage({ removed: message.remove });
  }
});
setInterval(() => {
  for (const db of open.values()) {
    // PASSIVE never waits for nor blocks the writers; what it cannot copy now waits for the next turn.
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  }
}, ${CHECKPOINT_EVERY_MS});
`;

let worker: Worker | undefined;
// By registration, not by file: the same file may be opened twice in one process.
const watched = new Map<number, Sqlite.Database>();
const removals = new Map<number, () => void>();
let lastId = 0;

function fallBack(): void {
  // Without the thread, SQLite checkpoints inside commits again, as it does by default.
  for (const connection of watched.values()) connection.pragma('wal_autocheckpoint = 1000');
  worker = undefined;
  for (const done of removals.values()) done();
  removals.clear();
}

function startWorker(): Worker {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver } });
  started.unref();
  started.on('message', (message: { removed?: number }) => {
    if (message.removed) removals.get(message.removed)?.();
  });
  started.on('error', fallBack);
  started.on('exit', () => {
    if (worker === started) fallBack();
  });
  return started;
}

/**
 * Moves WAL checkpoints out of the commits: SQLite otherwise copies the WAL back into the database
 * (with an fsync) inside whichever commit crosses 1,000 pages, which stalls every request queued
 * behind it; a thread of the process checkpoints every 200 ms instead. Returns what to call before
 * closing the connection.
 */
export function checkpointInBackground(file: string, connection: Sqlite.Database): () => Promise<void> {
  worker ??= startWorker();
  connection.pragma('wal_autocheckpoint = 0');
  // A burst may grow the WAL; once checkpointed it is cut back to this size.
  connection.pragma('journal_size_limit = 67108864');
  const id = ++lastId;
  watched.set(id, connection);
  worker.postMessage({ add: id, file });
  return async () => {
    watched.delete(id);
    const current = worker;
    if (!current) return;
    await new Promise<void>((resolve) => {
      removals.set(id, resolve);
      current.postMessage({ remove: id });
    });
    removals.delete(id);
    if (watched.size === 0 && worker === current) {
      worker = undefined;
      await current.terminate();
    }
  };
}
