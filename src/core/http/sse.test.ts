import assert from 'node:assert/strict';
import http, { type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { register } from 'prom-client';
import { createLocalEventBus } from '../events/local-event-bus.js';
import { closeAllSse, formatSseEvent, openSse, openSseCount, type SseStream } from './sse.js';

interface LogLine {
  id: number;
  message: string;
}
interface Events {
  'log.appended': LogLine;
}

interface Received {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** A minimal EventSource over a real socket: parses frames as they arrive and hands them out in order. */
class SseClient {
  private buffer = '';
  private frames: Received[] = [];
  private waiters: Array<() => void> = [];
  ended = false;
  constructor(
    readonly response: IncomingMessage,
    private readonly request: http.ClientRequest,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.push(chunk));
    response.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false });
      request.on('response', (response) => resolve(new SseClient(response, request)));
      request.on('error', reject);
    });
  }
  private push(chunk: string): void {
    this.buffer += chunk;
    let end;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const frame: Received = {};
      for (const line of this.buffer.slice(0, end).split('\n')) {
        if (line.startsWith(':')) frame.comment = line.slice(1).trim();
        const match = /^(id|event|data): ?(.*)$/.exec(line);
        if (match) {
          const field = match[1] as 'id' | 'event' | 'data';
          frame[field] = field === 'data' && frame.data !== undefined ? `${frame.data}\n${match[2]}` : match[2];
        }
      }
      this.buffer = this.buffer.slice(end + 2);
      this.frames.push(frame);
    }
    this.wake();
  }
  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
  /** The next frame that is an event (heartbeat comments skipped unless asked for). */
  async next(includeComments = false): Promise<Received> {
    for (;;) {
      const index = this.frames.findIndex((f) => includeComments || f.comment === undefined);
      if (index >= 0) return this.frames.splice(index, 1)[0];
      if (this.ended) throw new Error('stream ended');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
  async ids(count: number): Promise<string[]> {
    const ids: string[] = [];
    while (ids.length < count) ids.push((await this.next()).id ?? '?');
    return ids;
  }
  close(): void {
    this.request.destroy();
  }
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), `timed out waiting until ${what}`);
}

async function gaugeValue(): Promise<number> {
  const metric = await register.getSingleMetric('retaguarda_sse_connections')!.get();
  return metric.values[0]?.value ?? 0;
}

describe('formatSseEvent', () => {
  it('writes id, event and one data line per line, and keeps fields on one line', () => {
    assert.equal(formatSseEvent({ id: 7, event: 'log', data: 'a\nb' }), 'id: 7\nevent: log\ndata: a\ndata: b\n\n');
    assert.equal(formatSseEvent({ data: { x: 1 } }), 'data: {"x":1}\n\n');
    assert.equal(formatSseEvent({ id: '1\n2', event: 'a\rb', data: '' }), 'id: 12\nevent: ab\ndata: \n\n');
  });
});

