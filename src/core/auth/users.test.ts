import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { testDialects } from '../testing/test-database.js';

for (const dialect of testDialects()) {
  describe(`users API (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dialect });
    });
    after(() => t.close());

    it('creates, lists with DRF pagination, updates and deactivates', async () => {
      const created = await t.injectAs('ADMINISTRADOR', {
        method: 'POST', url: '/api/v1/usuarios/',
        payload: { nome_completo: 'Bruno Operador', email: 'bruno@empresa.com.br', perfil: 'OPERADOR', password: 'senha-forte-1' },
      });
      assert.equal(created.statusCode, 201);
      const id = created.json().id;
      const dup = await t.injectAs('ADMINISTRADOR', {
        method: 'POST', url: '/api/v1/usuarios/',
        payload: { nome_completo: 'Outro', email: 'BRUNO@empresa.com.br', perfil: 'OPERADOR', password: 'senha-forte-1' },
      });
      assert.equal(dup.statusCode, 409);
      assert.deepEqual(dup.json().error.details, { email: ['Já existe um usuário com este e-mail.'] });

      const page = await t.injectAs('ADMINISTRADOR', { url: '/api/v1/usuarios/?page=1&page_size=1' });
      assert.equal(page.statusCode, 200);
      assert.equal(page.json().count, 2);
      assert.equal(page.json().results.length, 1);
      assert.match(page.json().next, /page=2/);
      assert.equal(page.json().previous, null);
      const tooBig = await t.injectAs('ADMINISTRADOR', { url: '/api/v1/usuarios/?page_size=101' });
      assert.equal(tooBig.statusCode, 422);

      const updated = await t.injectAs('ADMINISTRADOR', { method: 'PUT', url: `/api/v1/usuarios/${id}`, payload: { perfil: 'APROVADOR' } });
      assert.equal(updated.json().perfil, 'APROVADOR');
      const removed = await t.injectAs('ADMINISTRADOR', { method: 'DELETE', url: `/api/v1/usuarios/${id}` });
      assert.equal(removed.statusCode, 204);
      const fetched = await t.injectAs('ADMINISTRADOR', { url: `/api/v1/usuarios/${id}` });
      assert.equal(fetched.json().status_ativo, false);
    });

    it('shows a change to the caller in /me at once', async () => {
      const adminToken = await t.loginAs('ADMINISTRADOR');
      const me = () => t.app.inject({ url: '/api/v1/me/', headers: { authorization: `Bearer ${adminToken}` } }).then((r) => r.json());
      const before = await me();
      const renamed = await t.app.inject({ method: 'PUT', url: `/api/v1/usuarios/${before.id}`, payload: { nome_completo: 'Nome Novo' }, headers: { authorization: `Bearer ${adminToken}` } });
      assert.equal(renamed.statusCode, 200);
      assert.equal((await me()).nome_completo, 'Nome Novo');
      assert.deepEqual(Object.keys(before).sort(), Object.keys(await me()).sort());
    });

    it('never deactivates or demotes the last active administrator', async () => {
      const adminToken = await t.loginAs('ADMINISTRADOR');
      const me = await t.app.inject({ url: '/api/v1/me/', headers: { authorization: `Bearer ${adminToken}` } });
      const id = me.json().id;
      const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/usuarios/${id}`, headers: { authorization: `Bearer ${adminToken}` } });
      assert.equal(res.statusCode, 409);
      const demote = await t.app.inject({ method: 'PUT', url: `/api/v1/usuarios/${id}`, payload: { perfil: 'OPERADOR' }, headers: { authorization: `Bearer ${adminToken}` } });
      assert.equal(demote.statusCode, 409);
    });

    it('answers 404 in the envelope for an unknown user and 422 for a malformed id', async () => {
      const missing = await t.injectAs('ADMINISTRADOR', { url: '/api/v1/usuarios/00000000-0000-4000-8000-000000000000' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'NOT_FOUND');
      const bad = await t.injectAs('ADMINISTRADOR', { url: '/api/v1/usuarios/abc' });
      assert.equal(bad.statusCode, 422);
    });
  });
}
