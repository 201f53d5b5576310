import type { MessageStatus, SessionStatus } from './atendimento.tables.js';

/** What an inbound message carries to clients (seed 002's `payload`). */
export interface InboundPayload {
  type: string;
  text?: string;
  caption?: string;
  media_url?: string;
  contact_name?: string;
}

/** The events of `/ws/whatsapp/`, exactly as seed 002's stub emits them (`type`, no version, `ts` in UTC). */
export type WhatsAppClientEvent =
  | { type: 'session_status'; status: SessionStatus; ts: string }
  | { type: 'qrcode'; image_b64: string; ts: string }
  | { type: 'message_status'; message_id: string; status: MessageStatus; ts: string }
  | { type: 'message_received'; message_id: string; from: string; chat_id: string; payload: InboundPayload; ts: string };

/** Events this module publishes on the EventBus; every process forwards them to its own sockets. */
export interface AtendimentoEvents {
  'atendimento.whatsapp': WhatsAppClientEvent;
}

export const ATENDIMENTO_WHATSAPP = 'atendimento.whatsapp';

/** ISO-8601 UTC with milliseconds, as the seed's `ts`. */
export const isoTs = (at: number = Date.now()) => new Date(at).toISOString();
