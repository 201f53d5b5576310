import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DriverHooks, InboundMessage } from './whatsapp.driver.js';
import type { InboundPayload } from './atendimento.events.js';
import { toE164 } from './whatsapp.phone.js';

/** `X-Hub-Signature-256: sha256=<hex>` over the raw body with the app secret, compared in constant time. */
export function validSignature(raw: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!appSecret || !header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface CloudStatus {
  id?: string;
  status?: string;
  timestamp?: string;
  errors?: { code?: number; title?: string; message?: string }[];
}

interface CloudMessage {
  id?: string;
  from?: string;
  timestamp?: string;
  type?: string;
  text?: { body?: string };
  image?: { caption?: string };
  document?: { caption?: string; filename?: string };
}

interface CloudValue {
  statuses?: CloudStatus[];
  messages?: CloudMessage[];
  contacts?: { wa_id?: string; profile?: { name?: string } }[];
}

const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);
const at = (timestamp: string | undefined) => (timestamp && /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : Date.now());

function inboundOf(message: CloudMessage, value: CloudValue): InboundMessage | undefined {
  if (!message.id || !message.from) return undefined;
  // Status webhooks may carry contacts without `profile` (whatsapp.md §3.3): every step is optional.
  const name = value.contacts?.find((c) => c.wa_id === message.from)?.profile?.name ?? value.contacts?.[0]?.profile?.name;
  const type = message.type ?? 'text';
  const payload: InboundPayload = { type };
  const text = message.text?.body;
  const caption = message.image?.caption ?? message.document?.caption;
  if (text !== undefined) payload.text = text.slice(0, 4096);
  if (caption !== undefined) payload.caption = caption.slice(0, 1024);
  if (name) payload.contact_name = name.slice(0, 200);
  const from = toE164(`+${message.from}`) ?? `+${message.from.replace(/\D/g, '').slice(0, 15)}`;
  return { provider_message_id: message.id.slice(0, 128), from, payload, at: at(message.timestamp) };
}

/**
 * Applies a verified Cloud API webhook: statuses move messages forward only and inbound messages are
 * stored once by their WAMID, so a replayed delivery changes nothing. Unknown shapes are skipped.
 */
export async function applyWebhook(body: unknown, hooks: DriverHooks): Promise<void> {
  const entries = (body as { entry?: { changes?: { value?: CloudValue }[] }[] } | null)?.entry;
  if (!Array.isArray(entries)) return;
  for (const entry of entries) {
    for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
      const value = change?.value;
      if (!value) continue;
      for (const status of Array.isArray(value.statuses) ? value.statuses : []) {
        if (!status?.id || !status.status || !STATUSES.has(status.status)) continue;
        const error = status.errors?.[0];
        await hooks.messageStatus(status.id, status.status as 'sent', at(status.timestamp), error && {
          code: error.code === 130429 ? 'RATE_LIMITED' : 'UPSTREAM_ERROR',
          message: String(error.title ?? error.message ?? 'Falha na entrega').slice(0, 300),
          providerCode: error.code,
        });
      }
      for (const message of Array.isArray(value.messages) ? value.messages : []) {
        const inbound = inboundOf(message, value);
        if (inbound) await hooks.inbound(inbound);
      }
    }
  }
}
