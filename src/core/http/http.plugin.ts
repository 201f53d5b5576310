import fp from 'fastify-plugin';
import FindMyWay from 'find-my-way';
import type { FastifyContextConfig, FastifyError, RouteOptions, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestRate } from '../load/request-rate.js';
import { AppError, type FieldIssue } from './errors.js';
import { renderError } from './error-shapes.js';
import { coreValidatorCompiler, toFieldIssues } from './validation.js';
import { requireUpgrade } from './ws-route.js';

/** Serves a client-side route (the console) for a GET that matched nothing; false when it is not one. */
export type FallbackHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<boolean> | boolean;

export interface RouteEntry {
  method: string;
  url: string;
  config: FastifyContextConfig;
}

declare module 'fastify' {
  interface FastifyInstance {
    setNotFoundFallback(handler: FallbackHandler): void;
    /** Every route registered, with its config: lets tests walk the whole table. */
    routeTable(): RouteEntry[];
  }
}

function send(request: FastifyRequest, reply: FastifyReply, status: number, message: string, issues?: FieldIssue[], code?: string) {
  return reply.status(status).type('application/json; charset=utf-8').send(renderError(request, status, message, issues, code));
}

/**
 * Error and 404/405 mapping, request ids. Every failure leaves in its contract's shape; a 5xx never
 * shows internals (the log has them, under the same request id).
 */
export const httpPlugin = fp(
  async (app: FastifyInstance, options: { requestRate?: RequestRate; publicUrl?: string }) => {
    app.decorate('publicUrl', options.publicUrl?.replace(/\/+$/, ''));
    // A second router over every path regardless of method, so an unknown method on a known path is a 405.
    const paths = FindMyWay();
    const methodsByPath = new Map<string, Set<string>>();
    // Kept as the route objects themselves: later onRoute hooks may still replace their config.
    const routes: RouteOptions[] = [];
    app.decorate('routeTable', () =>
      routes.flatMap((route) =>
        (Array.isArray(route.method) ? route.method : [route.method]).map((method) => ({ method, url: route.url, config: route.config ?? {} })),
      ),
    );
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      requireUpgrade(route);
      routes.push(route);
      let known = methodsByPath.get(route.url);
      if (!known) {
        known = new Set();
        methodsByPath.set(route.url, known);
        paths.on('GET', route.url, () => undefined, { url: route.url });
      }
      methods.forEach((m) => known!.add(m));
    });
    let fallback: FallbackHandler | undefined;
    app.decorate('setNotFoundFallback', (handler: FallbackHandler) => {
      fallback = handler;
    });

    app.setValidatorCompiler(coreValidatorCompiler);
    // No body is not a bad body: clients that set `Content-Type: application/json` on every request
    // (Python `requests` sessions) send it on a DELETE or a bodiless POST action too.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (body.length === 0) return done(null, undefined);
      parseJson(request, body as string, done);
    });
    // Callback-style hooks on the hot path: an async hook costs a promise on every request.
    const { requestRate } = options;
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      requestRate?.mark();
      done();
    });

    app.setNotFoundHandler(async (request, reply) => {
      const path = request.url.split('?')[0];
      const match = paths.find('GET', path);
      const allowed = match ? methodsByPath.get((match.store as { url: string }).url) : undefined;
      if (allowed && !allowed.has(request.method)) {
        reply.header('allow', [...allowed].join(', '));
        return send(request, reply, 405, 'Método não permitido.');
      }
      if (request.method === 'GET' && fallback && (await fallback(request, reply))) return reply;
      return send(request, reply, 404, usesDetailNotFound(path) ? 'Not Found' : 'Recurso não encontrado.');
    });

    app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        if (error.options.headers) reply.headers(error.options.headers);
        return send(request, reply, error.statusCode, error.message, error.options.issues, error.options.code);
      }
      const fe = error as FastifyError;
      if (fe.validation) {
        return send(request, reply, 422, 'Campos fornecidos são inválidos.', toFieldIssues(fe.validation, fe.validationContext));
      }
      const status = fe.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        return send(request, reply, status, clientMessage(fe, status));
      }
      request.log.error({ err: error }, 'erro inesperado');
      return send(request, reply, 500, 'Erro interno do servidor.');
    });
  },
  { name: 'http' },
);

// FastAPI answers an unknown route with {"detail": "Not Found"}; keep that for its clients.
function usesDetailNotFound(path: string): boolean {
  return !path.startsWith('/api/');
}

function clientMessage(error: FastifyError, status: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Corpo da requisição não é um JSON válido.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Corpo da requisição excede o tamanho permitido.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Tipo de conteúdo não suportado.';
    default:
      if (error instanceof SyntaxError) return 'Corpo da requisição não é um JSON válido.';
      if (status === 429) return 'Muitas requisições. Tente novamente mais tarde.';
      return 'Requisição inválida.';
  }
}
