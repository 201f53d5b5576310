import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { RequestRate } from '../load/request-rate.js';
import { requestId } from './request-id.js';

/** The documented route (in auth.routes) and the early answer below share it. */
export const HEALTH_PATH = '/api/v1/health/';

function healthBody(version: string): string {
  return JSON.stringify({ status: 'ok', version });
}

/**
 * The node:http server Fastify runs on, answering `GET /api/v1/health/` (with or without its slash)
 * before Fastify routes the request: probes and load balancers call it more than anything else, and
 * it needs nothing Fastify offers. Same body and headers as the documented route, which still serves
 * every other form (HEAD, a query string, `inject` in tests). See decision 0006.
 */
export function serverWithHealth(version: string, requestRate?: RequestRate) {
  const body = healthBody(version);
  const length = String(Buffer.byteLength(body));
  return (handler: (req: IncomingMessage, res: ServerResponse) => void, fastifyOptions: Record<string, unknown>) => {
    const options = fastifyOptions as Partial<ServerOptions>;
    const server = http.createServer(options.http ?? {}, (req, res) => {
      if (req.method === 'GET' && (req.url === HEALTH_PATH || req.url === '/api/v1/health')) {
        requestRate?.mark();
        res.writeHead(200, { 'x-request-id': requestId(req), 'content-type': 'application/json; charset=utf-8', 'content-length': length });
        res.end(body);
        return;
      }
      handler(req, res);
    });
    // What Fastify sets on the servers it makes itself (a keep-alive longer than load balancers' idle timeout).
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}

/** The part of Fastify's resolved options a server factory is given and Fastify's own server applies. */
interface ServerOptions {
  http?: http.ServerOptions;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket: number;
}
