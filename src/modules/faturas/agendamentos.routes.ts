import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from './processos.schemas.js';
import { Agendamento, AgendamentoCreate, AgendamentoRun, AgendamentoUpdate } from './agendamentos.schemas.js';
import type { createAgendamentosService } from './agendamentos.service.js';

const tags = ['faturas'];
const ADMINISTRADOR = { perfil: ['ADMINISTRADOR' as const] };

/** `/api/v1/faturas/agendamentos/`: everyone reads them; only an ADMINISTRADOR changes or runs them. */
export const agendamentosRoutes: FastifyPluginAsyncTypebox<{ agendamentos: ReturnType<typeof createAgendamentosService> }> = async (app, { agendamentos }) => {
  const base = '/api/v1/faturas/agendamentos';

  app.get(`${base}/`, { schema: { tags, response: { 200: Type.Array(Agendamento) } } }, async () => agendamentos.list());

  app.post(`${base}/`, { config: ADMINISTRADOR, schema: { tags, body: AgendamentoCreate, response: { 201: Agendamento } } }, async (request, reply) =>
    reply.status(201).send(await agendamentos.create(request.body)),
  );

  app.get(`${base}/:id`, { schema: { tags, params: IdParams, response: { 200: Agendamento } } }, async (request) => agendamentos.get(request.params.id));

  app.patch(`${base}/:id`, { config: ADMINISTRADOR, schema: { tags, params: IdParams, body: AgendamentoUpdate, response: { 200: Agendamento } } }, async (request) =>
    agendamentos.update(request.params.id, request.body),
  );

  app.delete(`${base}/:id`, { config: ADMINISTRADOR, schema: { tags, params: IdParams, response: { 204: Type.Null() } } }, async (request, reply) => {
    await agendamentos.remove(request.params.id);
    return reply.status(204).send(null);
  });

  app.post(`${base}/:id/executar-agora`, { config: ADMINISTRADOR, schema: { tags, params: IdParams, response: { 202: Type.Object({ message: Type.String(), job_id: Type.String() }) } } }, async (request, reply) =>
    reply.status(202).send(await agendamentos.executarAgora(request.params.id)),
  );

  app.get(`${base}/:id/execucoes`, { schema: { tags, params: IdParams, response: { 200: Type.Array(AgendamentoRun) } } }, async (request) => agendamentos.runs(request.params.id));
};
