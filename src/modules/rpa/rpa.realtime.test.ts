import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { testDialects } from '../../core/testing/test-database.js';
import { OI_EXAMPLE, readSse, startRpa, type RpaHarness } from './rpa.test-support.js';

const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const NO_JOB = '01234567-89ab-7def-8123-456789abcdef';

interface Peer {
  messages: any[];
  send(message: object): void;
  next(match: (m: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): void;
}

async function connect(url: string): Promise<Peer> {
  const socket = new WebSocket(url);
  const messages: any[] = [];
  socket.on('message', (raw) => messages.push(JSON.parse(String(raw))));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return {
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    async next(match, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`mensagem não chegou; recebidas: ${JSON.stringify(messages)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => socket.close(),
  };
}

for (const dialect of testDialects()) {
  describe(`rpa: realtime feeds and the capability rule (${dialect})`, () => {
    let h: RpaHarness;
    let base: string;
    before(async () => {
      h = await startRpa(dialect);
      await h.t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = h.t.app.server.address() as { port: number };
      base = `127.0.0.1:${address.port}`;
    });
    after(() => h.close());

    /** A job that starts a moment from now, so a watcher can be there before its first event. */
    // Starts later than a loaded CI machine needs to connect and subscribe, so the first snapshot is PENDING.
    const soonJob = async (filtro: string) =>
      (await h.t.runtime.core.jobs.enqueue('rpa.OI', { operadora: 'OI', ...OI_EXAMPLE, filtro }, { runAt: Date.now() + 2000 })).id;

    it('/events/logs without job_id: 401 without a token, the stream with one', async () => {
      await assert.rejects(readSse(`http://${base}/events/logs`), (error: any) => {
        assert.equal(error.status, 401);
        assert.deepEqual(error.body, { detail: 'Token inválido ou expirado' });
        return true;
      });
      await assert.rejects(readSse(`http://${base}/events/logs?token=invalido`), (error: any) => error.status === 401);
      const sse = await readSse(`http://${base}/events/logs?token=${h.token}`);
      const hello = await sse.next((e) => e.data.type === 'connection');
      assert.deepEqual(hello.data, { type: 'connection', message: 'Conectado ao sistema de logs RPA em tempo real', timestamp: hello.data.timestamp });
      assert.match(hello.data.timestamp, UTC);
      const status = await sse.next((e) => e.data.type === 'system_status');
      assert.deepEqual(Object.keys(status.data).sort(), ['jobs_active', 'jobs_done', 'jobs_pending', 'timestamp', 'type']);
      const created = await h.call('POST', '/executar/VIVO', { ...OI_EXAMPLE, filtro: 'sse-all' });
      const id = created.body.job_id;
      const first = await sse.next((e) => e.data.type === 'log' && e.data.job_id === id);
      assert.deepEqual(first.data, {
        type: 'log',
        level: 'INFO',
        message: 'Iniciando processamento da operadora VIVO',
        operadora: 'VIVO',
        job_id: id,
        timestamp: first.data.timestamp,
        service: 'rpa-api',
        logger: 'rpa.VIVO',
      });
      assert.match(first.data.timestamp, UTC);
      assert.ok(Number(first.id) > 0, 'log events carry the event id for Last-Event-ID');
      const end = await sse.next((e) => e.data.level === 'WARN' && e.data.job_id === id);
      assert.equal(end.data.message, `Job ${id} concluído com status FAILED`);
      await sse.next((e) => e.data.type === 'system_status' && e.data.jobs_done >= 1);
      sse.close();
    });

    it('/events/logs?job_id=: a job id is enough (capability); an unknown id needs a token', async () => {
      const id = await soonJob('sse-one');
      const other = await soonJob('sse-other');
      const sse = await readSse(`http://${base}/events/logs?job_id=${id}`);
      await sse.next((e) => e.data.type === 'connection');
      const end = await sse.next((e) => e.data.level === 'WARN');
      assert.equal(end.data.message, `Job ${id} concluído com status FAILED`);
      await h.waitFor(other);
      assert.ok(sse.events.every((e) => e.data.type !== 'log' || e.data.job_id === id), 'only the named job');
      sse.close();

      const replay = await readSse(`http://${base}/events/logs?job_id=${id}`, { 'last-event-id': '0' });
      const replayed = await replay.next((e) => e.data.level === 'WARN');
      assert.equal(replayed.id, end.id);
      replay.close();

      await assert.rejects(readSse(`http://${base}/events/logs?job_id=${NO_JOB}`), (error: any) => {
        assert.equal(error.status, 404);
        assert.deepEqual(error.body, { detail: `Job '${NO_JOB}' não encontrado` });
        return true;
      });
      const withToken = await readSse(`http://${base}/events/logs?job_id=${NO_JOB}`, { authorization: `Bearer ${h.token}` });
      await withToken.next((e) => e.data.type === 'connection');
      withToken.close();
    });

    it('/events/status: the same rule; the current state first, then every change', async () => {
      await assert.rejects(readSse(`http://${base}/events/status`), (error: any) => error.status === 401);
      const id = await soonJob('sse-status');
      const sse = await readSse(`http://${base}/events/status?job_id=${id}`);
      const snapshot = await sse.next((e) => e.data.type === 'job_update');
      assert.deepEqual(snapshot.data, { type: 'job_update', job_id: id, data: { status: 'PENDING', progress: 0, operadora: 'OI' }, timestamp: snapshot.data.timestamp });
      await sse.next((e) => e.data.data?.status === 'RUNNING');
      const end = await sse.next((e) => e.data.data?.status === 'FAILED');
      assert.equal(end.data.job_id, id);
      sse.close();
      const all = await readSse(`http://${base}/events/status?token=${h.token}`);
      await all.next((e) => e.data.type === 'connection');
      all.close();
    });

    it('/ws/notifications without a token: existing jobs only, with the seed messages', async () => {
      const id = await soonJob('ws-anon');
      const peer = await connect(`ws://${base}/ws/notifications`);
      peer.send({ action: 'subscribe', job_id: NO_JOB });
      const refused = await peer.next((m) => m.type === 'error');
      assert.equal(refused.topic, NO_JOB);
      peer.send({ action: 'subscribe', job_id: id });
      const snapshot = await peer.next((m) => m.type === 'job_update');
      // The snapshot is the job's state at subscription; on a slow machine it may already have started.
      assert.deepEqual(snapshot, { type: 'job_update', job_id: id, data: { status: snapshot.data.status, progress: snapshot.data.progress, operadora: 'OI' } });
      assert.ok(['PENDING', 'RUNNING'].includes(snapshot.data.status));
      if (snapshot.data.status === 'PENDING') {
        const log = await peer.next((m) => m.type === 'log');
        assert.deepEqual(log, { type: 'log', job_id: id, level: 'INFO', message: 'Iniciando processamento da operadora OI' });
        await peer.next((m) => m.type === 'job_update' && m.data.status === 'RUNNING' && m.data.progress === 30);
      }
      await peer.next((m) => m.type === 'job_update' && m.data.status === 'FAILED');
      await peer.next((m) => m.type === 'log' && m.level === 'WARN' && m.message === `Job ${id} concluído com status FAILED`);
      peer.close();
    });

    it('/ws/notifications with a token (query or header): any job id, even one not created yet', async () => {
      for (const [url, label] of [[`ws://${base}/ws/notifications?token=${h.token}`, 'query'], [`ws://${base}/ws/notifications?token=invalido`, 'invalid']]) {
        const peer = await connect(url);
        peer.send({ action: 'subscribe', job_id: NO_JOB });
        if (label === 'invalid') {
          await peer.next((m) => m.type === 'error' && m.topic === NO_JOB);
        } else {
          await new Promise((r) => setTimeout(r, 200));
          assert.deepEqual(peer.messages, [], label);
        }
        peer.close();
      }
      const socket = new WebSocket(`ws://${base}/ws/notifications`, { headers: { authorization: `Bearer ${h.token}` } });
      const messages: any[] = [];
      socket.on('message', (raw) => messages.push(JSON.parse(String(raw))));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ action: 'subscribe', job_id: NO_JOB }));
      socket.send(JSON.stringify({ type: 'ping' }));
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(messages, [{ type: 'pong' }]);
      socket.close();
    });
  });
}
