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

    it('refuses an administrator deactivating themselves or dropping their own perfil', async () => {
      const adminToken = await t.loginAs('ADMINISTRADOR');
      const headers = { authorization: `Bearer ${adminToken}` };
      const id = (await t.app.inject({ url: '/api/v1/me/', headers })).json().id;
      const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/usuarios/${id}`, headers });
      assert.equal(removed.statusCode, 409);
      assert.equal(removed.json().error.message, 'Você não pode desativar a própria conta.');
      const inactive = await t.app.inject({ method: 'PUT', url: `/api/v1/usuarios/${id}`, payload: { status_ativo: false }, headers });
      assert.equal(inactive.json().error.message, 'Você não pode desativar a própria conta.');
      const demote = await t.app.inject({ method: 'PUT', url: `/api/v1/usuarios/${id}`, payload: { perfil: 'OPERADOR' }, headers });
      assert.equal(demote.statusCode, 409);
      assert.equal(demote.json().error.message, 'Você não pode remover o próprio perfil ADMINISTRADOR.');
      const same = await t.app.inject({ method: 'PUT', url: `/api/v1/usuarios/${id}`, payload: { perfil: 'ADMINISTRADOR', status_ativo: true }, headers });
      assert.equal(same.statusCode, 200);

      // Another administrator may be demoted and deactivated while one active administrator remains.
      const other = await t.app.inject({
        method: 'POST', url: '/api/v1/usuarios/', headers,
        payload: { nome_completo: 'Outra Admin', email: 'outra-admin@empresa.com.br', perfil: 'ADMINISTRADOR', password: 'senha-forte-1' },
      });
      const otherId = other.json().id;
      assert.equal((await t.app.inject({ method: 'PUT', url: `/api/v1/usuarios/${otherId}`, payload: { perfil: 'APROVADOR' }, headers })).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/usuarios/${otherId}`, headers })).statusCode, 204);
    });

    it('never deactivates or demotes the last active administrator', async () => {
      const users = t.runtime.services.users;
      const admins = (await users.list(1, 100)).results.filter((u) => u.perfil === 'ADMINISTRADOR' && u.status_ativo);
      assert.equal(admins.length, 1);
      const last = admins[0]!.id;
      await assert.rejects(users.update(last, { perfil: 'OPERADOR' }), { statusCode: 409, message: 'Não é possível desativar ou rebaixar o último ADMINISTRADOR ativo.' });
      await assert.rejects(users.deactivate(last), { statusCode: 409 });
      assert.equal((await users.get(last)).perfil, 'ADMINISTRADOR');
    });

    it('records the last login of the token and console session logins, null until then', async () => {
      const created = await t.injectAs('ADMINISTRADOR', {
        method: 'POST', url: '/api/v1/usuarios/',
        payload: { nome_completo: 'Carla Login', email: 'carla@empresa.com.br', perfil: 'OPERADOR', password: 'senha-forte-1' },
      });
      const id = created.json().id;
      assert.equal(created.json().last_login, null);
      const detail = () => t.injectAs('ADMINISTRADOR', { url: `/api/v1/usuarios/${id}` }).then((r) => r.json());
      const failed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', payload: { username: 'carla@empresa.com.br', password: 'errada-123' } });
      assert.equal(failed.statusCode, 401);
      assert.equal((await detail()).last_login, null);

      const before = Date.now();
      const token = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', payload: { username: 'carla@empresa.com.br', password: 'senha-forte-1' } });
      assert.equal(token.statusCode, 200);
      const first = (await detail()).last_login as string;
      assert.ok(Date.parse(first) >= before - 1000, first);
      const listed = await t.injectAs('ADMINISTRADOR', { url: '/api/v1/usuarios/?page_size=100' });
      assert.equal(listed.json().results.find((u: { id: string }) => u.id === id).last_login, first);

      await new Promise((resolve) => setTimeout(resolve, 5));
      const session = await t.app.inject({ method: 'POST', url: '/api/v1/auth/session/', payload: { username: 'carla@empresa.com.br', password: 'senha-forte-1' } });
      assert.equal(session.statusCode, 200);
      assert.ok(Date.parse((await detail()).last_login) > Date.parse(first));
      assert.equal(session.json().user.last_login, (await detail()).last_login);
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
