import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { startCadastros, type CadastrosHarness } from './cadastros.test-support.js';

const BASE = '/api/v1/faturas/operadoras/';

for (const dialect of testDialects()) {
  describe(`faturas operadoras (${dialect})`, () => {
    let h: CadastrosHarness;
    before(async () => {
      h = await startCadastros(dialect);
    });
    after(() => h.close());

    it('has OI, VIVO, EMBRATEL and DIGITALNET with possui_rpa after the first migration', async () => {
      const res = await h.as('OPERADOR', { url: `${BASE}?ordering=codigo` });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.count, 4);
      assert.deepEqual(body.results.map((o: { codigo: string }) => o.codigo), ['DIGITALNET', 'EMBRATEL', 'OI', 'VIVO']);
      assert.ok(body.results.every((o: { possui_rpa: boolean; status_ativo: boolean }) => o.possui_rpa && o.status_ativo));
    });

    it('creates with codigo upper-cased, reads, updates and answers 409 on a repeated nome or codigo', async () => {
      const created = await h.as('ADMINISTRADOR', {
        method: 'POST',
        url: BASE,
        payload: { nome: 'Azuton Telecom', codigo: ' azu-1 ', url_portal: 'https://portal.azuton.com.br', configuracao_rpa: { timeout_padrao: 300 } },
      });
      assert.equal(created.statusCode, 201);
      const azuton = created.json();
      assert.equal(azuton.codigo, 'AZU-1');
      assert.equal(azuton.possui_rpa, false);
      assert.equal(azuton.status_ativo, true);
      assert.deepEqual(azuton.configuracao_rpa, { timeout_padrao: 300 });

      const sameName = await h.as('ADMINISTRADOR', { method: 'POST', url: BASE, payload: { nome: 'AZUTON telecom', codigo: 'AZ2' } });
      assert.equal(sameName.statusCode, 409);
      assert.equal(sameName.json().error.code, 'CONFLICT');
      assert.deepEqual(sameName.json().error.details, { nome: ['Este nome já está sendo usado por outra operadora.'] });
      const sameCode = await h.as('ADMINISTRADOR', { method: 'POST', url: BASE, payload: { nome: 'Outra', codigo: 'oi' } });
      assert.equal(sameCode.statusCode, 409);
      assert.deepEqual(sameCode.json().error.details, { codigo: ['Este código já está sendo usado por outra operadora.'] });

      const patched = await h.as('ADMINISTRADOR', { method: 'PATCH', url: `${BASE}${azuton.id}`, payload: { status_ativo: false, url_portal: null } });
      assert.equal(patched.statusCode, 200);
      assert.equal(patched.json().status_ativo, false);
      assert.equal(patched.json().url_portal, null);
      assert.equal(patched.json().nome, 'Azuton Telecom');
      const renamedToTaken = await h.as('ADMINISTRADOR', { method: 'PUT', url: `${BASE}${azuton.id}`, payload: { codigo: 'VIVO' } });
      assert.equal(renamedToTaken.statusCode, 409);
      const fetched = await h.as('APROVADOR', { url: `${BASE}${azuton.id}` });
      assert.equal(fetched.statusCode, 200);
      assert.equal(fetched.json().codigo, 'AZU-1');

      const inactive = await h.as('OPERADOR', { url: `${BASE}?status_ativo=false` });
      assert.deepEqual(inactive.json().results.map((o: { codigo: string }) => o.codigo), ['AZU-1']);
      const withoutRobot = await h.as('OPERADOR', { url: `${BASE}?possui_rpa=false&q=azu` });
      assert.equal(withoutRobot.json().count, 1);
      const page = await h.as('OPERADOR', { url: `${BASE}?page=2&page_size=2&ordering=-nome` });
      assert.equal(page.json().count, 5);
      assert.equal(page.json().results.length, 2);
      assert.match(page.json().next, /page=3/);
      assert.match(page.json().previous, /page=1/);
    });

    it('deletes an operadora without clientes and refuses one with clientes', async () => {
      const created = await h.as('ADMINISTRADOR', { method: 'POST', url: BASE, payload: { nome: 'Net Serviços', codigo: 'NET' } });
      const id = created.json().id;
      const cliente = await h.as('ADMINISTRADOR', {
        method: 'POST',
        url: '/api/v1/faturas/clientes/',
        payload: { razao_social: 'A', nome_sat: 'A', cnpj: '11222333000181', operadora_id: id, servico: 'S', unidade: 'U' },
      });
      assert.equal(cliente.statusCode, 201);
      const refused = await h.as('ADMINISTRADOR', { method: 'DELETE', url: `${BASE}${id}` });
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().error.message, 'Não é possível excluir a operadora "Net Serviços" pois existem 1 cliente(s) vinculado(s).');

      const lone = await h.as('ADMINISTRADOR', { method: 'POST', url: BASE, payload: { nome: 'Sem Clientes', codigo: 'SEMCLI' } });
      const removed = await h.as('ADMINISTRADOR', { method: 'DELETE', url: `${BASE}${lone.json().id}` });
      assert.equal(removed.statusCode, 204);
      const gone = await h.as('ADMINISTRADOR', { url: `${BASE}${lone.json().id}` });
      assert.equal(gone.statusCode, 404);
      assert.equal(gone.json().error.message, 'Operadora não encontrada.');
    });

    it("re-hashes its clientes when the codigo changes", async () => {
      const op = await h.as('ADMINISTRADOR', { method: 'POST', url: BASE, payload: { nome: 'Embratel Antiga', codigo: 'EMB' } });
      const cliente = await h.as('ADMINISTRADOR', {
        method: 'POST',
        url: '/api/v1/faturas/clientes/',
        payload: {
          razao_social: 'Empresa Exemplo', nome_sat: 'Empresa Exemplo Ltda', cnpj: '12345678000195', operadora_id: op.json().id,
          servico: 'Internet', dados_sat: 'Fixo', filtro: '00012345678-0001', unidade: 'Campo Grande-MS',
        },
      });
      const before = cliente.json().hash_unico;
      await h.as('ADMINISTRADOR', { method: 'PATCH', url: `${BASE}${op.json().id}`, payload: { codigo: 'embratel2' } });
      const afterChange = await h.as('OPERADOR', { url: `/api/v1/faturas/clientes/${cliente.json().id}` });
      assert.notEqual(afterChange.json().hash_unico, before);
      assert.equal(afterChange.json().operadora.codigo, 'EMBRATEL2');
    });

    it('refuses bad input with the /api/v1 422 shape', async () => {
      const cases = [
        { nome: 'x'.repeat(101), codigo: 'X1' },
        { nome: 'Boa', codigo: 'com espaço' },
        { nome: 'Boa', codigo: 'B1', url_portal: 'javascript:alert(1)' },
        { nome: '   ', codigo: 'B2' },
        { nome: 'Nul\u0000', codigo: 'B5' },
        { nome: 'Boa', codigo: 'B6', instrucoes_acesso: 'a\u0000' },
        { nome: 'Boa', codigo: 'B3', configuracao_rpa: { parametros_especiais: { x: 'y'.repeat(20_000) } } },
      ];
      for (const payload of cases) {
        const res = await h.as('ADMINISTRADOR', { method: 'POST', url: BASE, payload });
        assert.ok([400, 422].includes(res.statusCode), `${JSON.stringify(payload).slice(0, 60)} → ${res.statusCode}`);
        assert.equal(typeof res.json().error.message, 'string');
      }
      const badId = await h.as('ADMINISTRADOR', { url: `${BASE}not-a-uuid` });
      assert.equal(badId.statusCode, 422);
    });

    it('lets every perfil read, only ADMINISTRADOR write, and nobody without a token', async () => {
      const id = await h.operadoraId('OI');
      for (const perfil of ['OPERADOR', 'APROVADOR'] as const) {
        assert.equal((await h.as(perfil, { url: BASE })).statusCode, 200);
        assert.equal((await h.as(perfil, { url: `${BASE}${id}` })).statusCode, 200);
        assert.equal((await h.as(perfil, { method: 'POST', url: BASE, payload: { nome: 'X', codigo: 'X' } })).statusCode, 403);
        assert.equal((await h.as(perfil, { method: 'PUT', url: `${BASE}${id}`, payload: { nome: 'X' } })).statusCode, 403);
        assert.equal((await h.as(perfil, { method: 'PATCH', url: `${BASE}${id}`, payload: { nome: 'X' } })).statusCode, 403);
        assert.equal((await h.as(perfil, { method: 'DELETE', url: `${BASE}${id}` })).statusCode, 403);
      }
      for (const [method, url] of [['GET', BASE], ['POST', BASE], ['GET', `${BASE}${id}`], ['PUT', `${BASE}${id}`], ['PATCH', `${BASE}${id}`], ['DELETE', `${BASE}${id}`]] as const) {
        const res = await h.as(null, { method, url });
        assert.equal(res.statusCode, 401, `${method} ${url}`);
        assert.equal(res.json().error.code, 'UNAUTHORIZED');
      }
      assert.equal((await h.as('OPERADOR', { url: `${BASE}${id}` })).json().nome, 'Oi');
    });
  });
}
