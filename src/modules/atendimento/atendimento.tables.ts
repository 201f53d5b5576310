import type { Kysely, Transaction } from 'kysely';
import type { CoreTables } from '../../core/db/tables.js';

/** The one settings record (seed 002's `Config` singleton): a JSON text per section. Times are epoch ms. */
export interface AtendimentoConfigTable {
  id: number;
  company_data: string;
  chat_settings: string;
  email_settings: string;
  appearance_settings: string;
  whatsapp_settings: string;
  created_at: number;
  updated_at: number;
}

export type SessionStatus = 'disconnected' | 'connecting' | 'qrcode' | 'authenticated' | 'ready';
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'received';
export type MessageType = 'text' | 'image' | 'document' | 'audio';

/** The company's one WhatsApp session, shared by every agent (row id 1). */
export interface AtendimentoWaSessionTable {
  id: number;
  status: SessionStatus;
  /** Why it is disconnected (`logged_out`, `invalid_credentials`…), null otherwise. */
  reason: string | null;
  started_by: string | null;
  updated_at: number;
}

export interface AtendimentoWaMessagesTable {
  message_id: string;
  direction: 'outbound' | 'inbound';
  /** E.164 of the customer (recipient of outbound, sender of inbound). */
  contact: string;
  chat_id: string;
  type: MessageType;
  text: string | null;
  media_url: string | null;
  caption: string | null;
  contact_name: string | null;
  status: MessageStatus;
  /** The provider's id (a Cloud API WAMID); unique per provider, so a replayed webhook finds its row. */
  provider_message_id: string | null;
  error_code: string | null;
  error_message: string | null;
  created_by: string | null;
  created_at: number;
  queued_at: number | null;
  sent_at: number | null;
  delivered_at: number | null;
  read_at: number | null;
  failed_at: number | null;
  updated_at: number;
}

// A type alias, not an interface: Kysely's `withTables` wants an indexable shape.
export type AtendimentoTables = {
  atendimento_config: AtendimentoConfigTable;
  atendimento_wa_session: AtendimentoWaSessionTable;
  atendimento_wa_messages: AtendimentoWaMessagesTable;
};

export type AtendimentoDb = Kysely<CoreTables & AtendimentoTables>;
export type AtendimentoTrx = Transaction<CoreTables & AtendimentoTables>;
export type AtendimentoExecutor = AtendimentoDb | AtendimentoTrx;
export type CoreAndAtendimento = CoreTables & AtendimentoTables;
