import { setTimeout as sleep } from 'node:timers/promises';
import type { DriverHooks, OutboundMessage, WhatsAppDriver } from './whatsapp.driver.js';

/** Seed 002's stub QR: base64 of `stub-qr` (its tests compare it literally). */
export const STUB_QR = 'c3R1Yi1xcg==';
/** After `queued`: sent, delivered and read this many ms later (seed 002's stub: 50, 100, 150). */
const STATUS_STEPS_MS = { sent: 50, delivered: 100, read: 150 } as const;

export interface StubOptions {
  /** Between session steps: 100 ms, or 0 with WHATSAPP_STUB_FAST=1 (the order is kept either way). */
  stepMs: number;
  hooks: DriverHooks;
  onError(error: unknown): void;
}

/**
 * The development and CI driver: the seed's state machine `connecting → qrcode → authenticated → ready`
 * and `queued → sent → delivered → read`, in this process, with nothing sent anywhere.
 */
export function createStubDriver(options: StubOptions): WhatsAppDriver {
  const { hooks, stepMs } = options;
  let connecting: AbortController | undefined;
  const timers = new Set<NodeJS.Timeout>();

  async function connect(signal: AbortSignal): Promise<void> {
    await sleep(stepMs, undefined, { signal });
    await hooks.sessionStatus('qrcode', { image_b64: STUB_QR });
    await sleep(stepMs, undefined, { signal });
    await hooks.sessionStatus('authenticated');
    await sleep(stepMs, undefined, { signal });
    await hooks.sessionStatus('ready');
  }

  function later(at: number, run: () => Promise<void>): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run().catch(options.onError);
    }, Math.max(0, at - Date.now()));
    timers.add(timer);
  }

  return {
    mode: 'stub',
    async start() {
      connecting?.abort();
      const controller = new AbortController();
      connecting = controller;
      await hooks.sessionStatus('connecting');
      connect(controller.signal).catch((error: unknown) => {
        if (!controller.signal.aborted) options.onError(error);
      });
    },
    async stop() {
      connecting?.abort();
      connecting = undefined;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await hooks.sessionStatus('disconnected', { reason: 'stopped' });
    },
    async send(message: OutboundMessage, signal: AbortSignal) {
      const providerMessageId = `stub.${message.message_id}`;
      const wait = message.queued_at + STATUS_STEPS_MS.sent - Date.now();
      if (wait > 0) await sleep(wait, undefined, { signal });
      // Counted from the actual send, so `delivered` never overtakes a `sent` that the queue delayed.
      const sentAt = Math.max(Date.now(), message.queued_at + STATUS_STEPS_MS.sent);
      later(sentAt + STATUS_STEPS_MS.delivered - STATUS_STEPS_MS.sent, () => hooks.messageStatus(providerMessageId, 'delivered', Date.now()));
      later(sentAt + STATUS_STEPS_MS.read - STATUS_STEPS_MS.sent, () => hooks.messageStatus(providerMessageId, 'read', Date.now()));
      return { providerMessageId };
    },
    close() {
      connecting?.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
