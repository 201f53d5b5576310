import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/http/errors.js';
import type { ConfigService } from './config.service.js';
import type { DriverHooks } from './whatsapp.driver.js';
import { applyWebhook, validSignature } from './whatsapp.webhook.js';

const VerifyQuery = Type.Object({
  'hub.mode': Type.Optional(Type.String({ maxLength: 20 })),
  'hub.verify_token': Type.Optional(Type.String({ maxLength: 256 })),
  'hub.challenge': Type.Optional(Type.String({ maxLength: 256 })),
});
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The WhatsApp Cloud API webhook, public by design: Meta carries its own credential, the verify token
 * for the handshake and the app secret's signature for every delivery. Nothing is applied unsigned.
 */
export const whatsappWebhookRoutes: FastifyPluginAsyncTypebox<{ config: ConfigService; hooks: DriverHooks }> = async (app, { config, hooks }) => {
  const tags = ['atendimento: whatsapp'];
  // The signature is over the bytes as sent: the body reaches the handler unparsed.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.get('/webhooks/whatsapp', {
    config: { public: true },
    schema: { tags, summary: 'Verificação do webhook (hub.challenge)', querystring: VerifyQuery },
  }, async (request, reply) => {
    const { verifyToken } = await config.cloudCredentials();
    const given = request.query['hub.verify_token'] ?? '';
    if (request.query['hub.mode'] !== 'subscribe' || !verifyToken || !sameText(given, verifyToken)) {
      throw new AppError(403, 'Token de verificação inválido.');
    }
    return reply.type('text/plain; charset=utf-8').send(request.query['hub.challenge'] ?? '');
  });

  app.post('/webhooks/whatsapp', {
    config: { public: true },
    schema: { tags, summary: 'Eventos da WhatsApp Cloud API (assinados com X-Hub-Signature-256)', response: { 200: Type.Object({ status: Type.String() }) } },
  }, async (request) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const { appSecret } = await config.cloudCredentials();
    if (!validSignature(raw, request.headers['x-hub-signature-256'] as string | undefined, appSecret)) {
      throw new AppError(401, 'Assinatura do webhook inválida.');
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppError(400, 'Corpo do webhook não é um JSON válido.');
    }
    await applyWebhook(body, hooks);
    return { status: 'ok' };
  });
};
