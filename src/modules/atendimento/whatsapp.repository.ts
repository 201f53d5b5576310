import type { AtendimentoExecutor, AtendimentoWaMessagesTable, MessageStatus, SessionStatus } from './atendimento.tables.js';

export type MessageRow = AtendimentoWaMessagesTable;

const SESSION_ID = 1;

export async function readSession(db: AtendimentoExecutor): Promise<{ status: SessionStatus; reason: string | null }> {
  const row = await db.selectFrom('atendimento_wa_session').select(['status', 'reason']).where('id', '=', SESSION_ID).executeTakeFirst();
  return row ?? { status: 'disconnected', reason: null };
}

export async function writeSession(db: AtendimentoExecutor, status: SessionStatus, reason: string | null, startedBy?: string): Promise<void> {
  const now = Date.now();
  await db
    .insertInto('atendimento_wa_session')
    .values({ id: SESSION_ID, status, reason, started_by: startedBy ?? null, updated_at: now })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ status, reason, updated_at: now, ...(startedBy === undefined ? {} : { started_by: startedBy }) }),
    )
    .execute();
}

/** False when a message with this id exists already (a repeated `client_message_id`). */
export async function insertMessage(db: AtendimentoExecutor, row: MessageRow): Promise<boolean> {
  const result = await db.insertInto('atendimento_wa_messages').values(row).onConflict((oc) => oc.column('message_id').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findMessage(db: AtendimentoExecutor, messageId: string): Promise<MessageRow | undefined> {
  return db.selectFrom('atendimento_wa_messages').selectAll().where('message_id', '=', messageId).executeTakeFirst();
}

export function findByProviderId(db: AtendimentoExecutor, providerMessageId: string): Promise<MessageRow | undefined> {
  return db.selectFrom('atendimento_wa_messages').selectAll().where('provider_message_id', '=', providerMessageId).executeTakeFirst();
}

const STAMP: Record<Exclude<MessageStatus, 'queued' | 'received'>, 'sent_at' | 'delivered_at' | 'read_at' | 'failed_at'> = {
  sent: 'sent_at',
  delivered: 'delivered_at',
  read: 'read_at',
  failed: 'failed_at',
};

/**
 * Moves a message to `status` only from one of `from` (the forward-only rule of whatsapp.md §6.1):
 * a replayed or late webhook changes nothing. True when this call made the change.
 */
export async function advanceMessage(
  db: AtendimentoExecutor,
  messageId: string,
  status: Exclude<MessageStatus, 'queued' | 'received'>,
  from: readonly MessageStatus[],
  at: number,
  extra: { provider_message_id?: string; error_code?: string; error_message?: string } = {},
): Promise<boolean> {
  const result = await db
    .updateTable('atendimento_wa_messages')
    .set({ status, [STAMP[status]]: at, updated_at: Date.now(), ...extra })
    .where('message_id', '=', messageId)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
