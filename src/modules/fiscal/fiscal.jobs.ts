import { Type, type Static } from 'typebox';
import { defineJob, type AnyJobDefinition, type JobContext } from '../../core/jobs/index.js';
import { applyInTransaction } from './fiscal.apply.js';
import { contextFor, type JobDeps } from './fiscal.binding.js';
import { downloadJob } from './fiscal-files.jobs.js';
import { reconcile } from './fiscal-reconcile.service.js';
import { findWebhookLog, markWebhookLog } from './fiscal.repository.js';

const WebhookPayload = Type.Object({ log_id: Type.Integer({ minimum: 1 }) });

/** Applies one logged webhook through the same path as every other answer from Focus, and marks it, in one commit. */
async function applyWebhook(ctx: JobContext<Static<typeof WebhookPayload>> & JobDeps): Promise<string> {
  const fiscal = contextFor(ctx.storage);
  return fiscal.transact(async (trx) => {
    const log = await findWebhookLog(trx, ctx.payload.log_id);
    if (!log) return 'registro inexistente';
    if (log.applied_at !== null) return log.resultado ?? 'já aplicado';
    const doc = JSON.parse(log.payload) as Record<string, unknown>;
    const resultado = typeof doc.ref === 'string' ? await applyInTransaction(fiscal, trx, doc.ref, doc) : 'ignorado';
    await markWebhookLog(trx, log.id, resultado, fiscal.now());
    return resultado;
  });
}

export const webhookJob = defineJob<typeof WebhookPayload, JobDeps>({
  name: 'fiscal.webhook',
  schema: WebhookPayload,
  handler: applyWebhook,
  maxAttempts: 5,
  backoff: { delayMs: 1000 },
});

const ReconcilePayload = Type.Object({
  /** Overrides FOCUS_NFE_RECONCILE_AFTER_MINUTES (the CLI and tests ask for 0). */
  after_minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10080 })),
});

export const reconcileJob = defineJob<typeof ReconcilePayload, JobDeps>({
  name: 'fiscal.reconcile',
  schema: ReconcilePayload,
  handler: async (ctx) => {
    const fiscal = contextFor(ctx.storage);
    const summary = await reconcile(fiscal, ctx.payload.after_minutes ?? fiscal.reconcileAfterMinutes, ctx.signal);
    return JSON.stringify(summary);
  },
  concurrency: 1,
});

export const fiscalJobs: readonly AnyJobDefinition[] = [webhookJob, downloadJob, reconcileJob];
