import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from '../../core/events/index.js';
import { unauthorized } from '../../core/http/errors.js';
import { openSse, type SseEvent, type SseStream } from '../../core/http/sse.js';
import { createWsHub, registerWsRoute, WS_MAX_PAYLOAD_BYTES, type WsPeer } from '../../core/http/ws.js';
import type { JobEventMap, JobQueue } from '../../core/jobs/index.js';
import { requestToken, type TokenCheck } from './rpa.access.js';
import { toClientView } from './rpa.events.js';
import { Feeds, jobUpdateMessage, sseEventFor, utcStamp, type FeedKind } from './rpa.feeds.js';
import { RPA_KINDS, operadoraOfKind } from './rpa.jobs.js';
import { Detail, EventsQuery } from './rpa.schemas.js';
import { jobNotFound, type RpaService } from './rpa.service.js';

export interface RealtimeOptions {
  events: EventBus<JobEventMap>;
  jobs: JobQueue;
  service: Pick<RpaService, 'find' | 'counts' | 'finishedCount'>;
  checkToken: TokenCheck;
  /** How often at most `system_status` is recomputed while jobs change. */
  systemStatusEveryMs?: number;
}

const INVALID_TOKEN = 'Token inválido ou expirado';

/**
 * The capability rule: a job id is enough to watch that one job; watching every job needs a valid
 * token. A token-holder may also name a job that does not exist yet.
 */
async function authorize(request: FastifyRequest, options: RealtimeOptions, jobId: string | undefined): Promise<void> {
  const token = requestToken(request);
  const valid = token !== undefined && (await options.checkToken(token));
  if (jobId === undefined) {
    if (!valid) throw unauthorized(INVALID_TOKEN);
    return;
  }
  if (!valid && !(await options.service.find(jobId))) throw jobNotFound(jobId);
}

async function* replay(options: RealtimeOptions, kind: FeedKind, jobId: string | undefined, afterId: string): AsyncIterable<SseEvent> {
  let last = Number(afterId);
  if (!Number.isSafeInteger(last) || last < 0) return;
  for (;;) {
    const batch = await options.jobs.eventsAfter(last, { jobId, kinds: RPA_KINDS, limit: 500 });
    for (const event of batch) {
      const view = toClientView(event);
      const sse = view && sseEventFor(kind, view);
      if (sse) yield sse;
    }
    if (batch.length < 500) return;
    last = batch[batch.length - 1].id;
  }
}

/** SSE `/events/logs` and `/events/status` and the WebSocket `/ws/notifications` of seed 001 §4.3. */
export async function rpaRealtimeRoutes(app: FastifyInstance, options: RealtimeOptions): Promise<void> {
  const { events, service } = options;
  const hub = createWsHub({ maxIncomingBytes: WS_MAX_PAYLOAD_BYTES, logger: app.log });
  const feeds = new Feeds(hub);

  async function systemStatus() {
    const [counts, done] = await Promise.all([service.counts(), service.finishedCount()]);
    return { type: 'system_status', jobs_pending: counts.pending, jobs_active: counts.running, jobs_done: done, timestamp: utcStamp(Date.now()) };
  }

  // Counting is a few queries: done at most once per interval, for every stream at once.
  let statusTimer: NodeJS.Timeout | undefined;
  const statusEveryMs = options.systemStatusEveryMs ?? 2_000;
  function scheduleSystemStatus(): void {
    if (statusTimer || feeds.allLogStreams().length === 0) return;
    statusTimer = setTimeout(() => {
      systemStatus()
        .then((data) => feeds.allLogStreams().forEach((stream) => stream.send({ data })))
        .catch((err: unknown) => app.log.warn({ err }, 'Falha ao calcular o system_status RPA'))
        .finally(() => (statusTimer = undefined));
    }, statusEveryMs);
    statusTimer.unref();
  }

  const unsubscribe = events.subscribe('job.event', (event) => {
    const view = toClientView(event);
    if (!view) return;
    feeds.deliver(view);
    if (event.type === 'status') scheduleSystemStatus();
  });
  app.addHook('onClose', async () => {
    unsubscribe();
    clearTimeout(statusTimer);
    hub.close();
  });

  /** Opens the stream, sends `first`, then joins the live feed (replay after Last-Event-ID comes in between). */
  async function openFeed(kind: FeedKind, request: FastifyRequest, reply: FastifyReply, first: SseEvent[]): Promise<SseStream> {
    const { job_id: jobId } = request.query as EventsQuery;
    await authorize(request, options, jobId);
    const stream = openSse(request, reply, {
      replay: (afterId) => replay(options, kind, jobId, afterId),
      liveReady: () => events.ready(),
    });
    first.forEach((event) => stream.send(event));
    feeds.add(kind, stream, jobId);
    return stream;
  }

  const connected = (message: string): SseEvent => ({ data: { type: 'connection', message, timestamp: utcStamp(Date.now()) } });
  const sseSchema = { querystring: EventsQuery, response: { 401: Detail, 404: Detail } };

  app.get('/events/logs', { config: { public: true }, schema: { ...sseSchema, summary: 'Logs dos robôs em tempo real (SSE)' } }, async (request, reply) => {
    const stream = await openFeed('logs', request, reply, [connected('Conectado ao sistema de logs RPA em tempo real')]);
    stream.send({ data: await systemStatus() });
  });

  app.get('/events/status', { config: { public: true }, schema: { ...sseSchema, summary: 'Status dos jobs em tempo real (SSE)' } }, async (request, reply) => {
    const { job_id: jobId } = request.query as EventsQuery;
    const first = [connected('Conectado ao status dos jobs RPA em tempo real')];
    // The state at connection (no id: replay and live events carry theirs), read before joining the feed.
    const job = jobId === undefined ? undefined : await service.find(jobId);
    if (job) {
      const snapshot = jobUpdateMessage({ jobId: job.id, operadora: operadoraOfKind(job.kind) ?? job.kind }, job);
      first.push({ data: { ...snapshot, timestamp: utcStamp(job.updatedAt) } });
    }
    await openFeed('status', request, reply, first);
  });

  // Public at the route level, like the SSE feeds: a job id is the capability, a token widens it.
  registerWsRoute(app, '/ws/notifications', {
    config: { public: true },
    schema: { tags: ['rpa'], summary: 'Notificações dos jobs (WebSocket, seed 001 §4.3.2)' },
    handler: (socket, request) => {
      const token = requestToken(request);
      // Started now, awaited at the first subscription: the seed's client subscribes as soon as it opens.
      const privileged = token ? options.checkToken(token).catch(() => false) : Promise.resolve(false);
      const peer: WsPeer = hub.add(socket, {
        async canSubscribe(topic) {
          const job = await service.find(topic);
          if (!job && !(await privileged)) return false;
          // The state at subscription, so a client that subscribes late is not left waiting.
          if (job) peer.send(jobUpdateMessage({ jobId: job.id, operadora: operadoraOfKind(job.kind) ?? job.kind }, job));
          return true;
        },
      });
    },
  });
}
