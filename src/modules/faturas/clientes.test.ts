import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SecretBox } from '../../core/crypto/secrets.js';
import type { AppError } from '../../core/http/errors.js';
import { testDialects } from '../../core/testing/test-database.js';
import { createCadastrosReader } from './cadastros.js';
import { CNPJS, CPFS, startCadastros, type CadastrosHarness } from './cadastros.test-support.js';

const BASE = '/api/v1/faturas/clientes/';
const SENHA = 'S3nh@-do-portal-que-nunca-aparece';

for (const dialect of testDialects()) {
  describe(`faturas clientes (${dialect})`, () => {
    let h: CadastrosHarness;
    let embratel: string;
    const novo = (fields: Record<string, unknown> = {}) => ({
      razao_social: 'Empresa Exemplo Comércio Ltda',
      nome_sat: 'Empresa Exemplo Ltda',
      cnpj: CNPJS[0],
      operadora_id: embratel,
      servico: 'Internet',
      dados_sat: 'Fixo',
      filtro: '00012345678-0001',
      unidade: 'Campo Grande-MS',
      ...fields,
    });
    const create = (fields: Record<string, unknown> = {}) => h.as('ADMINISTRADOR', { method: 'POST', url: BASE, payload: novo(fields) });

    before(async () => {
      h = await startCadastros(dialect);
      embratel = await h.operadoraId('EMBRATEL');
    });
    after(() => h.close());

    it('stores CNPJ and CPF unformatted, hashes with the codigo and seals the password', async () => {
      const res = await create({ senha_portal: SENHA, login_portal: 'financeiro@exemplo.com.br', cpf: CPFS[0] });
      assert.equal(res.statusCode, 201);
      const cliente = res.json();
      assert.equal(cliente.cnpj, '12345678000195');
      assert.equal(cliente.cpf, '52998224725');
      assert.equal(cliente.possui_senha, true);
      assert.equal('senha_portal' in cliente, false);
      // faturas-original.md §1.5, codigo variant.
      assert.equal(cliente.hash_unico, 'ea05699b087ec186ee3bf400ed85fed95c40412119e5cd6a93');
      assert.deepEqual(cliente.operadora, { id: embratel, nome: 'Embratel', codigo: 'EMBRATEL', possui_rpa: true, status_ativo: true });
      const stored = await h.db.selectFrom('faturas_clientes').select('senha_portal_cifrada').where('id', '=', cliente.id).executeTakeFirstOrThrow();
      assert.ok(stored.senha_portal_cifrada && !stored.senha_portal_cifrada.includes(SENHA));

      const alnum = await create({ cnpj: '12.abc.345/01de-35', servico: 'Fixo', cpf: null });
      assert.equal(alnum.statusCode, 201);
      assert.equal(alnum.json().cnpj, '12ABC34501DE35');
      assert.equal(alnum.json().possui_senha, false);
    });

    it('refuses bad CNPJ and CPF check digits, blank required fields and huge fields (422)', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ cnpj: '12.345.678/0001-96' }, 'cnpj'],
        [{ cnpj: '12ABC34501DE36' }, 'cnpj'],
        [{ cnpj: '11111111111111' }, 'cnpj'],
        [{ cpf: '529.982.247-26' }, 'cpf'],
        [{ cpf: '111.111.111-11' }, 'cpf'],
        [{ razao_social: '   ' }, 'razao_social'],
        [{ razao_social: 'x'.repeat(256) }, 'razao_social'],
        [{ dados_sat: 'x'.repeat(2001) }, 'dados_sat'],
        [{ senha_portal: 'x'.repeat(257) }, 'senha_portal'],
        [{ razao_social: 'nul\u0000byte' }, 'razao_social'],
        [{ filtro: 'nul\u0000byte' }, 'filtro'],
      ];
      for (const [fields, field] of cases) {
        const res = await create({ servico: `caso-${field}`, ...fields });
        assert.equal(res.statusCode, 422, `${field}: ${res.body.slice(0, 200)}`);
        assert.ok(Object.keys(res.json().error.details ?? {}).some((k) => k.includes(field)), res.body);
      }
      const count = await h.db.selectFrom('faturas_clientes').select((eb) => eb.fn.countAll<number>().as('n')).where('servico', 'like', 'caso-%').executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
    });

    it('answers 409 for the same CNPJ, operadora, unidade and serviço, on create and update', async () => {
      const first = await create({ servico: 'Link 409' });
      assert.equal(first.statusCode, 201);
      const again = await create({ servico: 'Link 409', cnpj: '12345678000195', razao_social: 'Outra' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.message, 'Já existe um cliente com este CNPJ, operadora, unidade e serviço.');
      const other = await create({ servico: 'Link 409b' });
      const moved = await h.as('ADMINISTRADOR', { method: 'PATCH', url: `${BASE}${other.json().id}`, payload: { servico: 'Link 409' } });
      assert.equal(moved.statusCode, 409);
      const sameCnpjOtherUnit = await create({ servico: 'Link 409', unidade: 'Dourados-MS' });
      assert.equal(sameCnpjOtherUnit.statusCode, 201);
    });

    it('keeps the stored password on a blank update, replaces it on a new one and erases it on null', async () => {
      const created = await create({ servico: 'Senha', senha_portal: SENHA, login_portal: 'login1' });
      const id = created.json().id;
      const reader = createCadastrosReader(h.runtime.core.database.db, h.runtime.core.secrets);
      const password = async () => (await reader.getClienteForRobot(id))?.senhaPortal;
      assert.equal(await password(), SENHA);
      await h.as('ADMINISTRADOR', { method: 'PUT', url: `${BASE}${id}`, payload: { senha_portal: '', razao_social: 'Renomeada' } });
      assert.equal(await password(), SENHA);
      await h.as('ADMINISTRADOR', { method: 'PATCH', url: `${BASE}${id}`, payload: { senha_portal: '   ' } });
      assert.equal(await password(), SENHA);
      const replaced = await h.as('ADMINISTRADOR', { method: 'PATCH', url: `${BASE}${id}`, payload: { senha_portal: 'nova-senha' } });
      assert.equal(replaced.json().possui_senha, true);
      assert.equal(await password(), 'nova-senha');
      const erased = await h.as('ADMINISTRADOR', { method: 'PATCH', url: `${BASE}${id}`, payload: { senha_portal: null } });
      assert.equal(erased.json().possui_senha, false);
      assert.equal(await password(), null);
      const robot = await reader.getClienteForRobot(id);
      assert.equal(robot?.loginPortal, 'login1');
      assert.equal(robot?.operadora.codigo, 'EMBRATEL');
      assert.equal(robot?.cliente.razao_social, 'Renomeada');
      assert.equal(await reader.getClienteForRobot('00000000-0000-4000-8000-000000000000'), undefined);
      const foreign = SecretBox.fromMaster('another-key-another-key-another-key!').encrypt('x');
      await h.db.updateTable('faturas_clientes').set({ senha_portal_cifrada: foreign }).where('id', '=', id).execute();
      await assert.rejects(reader.getClienteForRobot(id), (error: AppError) => error.statusCode === 422);
    });

    it('searches razão social, nome SAT, CNPJ with or without mask and filtro; filters and sorts', async () => {
      const vivo = await h.operadoraId('VIVO');
      await create({ razao_social: 'Padaria São João', nome_sat: 'PADARIA SJ', cnpj: CNPJS[1], operadora_id: vivo, filtro: 'CONTA-777', servico: 'Busca 1' });
      await create({ razao_social: 'Mercado 100% Bom_', nome_sat: 'MERCADO', cnpj: CNPJS[4], servico: 'Busca 2' });
      const q = async (query: string) => (await h.as('OPERADOR', { url: `${BASE}?${query}` })).json();
      assert.equal((await q('q=padaria%20sao')).count, 1);
      assert.equal((await q('q=PADARIA%20SJ')).count, 1);
      assert.equal((await q(`q=${encodeURIComponent('11.222.333/0001-81')}`)).count, 1);
      assert.equal((await q('q=11222333000181')).count, 1);
      assert.equal((await q('q=conta-777')).count, 1);
      assert.equal((await q('q=q0.slf')).count, 1);
      assert.equal((await q('q=100%25')).count, 1);
      assert.equal((await q('q=_')).count, 1);
      assert.equal((await q('q=padaria%00')).count, 1);
      assert.equal((await q(`operadora_id=${vivo}`)).count, 1);
      const all = await q('page_size=100');
      const desc = await q('page_size=100&ordering=-razao_social');
      assert.deepEqual(
        desc.results.map((c: { razao_social: string }) => c.razao_social),
        [...all.results.map((c: { razao_social: string }) => c.razao_social)].sort().reverse(),
      );
      assert.equal((await q('ordering=senha')).error.code, 'INVALID_PAYLOAD');
      assert.equal((await q('page_size=101')).error.code, 'INVALID_PAYLOAD');
    });

    it('deactivates on DELETE and lists only active clientes of active operadoras for robots', async () => {
      const created = await create({ servico: 'Desativar' });
      const id = created.json().id;
      assert.equal((await h.as('ADMINISTRADOR', { method: 'DELETE', url: `${BASE}${id}` })).statusCode, 204);
      const fetched = await h.as('OPERADOR', { url: `${BASE}${id}` });
      assert.equal(fetched.statusCode, 200);
      assert.equal(fetched.json().status_ativo, false);
      const inactive = await h.as('OPERADOR', { url: `${BASE}?status_ativo=false` });
      assert.ok(inactive.json().results.some((c: { id: string }) => c.id === id));

      const op = await h.as('ADMINISTRADOR', { method: 'POST', url: '/api/v1/faturas/operadoras/', payload: { nome: 'Temporária', codigo: 'TMP' } });
      const onTmp = await create({ operadora_id: op.json().id, servico: 'Temp' });
      const reader = createCadastrosReader(h.runtime.core.database.db, h.runtime.core.secrets);
      assert.ok((await reader.listActiveClientes()).some((c) => c.id === onTmp.json().id));
      await h.as('ADMINISTRADOR', { method: 'PATCH', url: `/api/v1/faturas/operadoras/${op.json().id}`, payload: { status_ativo: false } });
      const active = await reader.listActiveClientes();
      assert.ok(!active.some((c) => c.id === onTmp.json().id || c.id === id));
      assert.ok(active.every((c) => c.status_ativo && c.operadora.status_ativo));
      assert.deepEqual((await reader.listActiveClientes({ operadoraId: op.json().id })).length, 0);

      const onInactive = await create({ operadora_id: op.json().id, servico: 'Temp 2' });
      assert.equal(onInactive.statusCode, 422);
      assert.equal(onInactive.json().error.message, 'Operadora inativa: clientes só podem ser vinculados a operadoras ativas.');
      const stays = await h.as('ADMINISTRADOR', { method: 'PATCH', url: `${BASE}${onTmp.json().id}`, payload: { unidade: 'Outra' } });
      assert.equal(stays.statusCode, 200);
      const unknown = await create({ operadora_id: '00000000-0000-4000-8000-000000000000', servico: 'Temp 3' });
      assert.equal(unknown.statusCode, 422);
      assert.equal((await h.as('ADMINISTRADOR', { method: 'DELETE', url: `${BASE}00000000-0000-4000-8000-000000000000` })).statusCode, 404);
    });

    it('lets OPERADOR and APROVADOR read but not write, and nobody without a token', async () => {
      const id = (await create({ servico: 'Perfis' })).json().id;
      for (const perfil of ['OPERADOR', 'APROVADOR'] as const) {
        assert.equal((await h.as(perfil, { url: BASE })).statusCode, 200);
        assert.equal((await h.as(perfil, { url: `${BASE}${id}` })).statusCode, 200);
        assert.equal((await h.as(perfil, { method: 'POST', url: BASE, payload: novo({ servico: 'x' }) })).statusCode, 403);
        assert.equal((await h.as(perfil, { method: 'PUT', url: `${BASE}${id}`, payload: { servico: 'y' } })).statusCode, 403);
        assert.equal((await h.as(perfil, { method: 'PATCH', url: `${BASE}${id}`, payload: { servico: 'y' } })).statusCode, 403);
        assert.equal((await h.as(perfil, { method: 'DELETE', url: `${BASE}${id}` })).statusCode, 403);
      }
      for (const [method, url] of [['GET', BASE], ['POST', BASE], ['GET', `${BASE}${id}`], ['PUT', `${BASE}${id}`], ['PATCH', `${BASE}${id}`], ['DELETE', `${BASE}${id}`]] as const) {
        const res = await h.as(null, { method, url });
        assert.equal(res.statusCode, 401, `${method} ${url}`);
        assert.equal(res.json().error.code, 'UNAUTHORIZED');
      }
    });

    it('never shows the portal password in a response or a log line', async () => {
      const created = await create({ servico: 'Vazamento', senha_portal: SENHA });
      const answers = [created.body];
      answers.push((await h.as('OPERADOR', { url: `${BASE}${created.json().id}` })).body);
      answers.push((await h.as('OPERADOR', { url: `${BASE}?page_size=100` })).body);
      answers.push((await h.as('ADMINISTRADOR', { method: 'PATCH', url: `${BASE}${created.json().id}`, payload: { senha_portal: SENHA + '2', cnpj: 'inválido' } })).body);
      answers.push((await h.as('ADMINISTRADOR', { method: 'PATCH', url: `${BASE}${created.json().id}`, payload: { senha_portal: SENHA + '3' } })).body);
      answers.push((await h.as('OPERADOR', { url: `${BASE}exportar.csv` })).body);
      for (const text of [...answers, ...h.logs]) assert.ok(!text.includes(SENHA), text.slice(0, 200));
      assert.ok(h.logs.length > 0, 'the logger captured nothing');
    });
  });
}
