import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, noBrowser, startConsole, type ConsoleHarness } from './support/browser';

const EXPIRED = 'Sua sessão expirou. Entre novamente.';

describe('console: sessão e acesso', { skip: noBrowser }, () => {
  let h: ConsoleHarness;
  before(async () => {
    h = await startConsole('sessao');
  });
  after(() => h?.close());

  it('entra com e-mail e senha, mostra o menu do perfil e lembra o tema', async () => {
    const page = await h.newPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    await h.shot(page, 'login');

    await page.getByLabel('E-mail').fill('admin@retaguarda.test');
    await page.getByLabel('Senha', { exact: true }).fill('senha-errada');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('alert').waitFor();
    await h.shot(page, 'login-senha-errada');

    await login(page);
    await page.getByRole('heading', { name: /Olá/ }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    for (const link of ['Clientes', 'Quem me deve', 'Execuções', 'Usuários']) {
      await nav.getByRole('link', { name: link }).first().waitFor();
    }
    await h.shot(page, 'inicio');

    await page.getByRole('button', { name: 'Usar tema escuro' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Usar tema claro' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('data-mantine-color-scheme'), 'dark');
    await h.shot(page, 'inicio-escuro');
    await page.getByRole('button', { name: 'Usar tema claro' }).click();

    await page.getByRole('button', { name: 'Sair' }).click();
    await page.waitForURL('**/login');
    assert.equal(await page.getByText(EXPIRED).count(), 0, 'sair não é expirar');
  });

  it('um OPERADOR não vê Usuários e recebe 403 ao abrir a página', async () => {
    await h.admin.ok('POST', '/api/v1/usuarios/', {
      nome_completo: 'Olga Operadora',
      email: 'olga@retaguarda.test',
      perfil: 'OPERADOR',
      password: 'senha-da-olga-1',
    });
    const page = await h.newPage();
    await page.goto('/login');
    await login(page, 'olga@retaguarda.test', 'senha-da-olga-1');
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    await nav.getByRole('link', { name: 'Clientes' }).first().waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Usuários' }).count(), 0);
    await h.shot(page, 'operador-inicio');

    await page.goto('/usuarios');
    await page.getByRole('heading', { name: 'Acesso negado' }).waitFor();
    await h.shot(page, 'operador-403');
  });

  it('sem o cookie de sessão, volta ao login com o aviso e depois à mesma página', async () => {
    const page = await h.newPage();
    await page.goto('/fiados/quem-me-deve');
    await login(page);
    await page.getByRole('heading', { name: 'Quem me deve' }).waitFor();

    await page.context().clearCookies();
    await page.reload();
    await page.waitForURL('**/login?next=%2Ffiados%2Fquem-me-deve');
    await page.getByText(EXPIRED).waitFor();
    await h.shot(page, 'sessao-expirada');

    await login(page);
    await page.waitForURL('**/fiados/quem-me-deve');
    await page.getByRole('heading', { name: 'Quem me deve' }).waitFor();
    // A module's bare path opens its first page.
    await page.goto('/fiados');
    await page.waitForURL('**/fiados/clientes');
    await page.getByRole('heading', { name: 'Clientes' }).waitFor();
    await page.goto('/rpa');
    await page.waitForURL('**/rpa/execucoes');
  });

  it('quando o access token vence e a renovação falha, volta ao login e retorna à página', async () => {
    const page = await h.newPage();
    await page.clock.install();
    await page.goto('/fiados/clientes');
    await login(page);
    await page.getByRole('heading', { name: 'Clientes' }).waitFor();

    await page.context().clearCookies();
    // Past any access token's lifetime: the renewal timer fires and finds no refresh cookie.
    await page.clock.fastForward('24:00:00');
    await page.waitForURL('**/login?next=%2Ffiados%2Fclientes');
    await page.getByText(EXPIRED).waitFor();

    await login(page);
    await page.waitForURL('**/fiados/clientes');
  });
});
