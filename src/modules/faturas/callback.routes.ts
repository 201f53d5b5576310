import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../core/http/errors.js';
import { latestUnfinishedOfProcesso } from './execucoes.repository.js';
import { acceptEmptyBody, type FaturasContext } from './faturas.context.js';
import type { Outcomes } from './processos.outcomes.js';
import { StatusProcesso } from './processos.schemas.js';

// Seed 001 §3.3 sends `{"status": "COMPLETED"|"FAILED"}`; other keys are tolerated and, like the status, never trusted.
const Body = Type.Object(
  {
    status: Type.Optional(Type.String({ maxLength: 40 })),
    job_id: Type.Optional(Type.String({ maxLength: 100 })),
    result: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    error: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { maxProperties: 20 },
);
const Params = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
const Reply = Type.Object({ success: Type.Boolean(), processo_id: Type.String(), status_processo: StatusProcesso, aplicado: Type.Boolean() });

/**
 * The rpa callback (seed 001 §3.3) at its three addresses. Public by design (the rpa API sends no
 * credential), so it is only a trigger: it re-reads the processo's running jobs and applies what they
 * say. A forged or replayed call changes nothing a finished job does not already justify.
 */
export const callbackRoutes: FastifyPluginAsyncTypebox<{ ctx: FaturasContext; outcomes: Outcomes }> = async (app, { ctx, outcomes }) => {
  acceptEmptyBody(app);
  const handler = async (request: { params: { id: string } }) => {
    const id = request.params.id.toLowerCase();
    let aplicado = false;
    for (const execucao of await latestUnfinishedOfProcesso(ctx.db, id)) {
      aplicado = (await outcomes.applyJob(execucao.job_id!)) || aplicado;
    }
    const processo = await ctx.db.selectFrom('faturas_processos').select('status_processo').where('id', '=', id).executeTakeFirst();
    if (!processo) throw notFound('Processo não encontrado.');
    return { success: true, processo_id: id, status_processo: processo.status_processo, aplicado };
  };
  const schema = { tags: ['faturas'], params: Params, body: Body, response: { 200: Reply }, summary: 'Aviso de fim de job do robô (seed 001 §3.3)' };
  for (const url of ['/api/processos/:id/status', '/processos/:id/status', '/api/processos/:id']) {
    app.route({ method: ['PUT', 'POST', 'PATCH'], url, config: { public: true }, schema, handler });
  }
};
