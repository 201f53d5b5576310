import { Type, type Static } from 'typebox';
import { defineJob, RetryableError, type AnyJobDefinition, type JobContext, type JobQueue } from '../../core/jobs/index.js';
import { applyInTransaction } from './fiscal.apply.js';
import { contextFor, type JobDeps } from './fiscal.binding.js';
import { downloadJob } from './fiscal-files.jobs.js';
import { reconcile } from './fiscal-reconcile.service.js';
import { markWebhookLog, pendingWebhooks, unappliedWebhookLogs } from './fiscal.repository.js';

const BATCH = 100;
const DrainPayload = Type.Object({});
const DRAIN_GROUP = 'fiscal.webhooks';

/**
 * Applies every logged webhook not yet applied, oldest first, until none is left: each through the
 * same path as any other answer from Focus and marked in the same commit. One short transaction per
 * log: on SQLite a transaction holds the only connection, and requests must not wait behind a batch.
 */
async function drainWebhooks(ctx: JobContext<Static<typeof DrainPayload>> & JobDeps): Promise<string> {
  const fiscal = contextFor(ctx.storage);
  let applied = 0;
  for (;;) {
    const logs = await unappliedWebhookLogs(fiscal.db, BATCH);
    for (const log of logs) {
      if (ctx.signal.aborted) throw new RetryableError('Aplicação de webhooks interrompida');
      await fiscal.transact(async (trx) => {
        const doc = JSON.parse(log.payload) as Record<string, unknown>;
        const resultado = typeof doc.ref === 'string' ? await applyInTransaction(fiscal, trx, doc.ref, doc) : 'ignorado';
        await markWebhookLog(trx, log.id, resultado, fiscal.now());
      });
    }
    applied += logs.length;
    if (logs.length < BATCH) return `${applied} webhook(s) aplicados`;
  }
}

export const webhookJob = defineJob<typeof DrainPayload, JobDeps>({
  name: 'fiscal.webhooks',
  schema: DrainPayload,
  handler: drainWebhooks,
  concurrency: 1,
  maxAttempts: 10,
  backoff: { delayMs: 1000 },
});

/**
 * Makes sure a drain will run after the caller's logs were committed. One job per webhook cost more
 * than the webhook itself; instead at most one drain runs (a group) and at most one waits: when the
 * drain found is already running, it may have read past these logs, so a second key queues the next.
 */
export async function scheduleDrain(jobs: JobQueue): Promise<void> {
  const first = await jobs.enqueue(webhookJob, {}, { idempotencyKey: `${DRAIN_GROUP}:a`, group: DRAIN_GROUP });
  if (first.deduplicated && first.status !== 'PENDING') {
    await jobs.enqueue(webhookJob, {}, { idempotencyKey: `${DRAIN_GROUP}:b`, group: DRAIN_GROUP });
  }
}

const ReconcilePayload = Type.Object({
  /** Overrides FOCUS_NFE_RECONCILE_AFTER_MINUTES (the CLI and tests ask for 0). */
  after_minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10080 })),
});

export const reconcileJob = defineJob<typeof ReconcilePayload, JobDeps>({
  name: 'fiscal.reconcile',
  schema: ReconcilePayload,
  handler: async (ctx) => {
    const fiscal = contextFor(ctx.storage);
    // A process that died between logging a webhook and queueing its drain left logs behind.
    if ((await pendingWebhooks(fiscal.db)) > 0) await scheduleDrain(fiscal.jobs);
    const summary = await reconcile(fiscal, ctx.payload.after_minutes ?? fiscal.reconcileAfterMinutes, ctx.signal);
    return JSON.stringify(summary);
  },
  concurrency: 1,
});

export const fiscalJobs: readonly AnyJobDefinition[] = [webhookJob, downloadJob, reconcileJob];
