import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../core/config/config.js';
import { createLogger } from '../../core/logger.js';
import { createTestDatabase, type TestDatabase } from '../../core/testing/test-database.js';
import { createRuntime, type Runtime } from '../../runtime.js';
import { DEMO_WHATSAPP, startWhatsAppSandbox, type WhatsAppSandbox } from '../../sandbox/whatsapp-sandbox.js';
import { connectWs, waitFor } from './atendimento.test-support.js';

// Every secret this module touches, driven through its routes and failures at the most verbose level:
// none may reach a log line or a response.
describe('atendimento: tokens and secrets never in a log or a response', () => {
  let database: TestDatabase;
  let runtime: Runtime;
  let sandbox: WhatsAppSandbox;
  let base: string;
  const lines: string[] = [];
  const SMTP = 'senha-smtp-nunca-logada';
  const PASSWORD = 'senha-do-usuario-123';

  before(async () => {
    database = await createTestDatabase();
    sandbox = await startWhatsAppSandbox({ statusDelayMs: 10 });
    const config = loadConfig({
      DATA_DIR: database.dataDir, DATABASE_URL: database.url, SECRET_KEY: 'test-secret-key-with-at-least-32-characters', LOG_LEVEL: 'trace',
      WEB_DIST: `${database.dataDir}/no-console`, MODULES: 'atendimento', WHATSAPP_MODE: 'cloud', WHATSAPP_GRAPH_URL: sandbox.url,
    });
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    runtime = await createRuntime(config, createLogger('trace', sink));
    base = (await runtime.app.listen({ port: 0, host: '127.0.0.1' })).replace('http://', '');
    sandbox.setWebhook(`http://${base}/webhooks/whatsapp`);
  });
  after(async () => {
    await runtime.close();
    await sandbox.close();
    await database.drop();
  });

  it('leaves no trace of the SMTP password, Cloud API credentials, passwords or JWTs', async () => {
    await runtime.services.users.create({ nome_completo: 'Gestor', email: 'gestor@empresa.com.br', username: 'gestor', perfil: 'ADMINISTRADOR', password: PASSWORD });
    const login = await runtime.app.inject({ method: 'POST', url: '/api/v1/auth/token/', payload: { username: 'gestor', password: PASSWORD } });
    const { access, refresh } = login.json();
    const headers = { authorization: `Bearer ${access}` };
    const bodies: string[] = [login.body];
    const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const res = await runtime.app.inject({ method, url, payload, headers });
      bodies.push(res.body);
      return res;
    };
    await call('PATCH', '/api/v1/config/email/', { smtp_host: 'smtp.exemplo.com', smtp_senha: SMTP });
    await call('PATCH', '/api/v1/config/whatsapp/', {
      phone_number_id: DEMO_WHATSAPP.phoneNumberId, access_token: DEMO_WHATSAPP.accessToken, app_secret: DEMO_WHATSAPP.appSecret, verify_token: DEMO_WHATSAPP.verifyToken,
    });
    await call('GET', `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${DEMO_WHATSAPP.verifyToken}&hub.challenge=42`);
    await call('GET', '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=errado&hub.challenge=42');
    await call('GET', '/api/v1/config/');
    await call('POST', '/api/v1/whatsapp/session/start');
    await waitFor(async () => ((await call('GET', '/api/v1/whatsapp/session/status')).json().status === 'ready' ? true : undefined));
    const ws = await connectWs(`ws://${base}/ws/whatsapp/?token=${access}`);
    sandbox.failNext({ status: 400, code: 131026, message: 'Message undeliverable' });
    const failed = (await call('POST', '/api/v1/whatsapp/messages', { to: '5511912345678', type: 'text', text: 'Olá' })).json().message_id;
    const delivered = (await call('POST', '/api/v1/whatsapp/messages', { to: '5511912345678', type: 'text', text: 'Olá de novo' })).json().message_id;
    await ws.next((m) => m.message_id === failed && m.status === 'failed');
    await ws.next((m) => m.message_id === delivered && m.status === 'read');
    assert.equal(await sandbox.postWebhook({ entry: [] }, 'segredo-errado'), 401);
    await call('PATCH', '/api/v1/config/whatsapp/', { access_token: 'token-invalido-nunca-logado' });
    await call('DELETE', '/api/v1/whatsapp/session');
    await call('POST', '/api/v1/whatsapp/session/start');
    await ws.next((m) => m.type === 'session_status' && m.status === 'disconnected');
    ws.close();
    await runtime.app.inject({ method: 'POST', url: '/api/v1/auth/refresh/', payload: { refresh } });

    assert.ok(lines.length > 10, 'the trace level wrote lines');
    const logged = lines.join('');
    for (const secret of [SMTP, PASSWORD, DEMO_WHATSAPP.accessToken, DEMO_WHATSAPP.appSecret, DEMO_WHATSAPP.verifyToken, 'token-invalido-nunca-logado', access, refresh]) {
      assert.ok(!logged.includes(secret), `a log line carries ${secret.slice(0, 12)}…`);
    }
    const answered = bodies.slice(1).join('');
    for (const secret of [SMTP, PASSWORD, DEMO_WHATSAPP.accessToken, DEMO_WHATSAPP.appSecret, DEMO_WHATSAPP.verifyToken, 'token-invalido-nunca-logado']) {
      assert.ok(!answered.includes(secret), `a response carries ${secret.slice(0, 12)}…`);
    }
  });
});
