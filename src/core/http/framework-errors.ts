import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from './error-shapes.js';
import { requestId } from './request-id.js';

const BAD_URL = 'URL inválida: codificação percentual malformada.';
const PARAM_TOO_LONG = 'Parâmetro do caminho excede o tamanho máximo permitido.';

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route or hook runs (a malformed
 * percent-encoding, a path parameter over `maxParamLength`). Same shape and request id as every other
 * error; the input is never echoed back.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const message = status === 414 ? PARAM_TOO_LONG : BAD_URL;
  reply
    .status(status)
    .header('x-request-id', request.id)
    .type('application/json; charset=utf-8')
    .send(renderError(request, status, message, undefined));
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Cabeçalhos da requisição excedem o tamanho permitido.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Tempo esgotado aguardando a requisição.'],
};
const MALFORMED: [number, string] = [400, 'Requisição HTTP malformada.'];

/**
 * Fastify's `clientErrorHandler`: Node's parser refused the request (headers over the limit, raw
 * non-ASCII bytes in the URL, a broken request line), so there is no request object. The path, when
 * the bytes received show one, still picks the family's shape; the answer closes the connection.
 */
export function clientErrorHandler(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  if (socket.writable) {
    const id = requestId({ headers: {} } as IncomingMessage);
    const path = /^[A-Z]{1,16} (\/\S*)/.exec((Buffer.isBuffer(error.rawPacket) ? error.rawPacket.subarray(0, 512).toString('latin1') : ''))?.[1] ?? '/';
    const body = JSON.stringify(renderError({ id, url: path } as FastifyRequest, status, message, undefined));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };
