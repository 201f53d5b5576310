import type { AtendimentoConfigTable, AtendimentoExecutor } from './atendimento.tables.js';
import type { SectionKey } from './config.schemas.js';

const CONFIG_ID = 1;

export type ConfigRow = AtendimentoConfigTable;

/** The singleton row, created empty on first use (sections fall back to their defaults when read). */
export async function ensureConfig(db: AtendimentoExecutor): Promise<void> {
  const now = Date.now();
  await db
    .insertInto('atendimento_config')
    .values({ id: CONFIG_ID, company_data: '{}', chat_settings: '{}', email_settings: '{}', appearance_settings: '{}', whatsapp_settings: '{}', created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export function readConfig(db: AtendimentoExecutor): Promise<ConfigRow | undefined> {
  return db.selectFrom('atendimento_config').selectAll().where('id', '=', CONFIG_ID).executeTakeFirst();
}

/** Read for update: on PostgreSQL two PATCHes of the same record take turns instead of losing one. */
export function lockConfig(db: AtendimentoExecutor, postgres: boolean): Promise<ConfigRow | undefined> {
  const query = db.selectFrom('atendimento_config').selectAll().where('id', '=', CONFIG_ID);
  return (postgres ? query.forUpdate() : query).executeTakeFirst();
}

export async function writeSections(db: AtendimentoExecutor, sections: Partial<Record<SectionKey, string>>): Promise<void> {
  await db.updateTable('atendimento_config').set({ ...sections, updated_at: Date.now() }).where('id', '=', CONFIG_ID).execute();
}
