import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';

/** Longest unrouted path kept in an access line; the rest is cut. */
const MAX_PATH = 200;
const INFO = 30;

type Internals = Record<symbol, unknown>;

/**
 * One line per answered request, at `info`: method, route template, status, duration, request id
 * and user id (`reqId`, as on the request's other lines). Its fields are fixed and carry nothing
 * secret (the route's template, never the query string or headers), so it is formatted here in one
 * string, in pino's layout (level, time, pid, hostname, msg), and handed to the service logger's
 * destination: no wildcard redaction and no object serialization on every request. Same
 * destination, so the lines stay in order with the others.
 */
export class AccessLogWriter {
  private readonly destination: DestinationStream;
  /** `,"pid":…,"hostname":"…"`, as pino writes them after the time. */
  private readonly bindings: string;

  constructor(service: Logger) {
    this.destination = (service as unknown as Internals)[pino.symbols.streamSym] as DestinationStream;
    this.bindings = (service as unknown as Internals)[pino.symbols.chindingsSym] as string;
  }

  write(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions.url ?? unroutedPath(request.url);
    const userId = request.principal?.userId;
    this.destination.write(
      `{"level":${INFO},"time":${Date.now()}${this.bindings},"reqId":${JSON.stringify(request.id)}` +
        `,"method":${JSON.stringify(request.method)},"route":${JSON.stringify(route)},"status":${reply.statusCode}` +
        `,"durationMs":${Math.round(reply.elapsedTime * 100) / 100},"userId":${userId === undefined ? 'null' : JSON.stringify(userId)}` +
        `,"msg":"requisição"}\n`,
    );
  }
}

function unroutedPath(url: string): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}

/**
 * Fastify's own log lines, with its per-request pair (incoming, completed) replaced by the access
 * line, written where Fastify already calls `requestCompleted`: no hook of our own on the request's
 * path. Its other lines (stream and serializer errors) keep their defaults, through the redacting
 * service logger. Below `info` there is no access line at all.
 */
export class AccessLogController extends LogController {
  private readonly access: AccessLogWriter | undefined;

  constructor(service: Logger) {
    super();
    this.access = service.isLevelEnabled('info') ? new AccessLogWriter(service) : undefined;
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ err: error }, 'resposta interrompida');
    this.access?.write(request, reply);
  }
}
