import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createGroupCommit, type Transact } from '../../core/db/group-commit.js';
import { isPostgres } from '../../core/db/schema-helpers.js';
import type { EventBus } from '../../core/events/index.js';
import { AppError } from '../../core/http/errors.js';
import { RetryableError, type JobQueue } from '../../core/jobs/index.js';
import { ATENDIMENTO_WHATSAPP, isoTs, type AtendimentoEvents, type InboundPayload, type WhatsAppClientEvent } from './atendimento.events.js';
import type { AtendimentoDb, CoreAndAtendimento, MessageStatus, MessageType, SessionStatus } from './atendimento.tables.js';
import { DriverError, type DriverErrorInfo, type DriverHooks, type InboundMessage, type WhatsAppDriver } from './whatsapp.driver.js';
import { SEND_JOB, SEND_MAX_ATTEMPTS } from './whatsapp.jobs.js';
import * as repo from './whatsapp.repository.js';

export interface SendInput {
  to: string;
  type: MessageType;
  text: string | null;
  media_url: string | null;
  caption: string | null;
  client_message_id?: string;
}

export interface WhatsAppServiceDeps {
  db: AtendimentoDb;
  jobs: JobQueue;
  events: EventBus<AtendimentoEvents>;
  logger: Logger;
  /** The driver is built around the service's hooks (it reports session and message changes through them). */
  driver(hooks: DriverHooks): WhatsAppDriver;
}

const ACTIVE: readonly SessionStatus[] = ['connecting', 'qrcode', 'authenticated', 'ready'];
// The forward-only rule (whatsapp.md §6.1): which statuses each one may follow.
const FOLLOWS: Record<'sent' | 'delivered' | 'read' | 'failed', readonly MessageStatus[]> = {
  sent: ['queued'],
  delivered: ['queued', 'sent'],
  read: ['queued', 'sent', 'delivered'],
  failed: ['queued', 'sent'],
};

/**
 * The company's one WhatsApp session and its messages. Every change is persisted first, then
 * published on the EventBus (every process forwards it to its sockets); sending goes through the
 * durable job queue, so an accepted message survives a crash and upstream errors are retried.
 */
