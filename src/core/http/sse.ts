import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Gauge, register } from 'prom-client';

export interface SseEvent {
  id?: string | number;
  event?: string;
  /** A string is sent as is (one `data:` line per line); anything else as JSON. */
  data: unknown;
}

export interface SseOptions {
  /** Defaults to the `Last-Event-ID` header, then `?lastEventId=`. */
  lastEventId?: string;
  /** Events after `afterId`, oldest first; runs only when the client names a last event id. */
  replay?: (afterId: string) => AsyncIterable<SseEvent>;
  /** Awaited before replay starts (e.g. `() => bus.ready()`), so no live event falls between replay and tail. */
  liveReady?: () => Promise<void>;
  heartbeatMs?: number;
  /** A client whose unsent backlog passes this is dropped; it reconnects and replays from its last id. */
  maxBufferedBytes?: number;
}

export interface SseStream {
  /** Sends now, or after the replay when one is running. Numeric ids never go backwards: older ones are skipped. */
  send(event: SseEvent): void;
  /** Runs once when the stream ends for any reason; at once if it already has. */
  onClose(callback: () => void): void;
  close(): void;
  readonly closed: boolean;
}

function gauge(name: string, help: string): Gauge {
  return (register.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help });
}

/** Open Server-Sent Events streams in this process. */
export const sseConnections = gauge('retaguarda_sse_connections', 'Open Server-Sent Events streams');
const openStreams = new Set<SseStream>();

export function openSseCount(): number {
  return openStreams.size;
}

/** Ends every open stream, for a graceful shutdown (an open stream would hold `server.close()` forever). */
export function closeAllSse(): void {
  for (const stream of [...openStreams]) stream.close();
}

export function readLastEventId(request: FastifyRequest): string | undefined {
  const header = request.headers['last-event-id'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader) return fromHeader;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.lastEventId === 'string' && query.lastEventId !== '' ? query.lastEventId : undefined;
}

const clean = (field: string) => field.replace(/[\r\n\0]/g, '');

export function formatSseEvent(event: SseEvent): string {
  let out = '';
  if (event.id !== undefined) out += `id: ${clean(String(event.id))}\n`;
  if (event.event) out += `event: ${clean(event.event)}\n`;
  const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  for (const line of data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

const numericId = (id: string | number | undefined): bigint | undefined =>
  id !== undefined && /^\d{1,30}$/.test(String(id)) ? BigInt(id) : undefined;

function waitDrainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Takes the reply over (Fastify 5 `hijack`) and streams events: optional replay after the client's last
 * id, then whatever `send` gets. Every timer and listener is released when the client goes away.
 */
export function openSse(request: FastifyRequest, reply: FastifyReply, options: SseOptions = {}): SseStream {
  const { heartbeatMs = 15_000, maxBufferedBytes = 4 * 1024 * 1024 } = options;
  const lastEventId = options.lastEventId ?? readLastEventId(request);
  const res = reply.raw;
  reply.hijack();
  res.writeHead(200, {
    // Headers hooks already set (CORS, request id) would be lost by the hijack.
    ...(reply.getHeaders() as OutgoingHttpHeaders),
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();

  let closed = false;
  let lastSent = numericId(lastEventId);
  let queued: SseEvent[] | null = null;
  const callbacks: Array<() => void> = [];

  /** Returns false when the socket's buffer is full, so the replay can wait instead of piling up. */
  function deliver(event: SseEvent): boolean {
    const id = numericId(event.id);
    if (closed || (id !== undefined && lastSent !== undefined && id <= lastSent)) return true;
    if (id !== undefined) lastSent = id;
    return write(formatSseEvent(event));
  }
  function write(chunk: string): boolean {
    if (closed) return true;
    const ok = res.write(chunk);
    if (res.writableLength > maxBufferedBytes) {
      res.destroy();
      // 'close' comes only on a later turn of the loop; stop accepting events now.
      cleanup();
    }
    return ok;
  }
  function cleanup(): void {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    res.off('close', cleanup);
    openStreams.delete(stream);
    sseConnections.dec();
    for (const callback of callbacks.splice(0)) {
      try {
        callback();
      } catch (err) {
        request.log.error({ err }, 'sse close callback failed');
      }
    }
  }

  const stream: SseStream = {
    send(event) {
      if (closed) return;
      if (queued) queued.push(event);
      else deliver(event);
    },
    onClose(callback) {
      if (closed) callback();
      else callbacks.push(callback);
    },
    close() {
      if (!closed) res.end();
      cleanup();
    },
    get closed() {
      return closed;
    },
  };

  const heartbeat = setInterval(() => write(': ping\n\n'), heartbeatMs);
  res.on('close', cleanup);
  openStreams.add(stream);
  sseConnections.inc();
  // The client may have left while the route was still working: its 'close' has already fired.
  if (res.destroyed || !res.socket || res.socket.destroyed) cleanup();

  const { replay } = options;
  if (replay && lastEventId !== undefined) {
    queued = [];
    void (async () => {
      // Yield first: the route subscribes to live events right after openSse returns.
      await new Promise((resolve) => setImmediate(resolve));
      await options.liveReady?.();
      for await (const event of replay(lastEventId)) {
        if (closed) break;
        if (!deliver(event)) await waitDrainOrClose(res);
      }
      const live = queued ?? [];
      queued = null;
      for (const event of live) deliver(event);
    })().catch((err: unknown) => {
      request.log.error({ err }, 'sse replay failed');
      res.destroy();
    });
  }
  return stream;
}
