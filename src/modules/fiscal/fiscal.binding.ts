import { RetryableError } from '../../core/jobs/index.js';
import type { BlobStore } from '../../core/storage/index.js';
import type { FiscalContext } from './fiscal.context.js';

/**
 * Job handlers get core's `storage` beside their payload; the module's context is found through it,
 * so two services in one process (a test on SQLite and on PostgreSQL) never share a context.
 */
const contexts = new WeakMap<BlobStore, FiscalContext>();

export function bindContext(storage: BlobStore, context: FiscalContext): void {
  contexts.set(storage, context);
}

export function contextFor(storage: BlobStore): FiscalContext {
  const context = contexts.get(storage);
  // A job claimed while the module is still registering: it runs again shortly.
  if (!context) throw new RetryableError('Módulo fiscal ainda não iniciado', { retryAfterMs: 1000 });
  return context;
}

export type JobDeps = { storage: BlobStore };