export function createWhatsAppService(deps: WhatsAppServiceDeps) {
  const { db, jobs, events, logger } = deps;
  // SQLite's single writer runs transactions in turn: there, those asked for together share a commit.
  const transact: Transact<CoreAndAtendimento> = isPostgres(db) ? (fn) => db.transaction().execute(fn) : createGroupCommit(db);

  const publish = (event: WhatsAppClientEvent) =>
    events.publish(ATENDIMENTO_WHATSAPP, event).catch((err: unknown) => logger.warn({ err }, 'Falha ao publicar evento do WhatsApp'));

  async function advance(messageId: string, status: keyof typeof FOLLOWS, at: number, extra: Parameters<typeof repo.advanceMessage>[5] = {}) {
    if (await repo.advanceMessage(db, messageId, status, FOLLOWS[status], at, extra)) {
      await publish({ type: 'message_status', message_id: messageId, status, ts: isoTs(at) });
    }
  }

  const fail = (messageId: string, error: DriverErrorInfo) =>
    advance(messageId, 'failed', Date.now(), { error_code: error.code, error_message: error.message.slice(0, 500) });

  const hooks: DriverHooks = {
    async sessionStatus(status, extra = {}) {
      await repo.writeSession(db, status, status === 'disconnected' ? (extra.reason ?? null) : null);
      const ts = isoTs();
      await publish({ type: 'session_status', status, ts });
      if (extra.image_b64) await publish({ type: 'qrcode', image_b64: extra.image_b64, ts });
    },
    async messageStatus(providerMessageId, status, at, error) {
      const row = await repo.findByProviderId(db, providerMessageId);
      if (!row) return;
      await advance(row.message_id, status, at, error ? { error_code: error.code, error_message: error.message.slice(0, 500) } : {});
    },
    async inbound(message: InboundMessage) {
      await receive(message, message.provider_message_id);
    },
  };
  const driver = deps.driver(hooks);

  async function receive(message: InboundMessage, messageId: string, chatId = message.from): Promise<boolean> {
    const { payload } = message;
    const inserted = await repo.insertMessage(db, {
      message_id: messageId, direction: 'inbound', contact: message.from, chat_id: chatId,
      type: (['text', 'image', 'document', 'audio'].includes(payload.type) ? payload.type : 'text') as MessageType,
      text: payload.text ?? null, media_url: payload.media_url ?? null, caption: payload.caption ?? null,
      contact_name: payload.contact_name ?? null, status: 'received', provider_message_id: message.provider_message_id,
      error_code: null, error_message: null, created_by: null, created_at: message.at, queued_at: null, sent_at: null,
      delivered_at: message.at, read_at: null, failed_at: null, updated_at: Date.now(),
    });
    // A replayed webhook finds the message already there: nothing is told twice.
    if (inserted) await publish({ type: 'message_received', message_id: messageId, from: message.from, chat_id: chatId, payload, ts: isoTs(message.at) });
    return inserted;
  }

  return {
    mode: driver.mode,
    hooks,

    async status(): Promise<SessionStatus> {
      return (await repo.readSession(db)).status;
    },

    /** Seed 002: starting an active session answers its state and changes nothing. */
    async start(userId: string): Promise<SessionStatus> {
      const current = (await repo.readSession(db)).status;
      if (ACTIVE.includes(current)) return current;
      await repo.writeSession(db, 'disconnected', null, userId);
      await driver.start();
      return (await repo.readSession(db)).status;
    },

    stop: () => driver.stop(),

    /** Accepts a valid message (202): persisted `queued` with its job in one commit; a repeated id sends nothing. */
    async send(userId: string, input: SendInput): Promise<string> {
      const messageId = input.client_message_id ?? randomUUID();
      const now = Date.now();
      const accepted = await transact(async (trx) => {
        const inserted = await repo.insertMessage(trx, {
          message_id: messageId, direction: 'outbound', contact: input.to, chat_id: input.to, type: input.type,
          text: input.text, media_url: input.media_url, caption: input.caption, contact_name: null, status: 'queued',
          provider_message_id: null, error_code: null, error_message: null, created_by: userId, created_at: now,
          queued_at: now, sent_at: null, delivered_at: null, read_at: null, failed_at: null, updated_at: now,
        });
        if (inserted) await jobs.enqueue(SEND_JOB, { message_id: messageId }, { trx });
        return inserted;
      });
      if (accepted) await publish({ type: 'message_status', message_id: messageId, status: 'queued', ts: isoTs(now) });
      return messageId;
    },

    /** The send job: hands a queued message to the driver once; gives up as `failed`, never silently. */
    async deliver(messageId: string, attempt: number, signal: AbortSignal): Promise<void> {
      const row = await repo.findMessage(db, messageId);
      if (!row || row.status !== 'queued' || row.direction !== 'outbound') return;
      if ((await repo.readSession(db)).status !== 'ready') {
        await fail(messageId, { code: 'SESSION_NOT_READY', message: 'Sessão não está pronta' });
        return;
      }
      try {
        const { providerMessageId } = await driver.send(
          { message_id: row.message_id, to: row.contact, type: row.type, text: row.text, media_url: row.media_url, caption: row.caption, queued_at: Number(row.queued_at ?? row.created_at) },
          signal,
        );
        await advance(messageId, 'sent', Date.now(), { provider_message_id: providerMessageId });
      } catch (error) {
        if (signal.aborted) throw error;
        const driverError = error instanceof DriverError ? error : new DriverError({ code: 'UPSTREAM_ERROR', message: 'Falha ao enviar a mensagem' }, true);
        if (!(error instanceof DriverError)) logger.warn({ err: error, message_id: messageId }, 'Falha inesperada ao enviar mensagem WhatsApp');
        if (driverError.retryable && attempt < SEND_MAX_ATTEMPTS) {
          throw new RetryableError(driverError.message, { category: driverError.info.code, retryAfterMs: driverError.retryAfterMs });
        }
        await fail(messageId, driverError.info);
      }
    },

    /** A message as the API shows it, or 404. */
    async message(messageId: string) {
      const row = await repo.findMessage(db, messageId);
      if (!row) throw new AppError(404, 'Mensagem não encontrada.');
      const iso = (at: number | null) => (at === null ? null : new Date(Number(at)).toISOString());
      return {
        message_id: row.message_id, direction: row.direction, contact: row.contact, chat_id: row.chat_id, type: row.type,
        text: row.text, media_url: row.media_url, caption: row.caption, status: row.status, error_code: row.error_code,
        error_message: row.error_message, created_at: iso(row.created_at)!, queued_at: iso(row.queued_at), sent_at: iso(row.sent_at),
        delivered_at: iso(row.delivered_at), read_at: iso(row.read_at), failed_at: iso(row.failed_at),
      };
    },

    /** Stub mode only: an inbound message as if a customer had written (seed 002's `inject-incoming`). */
    async inject(from: string, payload: InboundPayload, chatId?: string): Promise<string> {
      if (driver.mode !== 'stub') throw new AppError(404, 'Injeção de mensagens disponível apenas no modo stub.');
      if ((await repo.readSession(db)).status !== 'ready') {
        throw new AppError(404, 'Sessão WhatsApp não encontrada. Inicie uma sessão primeiro.');
      }
      const messageId = randomUUID();
      await receive({ provider_message_id: `stub.in.${messageId}`, from, payload, at: Date.now() }, messageId, chatId ?? from);
      return messageId;
    },

    /** The stub's session lives in its process, as the seed's does: a restart finds it disconnected. */
    async resetStubSession(): Promise<void> {
      if (driver.mode === 'stub') await repo.writeSession(db, 'disconnected', null);
    },

    close: () => driver.close(),
  };
}

export type WhatsAppService = ReturnType<typeof createWhatsAppService>;
