import type { MessageStatus, MessageType, SessionStatus } from './atendimento.tables.js';
import type { InboundPayload } from './atendimento.events.js';

export interface OutboundMessage {
  message_id: string;
  /** E.164 with the plus sign. */
  to: string;
  type: MessageType;
  text: string | null;
  media_url: string | null;
  caption: string | null;
  queued_at: number;
}

export interface InboundMessage {
  provider_message_id: string;
  /** E.164 of the sender. */
  from: string;
  payload: InboundPayload;
  at: number;
}

/** What a driver reports back; the service persists each and tells the clients. */
export interface DriverHooks {
  sessionStatus(status: SessionStatus, extra?: { image_b64?: string; reason?: string }): Promise<void>;
  messageStatus(providerMessageId: string, status: Exclude<MessageStatus, 'queued' | 'received'>, at: number, error?: DriverErrorInfo): Promise<void>;
  inbound(message: InboundMessage): Promise<void>;
}

export interface DriverErrorInfo {
  code: 'UPSTREAM_ERROR' | 'RATE_LIMITED' | 'SESSION_NOT_READY' | 'NOT_CONFIGURED';
  message: string;
  providerCode?: number;
}

/** A failed send: `retryable` ones go back to the queue with backoff (`retryAfterMs` when the provider said). */
export class DriverError extends Error {
  constructor(
    readonly info: DriverErrorInfo,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(info.message);
    this.name = 'DriverError';
  }
}

/** One WhatsApp connection behind the seed's REST contract; WHATSAPP_MODE chooses which. */
export interface WhatsAppDriver {
  readonly mode: 'stub' | 'cloud';
  /** Begins connecting; reports `connecting` before it returns and the later steps through the hooks. */
  start(): Promise<void>;
  stop(): Promise<void>;
  send(message: OutboundMessage, signal: AbortSignal): Promise<{ providerMessageId: string }>;
  close(): void;
}
