import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const dialects = ['sqlite', ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : [])] as const;

for (const dialect of dialects) {
  describe(`authz, login by username, /me (${dialect})`, () => {
    let t: TestApp;
    let admin: string;
    before(async () => {
      t = await createTestApp({ dialect });
      admin = await t.loginAs('ADMINISTRADOR');
    });
    after(() => t.close());

    const as = (token: string, method: string, url: string, payload?: unknown) =>
      t.app.inject({ method: method as 'GET', url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });

    it('logs in with the login name or the e-mail in `username`', async () => {
      const user = await t.runtime.services.users.create({
        nome_completo: 'Ana Agente', email: 'Ana@Empresa.com.br', username: 'ana', perfil: 'OPERADOR', password: 'senha-forte-123',
      });
      assert.equal(user.username, 'ana');
      for (const username of ['ana', 'ana@empresa.com.br', 'ANA@empresa.com.br']) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', payload: { username, password: 'senha-forte-123' } });
        assert.equal(res.statusCode, 200, username);
        assert.deepEqual(Object.keys(res.json()).sort(), ['access', 'refresh']);
      }
      const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', payload: { username: 'ANA', password: 'senha-forte-123' } });
      assert.equal(wrong.statusCode, 401);
    });

    it('/me carries username and display_name; PATCH changes only the own name and telephone', async () => {
      const user = await t.runtime.services.users.create({ nome_completo: 'Bia', email: 'bia@empresa.com.br', perfil: 'OPERADOR', password: 'senha-forte-123' });
      const token = await t.runtime.services.tokens.issueAccess(user.id);
      const me = (await as(token, 'GET', '/api/v1/me/')).json();
      assert.equal(me.username, 'bia@empresa.com.br');
      assert.equal(me.display_name, 'Bia');
      const res = await as(token, 'PATCH', '/api/v1/me/', { display_name: 'Beatriz', phone_number: '+5511912345678', username: 'hacker', perfil: 'ADMINISTRADOR', is_superuser: true });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.display_name, 'Beatriz');
      assert.equal(body.telefone, '+5511912345678');
      assert.equal(body.username, 'bia@empresa.com.br');
      assert.equal(body.perfil, 'OPERADOR');
      assert.equal((await as(token, 'GET', '/api/v1/me/')).json().display_name, 'Beatriz');
      const bad = await as(token, 'PATCH', '/api/v1/me/', { display_name: 'x'.repeat(500) });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'INVALID_PAYLOAD');
      assert.ok(bad.json().error.details.display_name);
    });

    it('lists the permission catalogue, with what routes require', async () => {
      const token = await t.loginAs('OPERADOR');
      const res = await as(token, 'GET', '/api/v1/authz/permissions/');
      assert.equal(res.statusCode, 200);
      const perms = res.json() as { id: number; app_label: string; codename: string; model: string; name: string }[];
      const names = perms.map((p) => `${p.app_label}.${p.codename}`);
      for (const expected of ['core.manage_config_company', 'core.manage_config_whatsapp', 'core.manage_config_documents', 'accounts.manage_auth']) {
        assert.ok(names.includes(expected), expected);
      }
      assert.ok(perms.every((p) => Number.isInteger(p.id)));
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/authz/permissions/' })).statusCode, 401);
    });

    it('seeds Atendente, Supervisor and Gerente; group CRUD with integer ids', async () => {
      const groups = (await as(admin, 'GET', '/api/v1/authz/groups/')).json() as { id: number; name: string }[];
      for (const name of ['Atendente', 'Supervisor', 'Gerente']) assert.ok(groups.some((g) => g.name === name), name);
      const perms = (await as(admin, 'GET', '/api/v1/authz/permissions/')).json() as { id: number }[];
      const created = await as(admin, 'POST', '/api/v1/authz/groups/', { name: 'Financeiro', permissions: [perms[0]!.id] });
      assert.equal(created.statusCode, 201);
      const group = created.json();
      assert.ok(Number.isInteger(group.id));
      assert.deepEqual(group.permissions, [perms[0]!.id]);
      assert.equal((await as(admin, 'POST', '/api/v1/authz/groups/', { invalid: 'data' })).statusCode, 400);
      assert.equal((await as(admin, 'POST', '/api/v1/authz/groups/', { name: 'Financeiro' })).statusCode, 400);
      assert.equal((await as(admin, 'GET', `/api/v1/authz/groups/${group.id}/`)).statusCode, 200);
      assert.equal((await as(admin, 'GET', '/api/v1/authz/groups/99999/')).statusCode, 404);
      const patched = await as(admin, 'PATCH', `/api/v1/authz/groups/${group.id}/`, { name: 'Financeiro 2', permissions: [] });
      assert.deepEqual(patched.json(), { id: group.id, name: 'Financeiro 2', permissions: [] });
      const invalid = await as(admin, 'PATCH', `/api/v1/authz/groups/${group.id}/`, { permissions: ['invalid'] });
      assert.equal(invalid.statusCode, 400);
      assert.ok(invalid.json().error.details.permissions);
      assert.equal((await as(admin, 'DELETE', `/api/v1/authz/groups/${group.id}/`)).statusCode, 204);
      assert.equal((await as(admin, 'GET', `/api/v1/authz/groups/${group.id}/`)).statusCode, 404);
    });

    it("a user's permissions are their own plus their groups', applied at once", async () => {
      const user = await t.runtime.services.users.create({ nome_completo: 'Caio', email: 'caio@empresa.com.br', perfil: 'OPERADOR', password: 'senha-forte-123' });
      const token = await t.runtime.services.tokens.issueAccess(user.id);
      assert.equal((await as(token, 'GET', '/api/v1/authz/groups/')).statusCode, 403);
      const gerente = ((await as(admin, 'GET', '/api/v1/authz/groups/')).json() as { id: number; name: string }[]).find((g) => g.name === 'Gerente')!;
      const set = await as(admin, 'PATCH', `/api/v1/authz/agents/${user.id}/groups/`, { group_ids: [gerente.id, 99999] });
      assert.equal(set.statusCode, 200);
      assert.deepEqual(set.json().map((g: { id: number }) => g.id), [gerente.id]);
      assert.equal((await as(token, 'GET', '/api/v1/authz/groups/')).statusCode, 200);
      assert.ok((await as(token, 'GET', '/api/v1/me/')).json().permissions.includes('accounts.manage_auth'));
      assert.equal((await as(admin, 'GET', `/api/v1/authz/agents/${user.id}/groups/`)).json().length, 1);
      await as(admin, 'PATCH', `/api/v1/authz/agents/${user.id}/groups/`, { group_ids: [] });
      assert.equal((await as(token, 'GET', '/api/v1/authz/groups/')).statusCode, 403);
      assert.equal((await as(admin, 'PATCH', `/api/v1/authz/agents/${user.id}/groups/`, {})).statusCode, 400);
      assert.equal((await as(admin, 'GET', '/api/v1/authz/agents/00000000-0000-4000-8000-000000000000/groups/')).statusCode, 404);
    });

    it('serves /api/schema/, /api/docs/ and /api/redoc/ (ReDoc from the package)', async () => {
      const schema = await t.app.inject({ method: 'GET', url: '/api/schema/' });
      assert.equal(schema.statusCode, 200);
      assert.ok(schema.json().paths['/api/v1/authz/groups/']);
      const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      assert.equal(docs.statusCode, 200);
      const redoc = await t.app.inject({ method: 'GET', url: '/api/redoc/' });
      assert.equal(redoc.statusCode, 200);
      assert.match(redoc.body, /redoc\.standalone\.js/);
      assert.doesNotMatch(redoc.body, /https?:\/\//);
      const bundle = await t.app.inject({ method: 'GET', url: '/api/redoc/redoc.standalone.js' });
      assert.equal(bundle.statusCode, 200);
      assert.ok(bundle.body.length > 100_000);
    });
  });
}
