import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../core/auth/guard.plugin.js';
import { notFound } from '../../core/http/errors.js';
import { pageLinks } from '../../core/http/pagination.js';
import { countNotificacoes, listNotificacoes, markRead } from './notificacoes.repository.js';
import type { FaturasDb } from './processos.tables.js';
import { Nullable, PageQuery } from './processos.schemas.js';

const tags = ['faturas'];
const Notificacao = Type.Object({
  id: Type.Integer(),
  tipo: Type.String(),
  titulo: Type.String(),
  mensagem: Type.String(),
  processo_id: Nullable(Type.String()),
  lida: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
});
const Query = Type.Object({ ...PageQuery, lida: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const Page = Type.Object({ count: Type.Integer(), next: Nullable(Type.String()), previous: Nullable(Type.String()), results: Type.Array(Notificacao) });
const Params = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

/** `/api/v1/faturas/notificacoes/`: each user's own inbox (failed downloads, approvals waiting, due dates at risk). */
export const notificacoesRoutes: FastifyPluginAsyncTypebox<{ db: FaturasDb }> = async (app, { db }) => {
  const base = '/api/v1/faturas/notificacoes';

  app.get(`${base}/`, { schema: { tags, querystring: Query, response: { 200: Page } } }, async (request) => {
    const userId = principalOf(request).userId;
    const page = request.query.page ?? 1;
    const pageSize = request.query.page_size ?? 20;
    const [count, rows] = await Promise.all([
      countNotificacoes(db, userId, request.query.lida),
      listNotificacoes(db, userId, request.query.lida, pageSize, (page - 1) * pageSize),
    ]);
    const results = rows.map((n) => ({ ...n, id: Number(n.id), lida: n.lida === 1, created_at: new Date(Number(n.created_at)).toISOString() }));
    return { count, ...pageLinks(request, page, pageSize, count), results };
  });

  app.get(`${base}/nao-lidas`, { schema: { tags, response: { 200: Type.Object({ nao_lidas: Type.Integer() }) } } }, async (request) => ({
    nao_lidas: await countNotificacoes(db, principalOf(request).userId, false),
  }));

  app.post(`${base}/:id/marcar-lida`, { schema: { tags, params: Params, response: { 200: Type.Object({ message: Type.String() }) } } }, async (request) => {
    const userId = principalOf(request).userId;
    const mine = await db.selectFrom('faturas_notificacoes').select('id').where('id', '=', request.params.id).where('usuario_id', '=', userId).executeTakeFirst();
    if (!mine) throw notFound('Notificação não encontrada');
    await markRead(db, userId, request.params.id);
    return { message: 'Notificação marcada como lida' };
  });

  app.post(`${base}/marcar-todas-lidas`, { schema: { tags, response: { 200: Type.Object({ message: Type.String(), marcadas: Type.Integer() }) } } }, async (request) => ({
    message: 'Notificações marcadas como lidas',
    marcadas: await markRead(db, principalOf(request).userId, undefined),
  }));
};