describe('openSse with a real server', () => {
  const bus = createLocalEventBus<Events>();
  const lines: LogLine[] = [];
  const streams = new Set<SseStream>();
  let replayGate: Promise<void> | undefined;
  let lateGate: Promise<void> | undefined;
  let lateOpened = false;
  let app: FastifyInstance;
  let base: string;

  async function append(message: string): Promise<void> {
    const line = { id: lines.length + 1, message };
    lines.push(line);
    await bus.publish('log.appended', line);
  }

  before(async () => {
    app = Fastify();
    app.get<{ Querystring: { lastEventId?: string; heartbeatMs?: string; maxBufferedBytes?: string } }>(
      '/logs',
      async (request, reply) => {
        const sse = openSse(request, reply, {
          heartbeatMs: Number(request.query.heartbeatMs ?? 15_000),
          maxBufferedBytes: request.query.maxBufferedBytes ? Number(request.query.maxBufferedBytes) : undefined,
          liveReady: () => bus.ready(),
          // Reads the log lazily, as a database cursor would: lines appended meanwhile show up too.
          replay: async function* (afterId) {
            for (let i = Number(afterId); i < lines.length; i++) {
              if (replayGate) await replayGate;
              yield { id: lines[i].id, event: 'log', data: lines[i] };
            }
          },
        });
        streams.add(sse);
        sse.onClose(() => streams.delete(sse));
        sse.onClose(bus.subscribe('log.appended', (line) => sse.send({ id: line.id, event: 'log', data: line })));
        return reply;
      },
    );
    app.get('/late', async (request, reply) => {
      await lateGate;
      const sse = openSse(request, reply);
      sse.onClose(bus.subscribe('log.appended', (line) => sse.send({ id: line.id, data: line })));
      lateOpened = true;
      return reply;
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  after(async () => {
    closeAllSse();
    await app.close();
    await bus.close();
  });

  it('sets the streaming headers and sends heartbeats', async () => {
    const client = await SseClient.open(`${base}/logs?heartbeatMs=20`);
    assert.equal(client.response.statusCode, 200);
    assert.equal(client.response.headers['content-type'], 'text/event-stream');
    assert.equal(client.response.headers['cache-control'], 'no-cache');
    assert.equal(client.response.headers.connection, 'keep-alive');
    assert.equal(client.response.headers['x-accel-buffering'], 'no');
    assert.deepEqual(await client.next(true), { comment: 'ping' });
    client.close();
  });

  it('gives a reconnecting client exactly the missed events, then live ones', async () => {
    const first = await SseClient.open(`${base}/logs`);
    await waitUntil(() => bus.listenerCount('log.appended') === 1, 'the first client subscribed');
    await append('um');
    await append('dois');
    await append('três');
    const seen = await first.ids(3);
    assert.deepEqual(seen, ['1', '2', '3']);
    first.close();
    await waitUntil(() => bus.listenerCount('log.appended') === 0, 'the first client left');

    await append('quatro');
    await append('cinco');
    await append('seis');
    const again = await SseClient.open(`${base}/logs`, { 'Last-Event-ID': '3' });
    assert.deepEqual(await again.ids(3), ['4', '5', '6']);
    await append('sete');
    const live = await again.next();
    assert.equal(live.id, '7');
    assert.equal(live.event, 'log');
    assert.deepEqual(JSON.parse(live.data!), { id: 7, message: 'sete' });
    again.close();

    const byQuery = await SseClient.open(`${base}/logs?lastEventId=5`);
    assert.deepEqual(await byQuery.ids(2), ['6', '7']);
    byQuery.close();
  });

  it('never repeats an event published live while the replay is still running', async () => {
    let release!: () => void;
    replayGate = new Promise((resolve) => (release = resolve));
    const from = lines.length;
    await append('replay a');
    await append('replay b');
    const client = await SseClient.open(`${base}/logs`, { 'Last-Event-ID': String(from) });
    await waitUntil(() => bus.listenerCount('log.appended') === 1, 'the client subscribed');
    // Published while the replay waits: it reaches the client through the replay and through the bus.
    await append('durante o replay');
    replayGate = undefined;
    release();
    assert.deepEqual(await client.ids(3), [from + 1, from + 2, from + 3].map(String));
    await append('depois');
    assert.equal((await client.next()).id, String(from + 4));
    client.close();
  });

  it('drops a client that stops reading once its backlog passes the bound', async () => {
    const client = await SseClient.open(`${base}/logs?maxBufferedBytes=65536`);
    await waitUntil(() => streams.size === 1, 'the stream opened');
    const [stream] = streams;
    client.response.pause();
    const big = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 2000 && !stream.closed; i++) await append(big);
    assert.ok(stream.closed, 'the slow client was not dropped');
    client.close();
  });

  it('leaves no listener, timer or stream behind after 1,000 connections open and close', async () => {
    await waitUntil(() => openSseCount() === 0, 'earlier streams closed');
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const gaugeBefore = await gaugeValue();
    for (let batch = 0; batch < 20; batch++) {
      const clients = await Promise.all(Array.from({ length: 50 }, () => SseClient.open(`${base}/logs?heartbeatMs=60000`)));
      await waitUntil(() => bus.listenerCount('log.appended') === 50, 'a batch subscribed');
      assert.equal(openSseCount(), 50);
      assert.equal(await gaugeValue(), gaugeBefore + 50);
      clients.forEach((c) => c.close());
      await waitUntil(() => openSseCount() === 0, 'a batch closed');
    }
    assert.equal(bus.listenerCount(), 0);
    assert.equal(streams.size, 0);
    assert.equal(await gaugeValue(), gaugeBefore);
    const timersAfter = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    assert.ok(timersAfter - timersBefore < 10, `timers grew from ${timersBefore} to ${timersAfter}`);
  });

  it('releases everything when the client left before the stream opened', async () => {
    let release!: () => void;
    lateGate = new Promise((resolve) => (release = resolve));
    lateOpened = false;
    const arrived = new Promise<IncomingMessage>((resolve) => app.server.once('request', resolve));
    const request = http.get(`${base}/late`, { agent: false });
    request.on('error', () => undefined);
    const serverSide = await arrived;
    const left = new Promise((resolve) => serverSide.socket.once('close', resolve));
    request.destroy();
    await left;
    const gaugeBefore = await gaugeValue();
    release();
    await waitUntil(() => lateOpened, 'the route opened its stream');
    assert.equal(openSseCount(), 0);
    assert.equal(bus.listenerCount(), 0);
    assert.equal(await gaugeValue(), gaugeBefore);
    lateGate = undefined;
  });

  it('closeAllSse ends every open stream', async () => {
    const client = await SseClient.open(`${base}/logs`);
    await waitUntil(() => openSseCount() === 1, 'the stream opened');
    closeAllSse();
    await waitUntil(() => client.ended, 'the client saw the end');
    assert.equal(openSseCount(), 0);
    assert.equal(bus.listenerCount(), 0);
  });
});
