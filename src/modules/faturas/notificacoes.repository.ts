import type { Perfil } from '../../core/auth/users.repository.js';
import type { FaturasExecutor } from './processos.tables.js';

export interface NovaNotificacao {
  /** Every active user with one of these perfis receives it (ADMINISTRADOR always does). */
  perfis: Perfil[];
  tipo: 'FALHA_DOWNLOAD' | 'FALHA_UPLOAD_SAT' | 'APROVACAO_PENDENTE' | 'VENCIMENTO_PROXIMO' | 'RELATORIO';
  titulo: string;
  mensagem: string;
  processo_id: string | null;
  /** Identifies the fact: a user is told about it once. */
  chave: string;
}

/** Fans a notification out to its users; one already given to a user under the same key is skipped. */
export async function notify(trx: FaturasExecutor, notificacao: NovaNotificacao, at: number): Promise<number> {
  const perfis = [...new Set<Perfil>(['ADMINISTRADOR', ...notificacao.perfis])];
  const users = await trx.selectFrom('users').select('id').where('status_ativo', '=', 1).where('perfil', 'in', perfis).execute();
  if (users.length === 0) return 0;
  const { perfis: _perfis, ...fields } = notificacao;
  const result = await trx
    .insertInto('faturas_notificacoes')
    .values(users.map((u) => ({ ...fields, usuario_id: u.id, lida: 0, created_at: at })))
    .onConflict((oc) => oc.columns(['usuario_id', 'chave']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export function listNotificacoes(db: FaturasExecutor, usuarioId: string, lida: boolean | undefined, limit: number, offset: number) {
  return db
    .selectFrom('faturas_notificacoes')
    .selectAll()
    .where('usuario_id', '=', usuarioId)
    .$if(lida !== undefined, (q) => q.where('lida', '=', lida ? 1 : 0))
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countNotificacoes(db: FaturasExecutor, usuarioId: string, lida: boolean | undefined): Promise<number> {
  const row = await db
    .selectFrom('faturas_notificacoes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('usuario_id', '=', usuarioId)
    .$if(lida !== undefined, (q) => q.where('lida', '=', lida ? 1 : 0))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the user's notification read; false when it is not theirs. */
export async function markRead(db: FaturasExecutor, usuarioId: string, id: number | undefined): Promise<number> {
  const result = await db
    .updateTable('faturas_notificacoes')
    .set({ lida: 1 })
    .where('usuario_id', '=', usuarioId)
    .$if(id !== undefined, (q) => q.where('id', '=', id!))
    .where('lida', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
