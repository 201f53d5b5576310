import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { register } from 'prom-client';
import WebSocket from 'ws';
import { createWsHub, type WsHub, type WsHubOptions } from './ws.js';

/** The most a loopback connection's kernel buffers may hold (receive + send maxima; autotuning grows to them). */
function kernelSocketBufferBytes(): number {
  const max = (file: string) => Number(fs.readFileSync(file, 'utf8').trim().split(/\s+/).at(-1));
  try {
    return max('/proc/sys/net/ipv4/tcp_rmem') + max('/proc/sys/net/ipv4/tcp_wmem');
  } catch {
    return 16 * 1024 * 1024;
  }
}

/** A `ws` client that queues what it receives, so tests await messages instead of sleeping. */
class Client {
  readonly messages: unknown[] = [];
  private waiters: Array<() => void> = [];
  closed = false;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()));
      this.wake();
    });
    ws.on('close', () => {
      this.closed = true;
      this.wake();
    });
    ws.on('error', () => undefined);
  }
  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new Client(ws);
  }
  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
  async next(): Promise<unknown> {
    while (this.messages.length === 0) {
      if (this.closed) throw new Error('closed');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.messages.shift();
  }
  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }
  /** Ping round trip: everything the server sent before the pong has arrived by then. */
  async sync(): Promise<unknown[]> {
    this.send({ type: 'ping' });
    const before: unknown[] = [];
    for (;;) {
      const m = await this.next();
      if ((m as { type?: string }).type === 'pong') return before;
      before.push(m);
    }
  }
  /** Stops reading from the socket, as a client on a dead network or a frozen tab would. */
  pause(): void {
    (this.ws as unknown as { _socket: Socket })._socket.pause();
  }
  resume(): void {
    (this.ws as unknown as { _socket: Socket })._socket.resume();
  }
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), `timed out waiting until ${what}`);
}

async function metricValue(name: string, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await register.getSingleMetric(name)!.get();
  const hit = values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val));
  return hit?.value ?? 0;
}

async function startServer(options: WsHubOptions): Promise<{ app: FastifyInstance; hub: WsHub; url: string }> {
  const hub = createWsHub(options);
  const app = Fastify();
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.get('/ws', { websocket: true }, (socket) => {
    hub.add(socket, {
      canSubscribe: (topic) => topic !== 'proibido',
      onMessage: (message, peer) => peer.send({ type: 'echo', message }),
    });
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, hub, url: `${base.replace('http', 'ws')}/ws` };
}

describe('WebSocket hub protocol', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer({});
  });
  after(async () => {
    server.hub.close();
    await server.app.close();
  });

  it('answers ping with pong, and refuses what is not a JSON object', async () => {
    const client = await Client.open(server.url);
    client.send({ type: 'ping' });
    assert.deepEqual(await client.next(), { type: 'pong' });
    client.ws.send('{não é json');
    assert.deepEqual(await client.next(), { type: 'error', message: 'Mensagem inválida' });
    client.ws.send('[1,2]');
    assert.deepEqual(await client.next(), { type: 'error', message: 'Mensagem inválida' });
    client.send({ type: 'outra coisa' });
    assert.deepEqual(await client.next(), { type: 'echo', message: { type: 'outra coisa' } });
    client.ws.close();
  });

  it('routes a topic only to its subscribers, until they unsubscribe', async () => {
    const a = await Client.open(server.url);
    const b = await Client.open(server.url);
    a.send({ action: 'subscribe', job_id: 'job-1' });
    b.send({ action: 'subscribe', topic: 'job-2' });
    await waitUntil(() => server.hub.subscriberCount('job-1') === 1 && server.hub.subscriberCount('job-2') === 1, 'subscribed');
    assert.equal(server.hub.publish('job-1', { type: 'job_update', job_id: 'job-1', data: { progress: 75 } }), 1);
    assert.deepEqual(await a.sync(), [{ type: 'job_update', job_id: 'job-1', data: { progress: 75 } }]);
    assert.deepEqual(await b.sync(), []);

    a.send({ action: 'unsubscribe', job_id: 'job-1' });
    await waitUntil(() => server.hub.subscriberCount('job-1') === 0, 'unsubscribed');
    assert.equal(server.hub.publish('job-1', { type: 'log', job_id: 'job-1' }), 0);
    server.hub.publish('job-2', { type: 'log', job_id: 'job-2' });
    assert.deepEqual(await a.sync(), []);
    assert.deepEqual(await b.sync(), [{ type: 'log', job_id: 'job-2' }]);

    a.send({ action: 'subscribe', job_id: 'proibido' });
    assert.deepEqual(await a.next(), { type: 'error', message: 'Inscrição recusada', topic: 'proibido' });
    a.ws.close();
    b.ws.close();
    await waitUntil(() => server.hub.size === 0 && server.hub.subscriberCount('job-2') === 0, 'peers released');
  });

  it('counts connections in retaguarda_ws_connections', async () => {
    const before = await metricValue('retaguarda_ws_connections');
    const client = await Client.open(server.url);
    await waitUntil(() => server.hub.size === 1, 'connected');
    assert.equal(await metricValue('retaguarda_ws_connections'), before + 1);
    client.ws.close();
    await waitUntil(() => server.hub.size === 0, 'disconnected');
    assert.equal(await metricValue('retaguarda_ws_connections'), before);
  });
});

