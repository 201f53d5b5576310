import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { connectWs, refusedWith, startAtendimento, waitFor, type AtendimentoHarness } from './atendimento.test-support.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Seed 002's README, replayed literally: its curl examples, its WebSocket examples and event lists, its error envelope.
for (const dialect of testDialects()) {
  for (const fast of [false, true]) {
    describe(`atendimento: seed 002 contract, WhatsApp stub ${fast ? 'fast' : 'with 100 ms steps'} (${dialect})`, () => {
      let h: AtendimentoHarness;
      let access: string;
      before(async () => {
        h = await startAtendimento(dialect, fast ? { WHATSAPP_STUB_FAST: '1' } : {});
        // The seed's example credentials, `admin`/`admin`: a login name, not an e-mail.
        await h.t.runtime.services.users.create({ nome_completo: 'Admin', email: 'admin@dxconnect.local', username: 'admin', perfil: 'ADMINISTRADOR', password: 'admin' });
      });
      after(() => h.close());

      it('curl /api/v1/health/ and the token pair for {"username":"admin","password":"admin"}', async () => {
        const health = await h.as(undefined, { method: 'GET', url: '/api/v1/health/' });
        assert.equal(health.statusCode, 200);
        assert.equal(health.json().status, 'ok');
        const res = await h.as(undefined, { method: 'POST', url: '/api/v1/auth/token/', headers: { 'content-type': 'application/json' }, payload: '{"username":"admin","password":"admin"}' });
        assert.equal(res.statusCode, 200);
        assert.deepEqual(Object.keys(res.json()).sort(), ['access', 'refresh']);
        access = res.json().access;
        const refreshed = await h.as(undefined, { method: 'POST', url: '/api/v1/auth/refresh/', payload: { refresh: res.json().refresh } });
        assert.equal(refreshed.statusCode, 200);
        assert.equal(typeof refreshed.json().access, 'string');
        const me = await h.as(access, { method: 'GET', url: '/api/v1/me/' });
        assert.equal(me.statusCode, 200);
        assert.equal(me.json().username, 'admin');
        assert.equal(me.json().email, 'admin@dxconnect.local');
        assert.equal(me.json().display_name, 'Admin');
        assert.ok(me.json().id);
      });

      it('ws /ws/echo/?token=: {"type":"ping"} → {"type":"pong"}, anything else echoed; refused without a valid token', async () => {
        const ws = await connectWs(`ws://${h.base}/ws/echo/?token=${access}`);
        ws.send({ type: 'ping' });
        assert.deepEqual(await ws.next((m) => m.type === 'pong'), { type: 'pong' });
        ws.send({ hello: 'mundo', n: 1 });
        assert.deepEqual(await ws.next((m) => m.echo), { echo: { hello: 'mundo', n: 1 } });
        ws.close();
        assert.equal(await refusedWith(`ws://${h.base}/ws/echo/`), 401);
        assert.equal(await refusedWith(`ws://${h.base}/ws/echo/?token=garbage`), 401);
        assert.equal(await refusedWith(`ws://${h.base}/ws/whatsapp/?token=garbage`), 401);
      });

      it('start → 202 {status}, events connecting → qrcode (image_b64) → authenticated → ready over the WebSocket, status 200 {status}', async () => {
        const ws = await connectWs(`ws://${h.base}/ws/whatsapp/?token=${access}`);
        ws.send({ type: 'ping' });
        await ws.next((m) => m.type === 'pong');
        const started = await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/session/start' });
        assert.equal(started.statusCode, 202);
        assert.deepEqual(started.json(), { status: 'connecting' });
        await ws.next((m) => m.type === 'session_status' && m.status === 'ready');
        const events = ws.messages.filter((m) => m.type === 'session_status' || m.type === 'qrcode');
        assert.deepEqual(
          events.map((m) => (m.type === 'qrcode' ? `qrcode:${m.image_b64}` : m.status)),
          ['connecting', 'qrcode', 'qrcode:c3R1Yi1xcg==', 'authenticated', 'ready'],
        );
        for (const event of events) {
          assert.match(event.ts, ISO_UTC);
          assert.deepEqual(Object.keys(event).sort(), event.type === 'qrcode' ? ['image_b64', 'ts', 'type'] : ['status', 'ts', 'type']);
        }
        // Server-side stamps: the client shares this process, so arrival times say little.
        const at = (status: string) => Date.parse(events.find((m) => m.type === 'session_status' && m.status === status).ts);
        const steps = [at('qrcode') - at('connecting'), at('authenticated') - at('qrcode'), at('ready') - at('authenticated')];
        // Fast mode skips the three 100 ms waits; the bound only tells it from slow mode, so a loaded
        // machine cannot fail it.
        if (fast) assert.ok(at('ready') - at('connecting') < 300, `fast steps took ${steps.join(', ')} ms`);
        else assert.ok(at('ready') - at('connecting') >= 250, `three 100 ms steps took ${steps.join(', ')} ms`);
        const status = await h.as(access, { method: 'GET', url: '/api/v1/whatsapp/session/status' });
        assert.deepEqual([status.statusCode, status.json()], [200, { status: 'ready' }]);
        // Starting an active session answers its state and emits nothing.
        const again = await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/session/start/' });
        assert.deepEqual([again.statusCode, again.json()], [202, { status: 'ready' }]);
        ws.close();
      });

      it('POST /api/v1/whatsapp/messages {"to":"5599999999999","type":"text","text":"Olá"} → 202 {message_id}; queued → sent → delivered → read', async () => {
        const ws = await connectWs(`ws://${h.base}/ws/whatsapp/?token=${access}`);
        ws.send({ type: 'ping' });
        await ws.next((m) => m.type === 'pong');
        const res = await h.as(access, {
          method: 'POST', url: '/api/v1/whatsapp/messages', headers: { 'content-type': 'application/json' },
          payload: '{"to":"5599999999999","type":"text","text":"Olá"}',
        });
        assert.equal(res.statusCode, 202);
        const { message_id: id } = res.json();
        assert.match(id, /^[0-9a-f-]{36}$/);
        await ws.next((m) => m.type === 'message_status' && m.message_id === id && m.status === 'read');
        const statuses = ws.messages.filter((m) => m.type === 'message_status' && m.message_id === id);
        assert.deepEqual(statuses.map((m) => m.status), ['queued', 'sent', 'delivered', 'read']);
        for (const event of statuses) assert.deepEqual(Object.keys(event).sort(), ['message_id', 'status', 'ts', 'type']);
        const ms = statuses.map((m) => Date.parse(m.ts));
        // A stamp taken late shortens the next gap, so only the whole span is bounded below.
        assert.ok(ms[3]! - ms[0]! >= 100, `status steps ${ms.map((t) => t - ms[0]!).join(', ')}`);
        const row = await h.t.runtime.database.db
          .withTables<import('./atendimento.tables.js').AtendimentoTables>()
          .selectFrom('atendimento_wa_messages').selectAll().where('message_id', '=', id).executeTakeFirstOrThrow();
        assert.equal(row.contact, '+5599999999999');
        assert.equal(row.status, 'read');
        assert.ok(row.queued_at && row.sent_at && row.delivered_at && row.read_at);
        const view = (await h.as(access, { method: 'GET', url: `/api/v1/whatsapp/messages/${id}` })).json();
        assert.deepEqual([view.status, view.contact, view.text, view.failed_at], ['read', '+5599999999999', 'Olá', null]);
        assert.ok(Date.parse(view.queued_at) <= Date.parse(view.sent_at) && Date.parse(view.sent_at) <= Date.parse(view.read_at));
        assert.equal((await h.as(access, { method: 'GET', url: '/api/v1/whatsapp/messages/nao-existe' })).statusCode, 404);
        ws.close();
      });

      it('client_message_id: the id is the client\'s, and a repeat sends nothing twice', async () => {
        const ws = await connectWs(`ws://${h.base}/ws/whatsapp/?token=${access}`);
        ws.send({ type: 'ping' });
        await ws.next((m) => m.type === 'pong');
        const body = { to: '(11) 91234-5678', type: 'text', text: 'Oi', client_message_id: `cli-${dialect}-${fast}` };
        const first = await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/messages/', payload: body });
        const second = await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/messages', payload: body });
        assert.deepEqual([first.statusCode, first.json()], [202, { message_id: body.client_message_id }]);
        assert.deepEqual([second.statusCode, second.json()], [202, { message_id: body.client_message_id }]);
        await ws.next((m) => m.message_id === body.client_message_id && m.status === 'read');
        await new Promise((r) => setTimeout(r, 200));
        const statuses = ws.messages.filter((m) => m.message_id === body.client_message_id).map((m) => m.status);
        assert.deepEqual(statuses, ['queued', 'sent', 'delivered', 'read']);
        ws.close();
      });

      it('inject_incoming (WS) and inject-incoming (HTTP) arrive as message_received', async () => {
        const ws = await connectWs(`ws://${h.base}/ws/whatsapp/?token=${access}`);
        ws.send({ type: 'inject_incoming', from: '5511988887777', payload: { type: 'text', text: 'Preciso de ajuda', contact_name: 'Maria' } });
        const ok = await ws.next((m) => m.type === 'inject_success');
        assert.deepEqual(Object.keys(ok).sort(), ['chat_id', 'message_id', 'type']);
        const received = await ws.next((m) => m.type === 'message_received' && m.message_id === ok.message_id);
        assert.deepEqual(received, {
          type: 'message_received', message_id: ok.message_id, from: '+5511988887777', chat_id: '+5511988887777',
          payload: { type: 'text', text: 'Preciso de ajuda', contact_name: 'Maria' }, ts: received.ts,
        });
        const res = await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/inject-incoming/', payload: { from: '5511988887777', payload: { text: 'Outra' } } });
        assert.equal(res.statusCode, 200);
        assert.equal(res.json().message, 'Mensagem de teste injetada com sucesso');
        await ws.next((m) => m.type === 'message_received' && m.message_id === res.json().message_id);
        ws.send({ type: 'inject_incoming', from: 'abc', payload: { text: 'x' } });
        assert.match((await ws.next((m) => m.type === 'inject_error')).error, /from/);
        ws.close();
      });

      it('errors in the seed\'s envelope: {"error": {code, message, details, request_id, timestamp}}', async () => {
        const missing = await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/messages', payload: { type: 'text', text: 'Olá' } });
        assert.equal(missing.statusCode, 400);
        const { error } = missing.json();
        assert.deepEqual(Object.keys(error).sort(), ['code', 'details', 'message', 'request_id', 'timestamp']);
        assert.equal(error.code, 'INVALID_PAYLOAD');
        assert.equal(error.message, "Campo 'to' é obrigatório");
        assert.deepEqual(error.details, { to: ['Este campo é obrigatório.'] });
        assert.match(error.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        assert.equal(error.request_id, missing.headers['x-request-id']);
        const cases: [object, string][] = [
          [{ to: 5511, type: 'text', text: 'x' }, "Campo 'to' é obrigatório"],
          [{ to: '5511912345678', type: 'video', text: 'x' }, "Campo 'type' inválido"],
          [{ to: '5511912345678', type: 'text' }, "Campo 'text' é obrigatório"],
          [{ to: '5511912345678', type: 'text', text: '   ' }, "Campo 'text' é obrigatório"],
          [{ to: '5511912345678', type: 'text', text: 'x'.repeat(5000) }, "Campo 'text' é obrigatório"],
          [{ to: '123', type: 'text', text: 'x' }, "Campo 'to' inválido"],
          [{ to: '(00) 91234-5678', type: 'text', text: 'x' }, "Campo 'to' inválido"],
          [{ to: '5511912345678', type: 'image' }, "Campo 'media_url' é obrigatório"],
          [{ to: '5511912345678', type: 'image', image_url: 'javascript:alert(1)' }, "Campo 'media_url' inválido"],
        ];
        for (const [payload, message] of cases) {
          const res = await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/messages', payload });
          assert.equal(res.statusCode, 400, JSON.stringify(payload));
          assert.equal(res.json().error.code, 'INVALID_PAYLOAD');
          assert.equal(res.json().error.message, message, JSON.stringify(payload));
        }
        const malformed = await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/messages', headers: { 'content-type': 'application/json' }, payload: '{"to":' });
        assert.equal(malformed.statusCode, 400);
        assert.equal(malformed.json().error.code, 'INVALID_PAYLOAD');
        const anonymous = await h.as(undefined, { method: 'POST', url: '/api/v1/whatsapp/session/start' });
        assert.equal(anonymous.statusCode, 401);
        assert.equal(anonymous.json().error.code, 'UNAUTHORIZED');
        const operador = await h.t.loginAs('OPERADOR');
        const forbidden = await h.as(operador, { method: 'POST', url: '/api/v1/whatsapp/messages', payload: { to: '5511912345678', type: 'text', text: 'x' } });
        assert.equal(forbidden.statusCode, 403);
        assert.equal(forbidden.json().error.code, 'FORBIDDEN');
        // Status needs a login only.
        assert.equal((await h.as(operador, { method: 'GET', url: '/api/v1/whatsapp/session/status' })).statusCode, 200);
      });

      it('DELETE /api/v1/whatsapp/session → 204, session_status disconnected; a message without a ready session goes queued → failed', async () => {
        const ws = await connectWs(`ws://${h.base}/ws/whatsapp/?token=${access}`);
        ws.send({ type: 'ping' });
        await ws.next((m) => m.type === 'pong');
        const stopped = await h.as(access, { method: 'DELETE', url: '/api/v1/whatsapp/session' });
        assert.equal(stopped.statusCode, 204);
        assert.equal(stopped.body, '');
        await ws.next((m) => m.type === 'session_status' && m.status === 'disconnected');
        const res = await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/messages', payload: { to: '5511912345678', type: 'text', text: 'Olá' } });
        assert.equal(res.statusCode, 202);
        const id = res.json().message_id;
        await ws.next((m) => m.message_id === id && m.status === 'failed');
        assert.deepEqual(ws.messages.filter((m) => m.message_id === id).map((m) => m.status), ['queued', 'failed']);
        const status = await waitFor(async () => (await h.as(access, { method: 'GET', url: '/api/v1/whatsapp/session/status' })).json());
        assert.deepEqual(status, { status: 'disconnected' });
        ws.close();
      });

      it('an agent without the permission hears the session state but no QR code or messages', async () => {
        const operador = await h.t.loginAs('OPERADOR');
        const agent = await connectWs(`ws://${h.base}/ws/whatsapp/?token=${operador}`);
        const manager = await connectWs(`ws://${h.base}/ws/whatsapp/?token=${access}`);
        for (const ws of [agent, manager]) {
          ws.send({ type: 'ping' });
          await ws.next((m) => m.type === 'pong');
        }
        await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/session/start' });
        await manager.next((m) => m.status === 'ready');
        await agent.next((m) => m.status === 'ready');
        const sent = await h.as(access, { method: 'POST', url: '/api/v1/whatsapp/messages', payload: { to: '5511912345678', type: 'text', text: 'Olá' } });
        await manager.next((m) => m.message_id === sent.json().message_id && m.status === 'read');
        assert.ok(agent.messages.every((m) => m.type === 'pong' || m.type === 'session_status'), JSON.stringify(agent.messages));
        agent.send({ type: 'inject_incoming', payload: { text: 'x' } });
        assert.equal((await agent.next((m) => m.type === 'inject_error')).error, 'Você não tem permissão para executar esta ação.');
        agent.close();
        manager.close();
      });
    });
  }
}
