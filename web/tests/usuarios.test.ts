import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, noBrowser, startConsole, type ConsoleHarness } from './support/browser';
import { ApiSession } from './support/service';

describe('console: usuários', { skip: noBrowser }, () => {
  let h: ConsoleHarness;
  before(async () => {
    // Users are core: the modules' own pages are not what this suite checks.
    h = await startConsole('usuarios', { MODULES: 'fiados,rpa' });
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
    await create.getByText('A senha deve ter pelo menos 10 caracteres.').waitFor();
    await h.shot(page, 'novo-usuario-invalido');
    await create.getByLabel('E-mail').fill('ana@retaguarda.test');
    await create.getByLabel(/^Senha/).fill('senha-da-ana-1');
    await create.getByRole('button', { name: 'Salvar' }).click();
    const row = page.getByRole('row', { name: /Ana Aprovadora/ });
    await row.getByText('Operador', { exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'Último acesso' }).waitFor();
    await row.getByText('Nunca', { exact: true }).waitFor();

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
    // Her login shows as the last access once the list is read again (the next save refreshes it).
    await page.reload();
    // Both "Criado em" and "Último acesso" now show a date and time.
    await row.getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).nth(1).waitFor();
    assert.equal(await row.getByText('Nunca', { exact: true }).count(), 0);

    await page.getByRole('button', { name: 'Desativar Ana Aprovadora' }).click();
    await page.getByRole('dialog', { name: 'Desativar usuário' }).getByRole('button', { name: 'Desativar' }).click();
    await row.getByText('Desativado', { exact: true }).waitFor();
    await h.shot(page, 'usuarios');
    await assert.rejects(ApiSession.login(h.service.url, 'ana@retaguarda.test', 'outra-senha-da-ana'));

    // A deactivated user comes back with one button.
    await page.getByRole('button', { name: 'Reativar Ana Aprovadora' }).click();
    await row.getByText('Ativo', { exact: true }).waitFor();
  });

  it('busca sem acento, senha fraca recusada com motivo, e o administrador não pode se rebaixar nem se desativar', async () => {
    const page = await h.newPage();
    await page.goto('/usuarios');
    await login(page);
    await page.getByLabel('Buscar').fill('aprovadora');
    await page.getByRole('row', { name: /Ana Aprovadora/ }).waitFor();
    assert.equal(await page.getByRole('row', { name: /Administrador/ }).count(), 0);
    await page.getByLabel('Buscar').fill('');

    await page.getByRole('button', { name: 'Novo usuário' }).click();
    const create = page.getByRole('dialog', { name: 'Novo usuário' });
    await create.getByLabel(/^Senha/).fill('12345678901');
    await create.getByRole('button', { name: 'Salvar' }).click();
    await create.getByText('Misture letras com números ou símbolos.').waitFor();
    await create.getByRole('button', { name: 'Cancelar' }).click();

    await page.getByRole('button', { name: 'Editar Administrador' }).click();
    const edit = page.getByRole('dialog', { name: 'Editar usuário' });
    await edit.getByText('Você não pode desativar a própria conta.').waitFor();
    assert.equal(await edit.getByLabel('Usuário ativo').count(), 0);
    await edit.getByText('Você não pode remover o próprio perfil de administrador.').waitFor();
    assert.equal(await edit.getByLabel('Perfil').isDisabled(), true);
    await h.shot(page, 'auto-rebaixamento');
    await edit.getByRole('button', { name: 'Cancelar' }).click();
    // The server refuses it too, whatever the client sends.
    const me = await h.admin.ok<{ results: { id: string; nome_completo: string; perfil: string }[] }>('GET', '/api/v1/usuarios/?page_size=100');
    const admin = me.results.find((u) => u.nome_completo === 'Administrador');
    assert.equal(admin?.perfil, 'ADMINISTRADOR');
    const demoted = await h.admin.request('PUT', `/api/v1/usuarios/${admin?.id}`, { perfil: 'OPERADOR' });
    assert.equal(demoted.status, 409);
  });
});
