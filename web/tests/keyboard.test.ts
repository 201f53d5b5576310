import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { noBrowser, startConsole, type ConsoleHarness } from './support/browser';
import { ADMIN } from './support/service';

/** Presses Tab until the focused element's accessible text matches, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element ? (element.getAttribute('aria-label') ?? element.innerText ?? '').trim() : '';
    });
    if (name.test(focused)) return;
  }
  assert.fail(`nenhum elemento focável com ${name} após ${limit} Tabs`);
}

describe('console: só com o teclado', { skip: noBrowser }, () => {
  let h: ConsoleHarness;
  before(async () => {
    h = await startConsole('teclado');
  });
  after(() => h?.close());

  it('entra, cria um cliente e uma compra e registra o pagamento sem mouse', async () => {
    const page = await h.newPage();
    await page.goto('/fiados/clientes');
    await page.waitForURL(/\/login/);

    // The e-mail field has focus on arrival.
    await page.getByLabel('E-mail').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'email');
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN.password);
    await h.shot(page, 'login-teclado');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Clientes' }).waitFor();

    await tabTo(page, /^Novo cliente$/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Novo cliente' }).waitFor();
    await page.keyboard.type('Teresa Teclado');
    await page.keyboard.press('Tab');
    await page.keyboard.type('teca');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Teresa Teclado' }).waitFor();
    await h.shot(page, 'cliente-criado');

    await tabTo(page, /^Nova compra$/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Nova compra' }).waitFor();
    await page.keyboard.type('Ração 15kg');
    await page.keyboard.press('Tab');
    await page.keyboard.type('89,90');
    await page.keyboard.press('Enter');
    const purchase = page.getByRole('button', { name: /Ração 15kg/ });
    await purchase.getByText('Pendente', { exact: true }).waitFor();

    await tabTo(page, /Ração 15kg/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^Registrar pagamento$/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Registrar pagamento' }).waitFor();
    await page.keyboard.type('89,90');
    await h.shot(page, 'pagamento-teclado');
    await page.keyboard.press('Enter');

    await purchase.getByText('Quitada', { exact: true }).waitFor();
    assert.match((await page.getByLabel('Saldo devedor').textContent()) ?? '', /R\$\s0,00/);
    await h.shot(page, 'quitada-teclado');
  });
});
