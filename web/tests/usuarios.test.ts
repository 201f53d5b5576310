import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, noBrowser, startConsole, type ConsoleHarness } from './support/browser';
import { ApiSession } from './support/service';

describe('console: usuários', { skip: noBrowser }, () => {
  let h: ConsoleHarness;
  before(async () => {
    h = await startConsole('usuarios');
  });
  after(() => h?.close());

  it('o administrador cria, edita o perfil, define a senha e desativa um usuário', async () => {
    const page = await h.newPage();
    await page.goto('/usuarios');
    await login(page);
    await page.getByRole('heading', { name: 'Usuários' }).waitFor();

    await page.getByRole('button', { name: 'Novo usuário' }).click();
    const create = page.getByRole('dialog', { name: 'Novo usuário' });
    await create.getByLabel('Nome completo').fill('Ana Aprovadora');
    await create.getByLabel('E-mail').fill('ana-invalida');
    await create.getByLabel(/^Senha/).fill('curta');
    await create.getByRole('button', { name: 'Salvar' }).click();
    await create.getByText('E-mail inválido.').waitFor();
    await create.getByText('A senha deve ter pelo menos 8 caracteres.').waitFor();
    await h.shot(page, 'novo-usuario-invalido');
    await create.getByLabel('E-mail').fill('ana@retaguarda.test');
    await create.getByLabel(/^Senha/).fill('senha-da-ana-1');
    await create.getByRole('button', { name: 'Salvar' }).click();
    const row = page.getByRole('row', { name: /Ana Aprovadora/ });
    await row.getByText('Operador', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Editar Ana Aprovadora' }).click();
    const edit = page.getByRole('dialog', { name: 'Editar usuário' });
    await edit.getByLabel('Perfil').selectOption('APROVADOR');
    await edit.getByRole('button', { name: 'Salvar' }).click();
    await row.getByText('Aprovador', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Definir senha de Ana Aprovadora' }).click();
    const password = page.getByRole('dialog', { name: 'Definir senha' });
    await password.getByLabel('Nova senha').fill('outra-senha-da-ana');
    await password.getByLabel('Repita a senha').fill('outra-senha-da-ana');
    await password.getByRole('button', { name: 'Salvar senha' }).click();
    await password.waitFor({ state: 'detached' });
    await ApiSession.login(h.service.url, 'ana@retaguarda.test', 'outra-senha-da-ana');

    await page.getByRole('button', { name: 'Desativar Ana Aprovadora' }).click();
    await page.getByRole('dialog', { name: 'Desativar usuário' }).getByRole('button', { name: 'Desativar' }).click();
    await row.getByText('Desativado', { exact: true }).waitFor();
    await h.shot(page, 'usuarios');
    await assert.rejects(ApiSession.login(h.service.url, 'ana@retaguarda.test', 'outra-senha-da-ana'));
  });
});
