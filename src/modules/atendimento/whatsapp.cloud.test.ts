import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { DEMO_WHATSAPP, startWhatsAppSandbox, type WhatsAppSandbox } from '../../sandbox/whatsapp-sandbox.js';
import { connectWs, startAtendimento, type AtendimentoHarness, type WsClient } from './atendimento.test-support.js';

// The Cloud driver against the sandbox over real HTTP, webhooks signed and sent back to a listening service.
for (const dialect of testDialects()) {
  describe(`atendimento: WhatsApp Cloud API driver against the sandbox (${dialect})`, () => {
    let sandbox: WhatsAppSandbox;
    let h: AtendimentoHarness;
    let ws: WsClient;
    before(async () => {
      sandbox = await startWhatsAppSandbox({ statusDelayMs: 20 });
      h = await startAtendimento(dialect, { WHATSAPP_MODE: 'cloud', WHATSAPP_GRAPH_URL: sandbox.url });
      sandbox.setWebhook(`http://${h.base}/webhooks/whatsapp`);
      ws = await connectWs(`ws://${h.base}/ws/whatsapp/?token=${h.admin}`);
    });
    after(async () => {
      ws.close();
      await h.close();
      await sandbox.close();
    });

    const send = (text: string, to = '(11) 91234-5678') =>
      h.as(h.admin, { method: 'POST', url: '/api/v1/whatsapp/messages', payload: { to, type: 'text', text } });
    const statusesOf = (id: string) => ws.messages.filter((m) => m.type === 'message_status' && m.message_id === id).map((m) => m.status);

    it('without credentials the session does not come up, and says why nowhere but the status', async () => {
      assert.deepEqual((await h.as(h.admin, { method: 'POST', url: '/api/v1/whatsapp/session/start' })).json(), { status: 'connecting' });
      await ws.next((m) => m.type === 'session_status' && m.status === 'disconnected');
    });

    it('the verification handshake answers hub.challenge only to the configured verify token', async () => {
      const res = await h.as(h.admin, {
        method: 'PATCH', url: '/api/v1/config/whatsapp/',
        payload: { phone_number_id: DEMO_WHATSAPP.phoneNumberId, access_token: DEMO_WHATSAPP.accessToken, app_secret: DEMO_WHATSAPP.appSecret, verify_token: DEMO_WHATSAPP.verifyToken },
      });
      assert.equal(res.statusCode, 200);
      for (const secret of [DEMO_WHATSAPP.accessToken, DEMO_WHATSAPP.appSecret, DEMO_WHATSAPP.verifyToken]) assert.ok(!res.body.includes(secret));
      const ok = await h.as(undefined, { method: 'GET', url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${DEMO_WHATSAPP.verifyToken}&hub.challenge=1158201444` });
      assert.deepEqual([ok.statusCode, ok.body], [200, '1158201444']);
      const wrong = await h.as(undefined, { method: 'GET', url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=outro&hub.challenge=1' });
      assert.equal(wrong.statusCode, 403);
      assert.ok(!wrong.body.includes('1158201444'));
    });

    it('start → ready once Graph accepts the token; send → sent, delivered, read by signed webhooks', async () => {
      await h.as(h.admin, { method: 'POST', url: '/api/v1/whatsapp/session/start' });
      await ws.next((m) => m.type === 'session_status' && m.status === 'ready');
      const res = await send('Olá pela Cloud API');
      assert.equal(res.statusCode, 202);
      const id = res.json().message_id;
      await ws.next((m) => m.message_id === id && m.status === 'read');
      assert.deepEqual(statusesOf(id), ['queued', 'sent', 'delivered', 'read']);
      const graph = sandbox.sent.at(-1)!;
      assert.equal(graph.to, '5511912345678');
      assert.deepEqual(graph.body.text, { preview_url: false, body: 'Olá pela Cloud API' });
    });

    it('a forged webhook is refused (401) and changes nothing; a replayed one is ignored', async () => {
      const res = await send('Mensagem vigiada');
      const id = res.json().message_id;
      await ws.next((m) => m.message_id === id && m.status === 'sent');
      const wamid = sandbox.sent.at(-1)!.id;
      const forged = await sandbox.postWebhook(sandbox.statusPayload(wamid, 'failed', '5511912345678'), 'not-the-app-secret');
      assert.equal(forged, 401);
      const unsigned = await fetch(`http://${h.base}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(unsigned.status, 401);
      await ws.next((m) => m.message_id === id && m.status === 'read');
      const replay = await sandbox.postWebhook(sandbox.statusPayload(wamid, 'delivered', '5511912345678'));
      assert.equal(replay, 200);
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(statusesOf(id), ['queued', 'sent', 'delivered', 'read']);
    });

    it('an inbound message arrives as message_received, once however often it is delivered', async () => {
      const { id, status } = await sandbox.sendInbound('553188887777', 'Bom dia, preciso de ajuda', 'Maria');
      assert.equal(status, 200);
      const received = await ws.next((m) => m.type === 'message_received' && m.message_id === id);
      // A 12-digit legacy wa_id is shown in its canonical form, with the ninth digit.
      assert.equal(received.from, '+5531988887777');
      assert.deepEqual(received.payload, { type: 'text', text: 'Bom dia, preciso de ajuda', contact_name: 'Maria' });
      const again = await sandbox.postWebhook({
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ value: { messages: [{ from: '553188887777', id, timestamp: '1700000000', type: 'text', text: { body: 'Bom dia, preciso de ajuda' } }] } }] }],
      });
      assert.equal(again, 200);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(ws.messages.filter((m) => m.type === 'message_received' && m.message_id === id).length, 1);
    });

    it('Graph 5xx and 429 are retried with backoff without losing the message; a 4xx fails it; never a 500', async () => {
      sandbox.failNext({ status: 500, code: 1, message: 'An unknown error occurred' });
      const retried = (await send('Depois de um 500')).json().message_id;
      sandbox.failNext({ status: 429, code: 130429, message: 'Rate limit hit', retryAfterSeconds: 1 });
      const limited = (await send('Depois de um 429')).json().message_id;
      await ws.next((m) => m.message_id === retried && m.status === 'read', 20_000);
      await ws.next((m) => m.message_id === limited && m.status === 'read', 20_000);
      assert.deepEqual(statusesOf(retried), ['queued', 'sent', 'delivered', 'read']);
      assert.deepEqual(statusesOf(limited), ['queued', 'sent', 'delivered', 'read']);
      sandbox.failNext({ status: 400, code: 131026, message: 'Message undeliverable' });
      const refused = await send('Recusada');
      assert.equal(refused.statusCode, 202);
      const id = refused.json().message_id;
      await ws.next((m) => m.message_id === id && m.status === 'failed');
      const db = h.t.runtime.database.db.withTables<import('./atendimento.tables.js').AtendimentoTables>();
      const row = await db.selectFrom('atendimento_wa_messages').selectAll().where('message_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.error_code, 'UPSTREAM_ERROR');
      assert.match(String(row.error_message), /Message undeliverable/);
    });

    it('a bad token leaves the session disconnected', async () => {
      await h.as(h.admin, { method: 'PATCH', url: '/api/v1/config/whatsapp/', payload: { access_token: 'token-revogado' } });
      ws.messages.length = 0;
      await h.as(h.admin, { method: 'DELETE', url: '/api/v1/whatsapp/session' });
      await ws.next((m) => m.type === 'session_status' && m.status === 'disconnected');
      ws.messages.length = 0;
      await h.as(h.admin, { method: 'POST', url: '/api/v1/whatsapp/session/start' });
      await ws.next((m) => m.type === 'session_status' && m.status === 'disconnected');
      assert.deepEqual(ws.messages.filter((m) => m.type === 'session_status').map((m) => m.status), ['connecting', 'disconnected']);
      assert.deepEqual((await h.as(h.admin, { method: 'GET', url: '/api/v1/whatsapp/session/status' })).json(), { status: 'disconnected' });
    });
  });
}