describe('WebSocket hub liveness and backpressure', () => {
  const softLimitBytes = 64 * 1024;
  const hardLimitBytes = 512 * 1024;
  const payload = 'x'.repeat(8 * 1024);

  it('terminates a peer that stops answering pings', async () => {
    const { app, hub, url } = await startServer({ pingIntervalMs: 50 });
    try {
      const dead = await metricValue('retaguarda_ws_dropped_total', { reason: 'dead' });
      const alive = await Client.open(url);
      const frozen = await Client.open(url);
      await waitUntil(() => hub.size === 2, 'connected');
      frozen.pause();
      await waitUntil(() => hub.size === 1, 'the frozen peer was dropped');
      assert.equal(await metricValue('retaguarda_ws_dropped_total', { reason: 'dead' }), dead + 1);
      assert.deepEqual(await alive.sync(), []);
      alive.ws.close();
    } finally {
      hub.close();
      await app.close();
    }
  });

  it('bounds what a client that stops reading can make the server hold, then drops it', async () => {
    const { app, hub, url } = await startServer({ softLimitBytes, hardLimitBytes, closeGraceMs: 100 });
    try {
      const slow = await metricValue('retaguarda_ws_dropped_total', { reason: 'slow' });
      const client = await Client.open(url);
      client.send({ action: 'subscribe', topic: 'flood' });
      await waitUntil(() => hub.subscriberCount('flood') === 1, 'subscribed');
      client.pause();
      let maxRetained = 0;
      let sent = 0;
      // Twice what the kernel's socket buffers can absorb on this machine, so the hub's bound has to act.
      const flood = Math.ceil((2 * kernelSocketBufferBytes()) / payload.length);
      for (; sent < flood && hub.subscriberCount('flood') === 1; sent++) {
        hub.publish('flood', { type: 'log', seq: sent, message: payload });
        maxRetained = Math.max(maxRetained, hub.retainedBytes());
        if (sent % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      assert.ok(maxRetained <= hardLimitBytes + 2 * payload.length, `held ${maxRetained} bytes`);
      await waitUntil(() => hub.size === 0, 'the slow peer was dropped');
      assert.equal(await metricValue('retaguarda_ws_dropped_total', { reason: 'slow' }), slow + 1);
      assert.ok(sent < flood, 'the peer stayed subscribed through the whole flood');
      client.resume();
      await waitUntil(() => client.closed, 'the client saw the connection end');
    } finally {
      hub.close();
      await app.close();
    }
  });

  it('keeps only the latest message per coalescing key while a client is congested', async () => {
    const { app, hub, url } = await startServer({ softLimitBytes, hardLimitBytes });
    try {
      const client = await Client.open(url);
      client.send({ action: 'subscribe', job_id: 'job-1' });
      await waitUntil(() => hub.subscriberCount('job-1') === 1, 'subscribed');
      client.pause();
      const total = 5000;
      let maxRetained = 0;
      for (let seq = 0; seq < total; seq++) {
        hub.publish('job-1', { type: 'job_update', job_id: 'job-1', seq, message: payload }, 'job-1');
        maxRetained = Math.max(maxRetained, hub.retainedBytes());
        if (seq % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      assert.ok(maxRetained <= softLimitBytes + 2 * (payload.length + 100), `held ${maxRetained} bytes`);
      assert.equal(hub.size, 1, 'a coalescing peer must not be dropped');
      client.resume();
      const seqs: number[] = [];
      while (seqs.at(-1) !== total - 1) seqs.push((await client.next() as { seq: number }).seq);
      assert.ok(seqs.length < total, 'nothing was coalesced');
      assert.ok(seqs.every((s, i) => i === 0 || s > seqs[i - 1]), 'updates arrived out of order');
      assert.deepEqual(await client.sync(), []);
      client.ws.close();
    } finally {
      hub.close();
      await app.close();
    }
  });
});
