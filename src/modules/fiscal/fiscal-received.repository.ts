import type { FiscalExecutor } from './fiscal.tables.js';

export interface ReceivedItem {
  chave: string;
  versao: number;
  situacao: string | null;
  manifestacao_destinatario: string | null;
  documento: string;
}

export async function lastVersion(db: FiscalExecutor, cnpj: string): Promise<number> {
  const row = await db.selectFrom('fiscal_received_sync').select('versao').where('cnpj', '=', cnpj).executeTakeFirst();
  return row ? Number(row.versao) : 0;
}

/** Stores one page and where the sync stopped, together: a crash never skips a page. */
export async function savePage(db: FiscalExecutor, cnpj: string, items: ReceivedItem[], versao: number, at: number): Promise<void> {
  for (const item of items) {
    await db
      .insertInto('fiscal_received_nfe')
      .values({ ...item, cnpj_destinatario: cnpj, updated_at: at })
      .onConflict((oc) =>
        oc.column('chave').doUpdateSet({
          versao: item.versao,
          situacao: item.situacao,
          manifestacao_destinatario: item.manifestacao_destinatario,
          documento: item.documento,
          updated_at: at,
        }),
      )
      .execute();
  }
  await db
    .insertInto('fiscal_received_sync')
    .values({ cnpj, versao, synced_at: at })
    .onConflict((oc) => oc.column('cnpj').doUpdateSet({ versao, synced_at: at }))
    .execute();
}

export async function listReceived(db: FiscalExecutor, cnpj: string, limit: number, offset: number) {
  const base = db.selectFrom('fiscal_received_nfe').where('cnpj_destinatario', '=', cnpj);
  const [rows, total] = await Promise.all([
    base.select(['documento', 'manifestacao_destinatario']).orderBy('versao', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), rows };
}

export async function setManifestation(db: FiscalExecutor, chave: string, tipo: string, at: number): Promise<void> {
  await db.updateTable('fiscal_received_nfe').set({ manifestacao_destinatario: tipo, updated_at: at }).where('chave', '=', chave).execute();
}
