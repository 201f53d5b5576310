import { Type } from 'typebox';
import { defineJob, type AnyJobDefinition } from '../../core/jobs/index.js';
import type { BlobStore } from '../../core/storage/index.js';

/** Attempts in total for one message; upstream errors and rate limits are retried with backoff. */
export const SEND_MAX_ATTEMPTS = 5;

export type Deliver = (messageId: string, attempt: number, signal: AbortSignal) => Promise<void>;

// Jobs are declared before any service exists; each running app registers its sender under its own
// core (the storage handed to every job), so two apps in one process (tests) never cross.
const senders = new WeakMap<BlobStore, Deliver>();

export function registerSender(storage: BlobStore, deliver: Deliver): void {
  senders.set(storage, deliver);
}

export const SEND_JOB = defineJob({
  name: 'atendimento.whatsapp.send',
  schema: Type.Object({ message_id: Type.String({ maxLength: 255 }) }),
  concurrency: 20,
  maxAttempts: SEND_MAX_ATTEMPTS,
  backoff: { delayMs: 2_000, maxDelayMs: 5 * 60_000 },
  async handler(ctx: { payload: { message_id: string }; attempt: number; signal: AbortSignal; storage: BlobStore }) {
    const deliver = senders.get(ctx.storage);
    if (!deliver) throw new Error('Envio de WhatsApp sem serviço registrado neste processo');
    await deliver(ctx.payload.message_id, ctx.attempt, ctx.signal);
  },
});

export const atendimentoJobs: readonly AnyJobDefinition[] = [SEND_JOB as AnyJobDefinition];
