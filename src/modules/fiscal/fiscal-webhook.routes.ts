import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError, unauthorized } from '../../core/http/errors.js';
import type { FiscalContext } from './fiscal.context.js';
import { scheduleDrain } from './fiscal.jobs.js';
import { insertWebhookLog } from './fiscal.repository.js';
import { DocumentBody, ErrorDetail, WebhookAccepted } from './fiscal.schemas.js';

interface Options {
  ctx: FiscalContext;
  /** FOCUS_NFE_WEBHOOK_SECRET; undefined: the route answers 503. */
  secret: string | undefined;
  /** FOCUS_NFE_WEBHOOK_HEADER (default Authorization). */
  header: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * POST /webhooks/focusnfe: public at the route level, since Focus sends no token of ours, but it
 * carries its own credential: the header Focus was told to send (hook `authorization_header`) must
 * hold the secret. Compared as SHA-256 digests in constant time, so neither the content nor the
 * length of the secret leaks through timing.
 */
export const fiscalWebhookRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { ctx, secret, header }) => {
  const expected = secret ? digest(secret) : undefined;
  const headerName = header.toLowerCase();

  app.post(
    '/webhooks/focusnfe',
    {
      config: { public: true },
      schema: {
        tags: ['fiscal: webhooks'],
        summary: 'Notificação da FocusNFE (gatilho): guardada em webhook_logs e aplicada em segundo plano',
        body: DocumentBody,
        security: [],
        response: { 200: WebhookAccepted, 401: ErrorDetail, 503: ErrorDetail },
      },
    },
    async (request) => {
      if (!expected) throw new AppError(503, 'Webhook da FocusNFE não configurado: defina FOCUS_NFE_WEBHOOK_SECRET');
      const presented = request.headers[headerName];
      if (typeof presented !== 'string' || !timingSafeEqual(digest(presented), expected)) {
        throw unauthorized('Credencial do webhook ausente ou inválida.');
      }
      const body = request.body as Record<string, unknown>;
      const ref = typeof body.ref === 'string' ? body.ref.slice(0, 100) : null;
      const status = typeof body.status === 'string' ? body.status.slice(0, 40) : null;
      // Durable before the answer: the raw payload, then a drain queued to apply it. Should the
      // process die between the two, reconciliation queues the drain for the logs left behind.
      const id = await ctx.transact((trx) => insertWebhookLog(trx, ref, status, JSON.stringify(body), ctx.now()));
      await scheduleDrain(ctx.jobs);
      return { status: 'recebido', id };
    },
  );
};
