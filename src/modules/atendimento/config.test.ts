import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { startAtendimento, type AtendimentoHarness } from './atendimento.test-support.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----retaguarda-test';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`));
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const dialect of testDialects()) {
  describe(`atendimento: configuration sections (${dialect})`, () => {
    let h: AtendimentoHarness;
    before(async () => {
      h = await startAtendimento(dialect);
    });
    after(() => h.close());

    it('GET /config/ and each section answer the defaults to any login; 401 without one', async () => {
      const operador = await h.t.loginAs('OPERADOR');
      const all = await h.as(operador, { method: 'GET', url: '/api/v1/config/' });
      assert.equal(all.statusCode, 200);
      for (const key of ['company_data', 'chat_settings', 'email_settings']) assert.equal(typeof all.json()[key], 'object');
      const shapes: Record<string, string[]> = {
        company: ['razao_social', 'cnpj', 'endereco'], chat: ['mensagem_saudacao', 'timeout_inatividade_minutos'],
        email: ['smtp_host', 'smtp_port', 'smtp_usuario'], appearance: ['primary_color', 'secondary_color'], whatsapp: ['enabled', 'session_data', 'proxy_url'],
      };
      for (const [section, fields] of Object.entries(shapes)) {
        const res = await h.as(operador, { method: 'GET', url: `/api/v1/config/${section}/` });
        assert.equal(res.statusCode, 200);
        for (const field of fields) assert.ok(field in res.json(), `${section}.${field}`);
      }
      assert.equal((await h.as(undefined, { method: 'GET', url: '/api/v1/config/' })).statusCode, 401);
      assert.equal((await h.as(undefined, { method: 'GET', url: '/api/v1/config/chat/' })).statusCode, 401);
    });

    it("each PATCH needs its section's permission; CNPJ and e-mails validated → 400 naming the field", async () => {
      const operador = await h.t.loginAs('OPERADOR');
      const company = await h.t.loginAs('OPERADOR', ['core.manage_config_company']);
      for (const section of ['company', 'chat', 'email', 'appearance', 'whatsapp']) {
        const res = await h.as(operador, { method: 'PATCH', url: `/api/v1/config/${section}/`, payload: {} });
        assert.equal(res.statusCode, 403, section);
        assert.equal(res.json().error.code, 'FORBIDDEN');
      }
      const bad = await h.as(company, { method: 'PATCH', url: '/api/v1/config/company/', payload: { cnpj: 'invalid_cnpj' } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json().error.details, { cnpj: ['CNPJ inválido'] });
      const email = await h.as(company, { method: 'PATCH', url: '/api/v1/config/company/', payload: { email: 'nao-e-email' } });
      assert.deepEqual([email.statusCode, Object.keys(email.json().error.details)], [400, ['email']]);
      const uf = await h.as(company, { method: 'PATCH', url: '/api/v1/config/company/', payload: { endereco: { uf: 'XX' } } });
      assert.deepEqual([uf.statusCode, Object.keys(uf.json().error.details)], [400, ['endereco.uf']]);
      const ok = await h.as(company, { method: 'PATCH', url: '/api/v1/config/company/', payload: { razao_social: 'Empresa Teste', cnpj: '11.222.333/0001-81', endereco: { cidade: 'São Paulo', uf: 'rj' }, ignorado: 1 } });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().cnpj, '11222333000181');
      assert.equal(ok.json().endereco.cidade, 'São Paulo');
      assert.equal(ok.json().endereco.uf, 'RJ');
      assert.equal(ok.json().endereco.cep, '01234567');
      assert.ok(!('ignorado' in ok.json()));
      const enabled = await h.as(h.admin, { method: 'PATCH', url: '/api/v1/config/whatsapp/', payload: { enabled: 'invalid' } });
      assert.equal(enabled.statusCode, 400);
      const malformed = await h.as(h.admin, { method: 'PATCH', url: '/api/v1/config/chat/', headers: { 'content-type': 'application/json' }, payload: '{"mensagem' });
      assert.deepEqual([malformed.statusCode, malformed.json().error.code], [400, 'INVALID_PAYLOAD']);
      const huge = await h.as(h.admin, { method: 'PATCH', url: '/api/v1/config/chat/', payload: { mensagem_saudacao: 'x'.repeat(3000) } });
      assert.deepEqual([huge.statusCode, Object.keys(huge.json().error.details)], [400, ['mensagem_saudacao']]);
    });

    it('secrets are sealed at rest and shown as "***"; "***" sent back keeps them; never in the database in clear', async () => {
      const res = await h.as(h.admin, { method: 'PATCH', url: '/api/v1/config/email/', payload: { smtp_host: 'smtp.exemplo.com', smtp_senha: 'senha-smtp-secreta' } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().smtp_senha, '***');
      const wa = await h.as(h.admin, { method: 'PATCH', url: '/api/v1/config/whatsapp/', payload: { session_data: 'sessao-secreta', proxy_url: 'http://proxy.local:3128', access_token: 'EAAG-token-secreto' } });
      assert.deepEqual([wa.json().session_data, wa.json().proxy_url, wa.json().access_token, wa.json().app_secret], ['***', '***', '***', '']);
      await h.as(h.admin, { method: 'PATCH', url: '/api/v1/config/email/', payload: { smtp_senha: '***', smtp_port: 465 } });
      const db = h.t.runtime.database.db.withTables<import('./atendimento.tables.js').AtendimentoTables>();
      const row = await db.selectFrom('atendimento_config').selectAll().executeTakeFirstOrThrow();
      const raw = JSON.stringify(row);
      for (const secret of ['senha-smtp-secreta', 'sessao-secreta', 'proxy.local', 'EAAG-token-secreto']) assert.ok(!raw.includes(secret), secret);
      const settings = await (await import('./config.service.js')).createConfigService({ db, secrets: h.t.runtime.core.secrets }).emailSettings();
      assert.equal(settings.smtp_senha, 'senha-smtp-secreta');
      assert.equal(settings.smtp_port, 465);
      const all = await h.as(h.admin, { method: 'GET', url: '/api/v1/config/' });
      assert.ok(!all.body.includes('senha-smtp-secreta') && !all.body.includes('EAAG'));
      const cleared = await h.as(h.admin, { method: 'PATCH', url: '/api/v1/config/email/', payload: { smtp_senha: '' } });
      assert.equal(cleared.json().smtp_senha, '');
    });

    it('PUT /config/ merges the sections it is given, validates only those, needs their permissions', async () => {
      const res = await h.as(h.admin, { method: 'PUT', url: '/api/v1/config/', payload: { chat_settings: { mensagem_saudacao: 'Bem-vindo!' } } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().chat_settings.mensagem_saudacao, 'Bem-vindo!');
      assert.equal(res.json().chat_settings.mensagem_encerramento, 'Obrigado pelo contato!');
      assert.equal(res.json().company_data.razao_social, 'Empresa Teste');
      assert.equal((await h.as(h.admin, { method: 'PUT', url: '/api/v1/config/', payload: { invalid: 'data' } })).statusCode, 400);
      const bad = await h.as(h.admin, { method: 'PUT', url: '/api/v1/config/', payload: { company_data: { cnpj: '123' } } });
      assert.deepEqual([bad.statusCode, bad.json().error.details], [400, { 'company_data.cnpj': ['CNPJ inválido'] }]);
      const chatOnly = await h.t.loginAs('OPERADOR', ['core.manage_config_chat']);
      assert.equal((await h.as(chatOnly, { method: 'PUT', url: '/api/v1/config/', payload: { chat_settings: { limite_chats_simultaneos: 3 } } })).statusCode, 200);
      assert.equal((await h.as(chatOnly, { method: 'PUT', url: '/api/v1/config/', payload: { chat_settings: {}, email_settings: {} } })).statusCode, 403);
    });

    it('appearance upload: images only by content, size-limited, stored, served, replaced and removed', async () => {
      const up = await h.as(h.admin, { method: 'POST', url: '/api/v1/config/appearance/upload/', ...multipart({ kind: 'logo' }, { name: 'logo.png', type: 'image/png', bytes: PNG }) });
      assert.equal(up.statusCode, 200);
      const { url } = up.json();
      assert.match(url, /^\/api\/v1\/config\/appearance\/files\/logo-[0-9a-f-]{36}\.png$/);
      assert.equal((await h.as(h.admin, { method: 'GET', url: '/api/v1/config/appearance/' })).json().login_logo_url, url);
      const served = await h.as(undefined, { method: 'GET', url });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/png');
      assert.deepEqual(served.rawPayload, PNG);
      const html = await h.as(h.admin, { method: 'POST', url: '/api/v1/config/appearance/upload/', ...multipart({ kind: 'logo' }, { name: 'x.png', type: 'image/png', bytes: Buffer.from('<svg onload=alert(1)>') }) });
      assert.deepEqual([html.statusCode, html.json().error.code], [400, 'INVALID_PAYLOAD']);
      const big = await h.as(h.admin, { method: 'POST', url: '/api/v1/config/appearance/upload/', ...multipart({ kind: 'favicon' }, { name: 'big.png', type: 'image/png', bytes: Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]) }) });
      assert.equal(big.statusCode, 413);
      const noKind = await h.as(h.admin, { method: 'POST', url: '/api/v1/config/appearance/upload/', ...multipart({}, { name: 'logo.png', type: 'image/png', bytes: PNG }) });
      assert.equal(noKind.statusCode, 400);
      const json = await h.as(h.admin, { method: 'POST', url: '/api/v1/config/appearance/upload/', payload: { kind: 'logo' } });
      assert.equal(json.statusCode, 400);
      const operador = await h.t.loginAs('OPERADOR');
      assert.equal((await h.as(operador, { method: 'POST', url: '/api/v1/config/appearance/upload/', ...multipart({ kind: 'logo' }, { name: 'l.png', type: 'image/png', bytes: PNG }) })).statusCode, 403);
      assert.equal((await h.as(h.admin, { method: 'DELETE', url: '/api/v1/config/appearance/upload/' })).statusCode, 400);
      assert.equal((await h.as(h.admin, { method: 'DELETE', url: '/api/v1/config/appearance/upload/?kind=logo' })).statusCode, 204);
      assert.equal((await h.as(h.admin, { method: 'GET', url: '/api/v1/config/appearance/' })).json().login_logo_url, '');
      assert.equal((await h.as(undefined, { method: 'GET', url })).statusCode, 404);
    });
  });
}
