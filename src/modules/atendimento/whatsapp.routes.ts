import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../core/auth/guard.plugin.js';
import { answerValidationWith400 } from '../../core/auth/authz.validation.js';
import { InjectBody, InjectReply, MessageAccepted, MessageBody, MessageId, MessageView, SessionReply } from './whatsapp.schemas.js';
import { fieldError, messageForIssues, phoneOrFail, toInboundPayload, toSendInput } from './whatsapp.input.js';
import type { WhatsAppService } from './whatsapp.service.js';

export const MANAGE_WHATSAPP = 'core.manage_config_whatsapp';

/**
 * Seed 002's WhatsApp REST contract (with or without the trailing slash): one session for the
 * company's number, shared by every agent. Start, stop and send need `core.manage_config_whatsapp`.
 */
export const whatsappRoutes: FastifyPluginAsyncTypebox<{ whatsapp: WhatsAppService }> = async (app, { whatsapp }) => {
  answerValidationWith400(app, messageForIssues);
  const manage = { permission: MANAGE_WHATSAPP };
  const tags = ['atendimento: whatsapp'];

  app.post('/api/v1/whatsapp/session/start', { config: manage, schema: { tags, summary: 'Iniciar a sessão', response: { 202: SessionReply } } }, async (request, reply) =>
    reply.status(202).send({ status: await whatsapp.start(principalOf(request).userId) }),
  );

  app.get('/api/v1/whatsapp/session/status', { schema: { tags, summary: 'Estado da sessão', response: { 200: SessionReply } } }, async () => ({
    status: await whatsapp.status(),
  }));

  app.delete('/api/v1/whatsapp/session', { config: manage, schema: { tags, summary: 'Encerrar a sessão', response: { 204: Type.Null() } } }, async (_request, reply) => {
    await whatsapp.stop();
    return reply.status(204).send(null);
  });

  app.post('/api/v1/whatsapp/messages', {
    config: manage,
    // Ajv would turn a number into a string; the seed refuses a `to` that is not one.
    preValidation: async (request) => {
      const body = request.body as Record<string, unknown> | null;
      if (body && typeof body === 'object' && body.to !== undefined && typeof body.to !== 'string') throw fieldError('to', "Campo 'to' é obrigatório");
    },
    schema: { tags, summary: 'Enviar mensagem (enfileirada; status pelo WebSocket)', body: MessageBody, response: { 202: MessageAccepted } },
  }, async (request, reply) => {
    const messageId = await whatsapp.send(principalOf(request).userId, toSendInput(request.body));
    return reply.status(202).send({ message_id: messageId });
  });

  app.get('/api/v1/whatsapp/messages/:message_id', {
    config: manage,
    schema: { tags, summary: 'Uma mensagem: estado e horários de cada mudança', params: MessageId, response: { 200: MessageView } },
  }, (request) => whatsapp.message(request.params.message_id));

  app.post('/api/v1/whatsapp/inject-incoming/', {
    config: manage,
    schema: { tags, summary: 'Simular mensagem recebida (modo stub)', body: InjectBody, response: { 200: InjectReply } },
  }, async (request) => {
    const { from, chat_id: chatId, payload } = request.body;
    const messageId = await whatsapp.inject(phoneOrFail('from', from), toInboundPayload(payload), chatId);
    return { message: 'Mensagem de teste injetada com sucesso', message_id: messageId, database_id: messageId };
  });
};
