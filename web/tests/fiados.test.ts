import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { login, noBrowser, startConsole, type ConsoleHarness } from './support/browser';

/** Intl writes `R$ 0,00` with a no-break space, which `\s` matches. */
const escape = (text: string) => text.replace(/[$.]/g, '\\$&').replace(' ', '\\s');
const money = (text: string) => new RegExp(escape(text));
/** A cell holding exactly this amount. */
const moneyCell = (text: string) => new RegExp(`^${escape(text)}$`);

async function balance(page: Page): Promise<string> {
  return ((await page.getByLabel('Saldo devedor').textContent()) ?? '').replace(/\s+/g, ' ');
}

describe('console: fiados', { skip: noBrowser }, () => {
  let h: ConsoleHarness;
  let page: Page;
  before(async () => {
    h = await startConsole('fiados');
    page = await h.newPage();
    await page.goto('/fiados/clientes');
    await login(page);
  });
  after(() => h?.close());

  it('cliente, compra de R$ 150,75 com R$ 50,00 de entrada e pagamento de R$ 100,75: quitada sem recarregar', async () => {
    await page.getByRole('heading', { name: 'Clientes' }).waitFor();
    await h.shot(page, 'clientes-vazio');
    await page.getByRole('button', { name: 'Novo cliente' }).click();
    const clientDialog = page.getByRole('dialog', { name: 'Novo cliente' });
    await clientDialog.getByRole('button', { name: 'Salvar' }).click();
    await clientDialog.getByText('Campo obrigatório.').waitFor();
    await clientDialog.getByLabel('Nome').fill('Maria Souza');
    await clientDialog.getByLabel('Apelido').fill('maria');
    await clientDialog.getByLabel('Telefone').fill('99999-1111');
    await clientDialog.getByLabel('E-mail').fill('maria@email.com');
    await h.shot(page, 'novo-cliente');
    await clientDialog.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('heading', { name: 'Maria Souza' }).waitFor();
    await page.evaluate(() => Object.assign(window, { semRecarregar: true }));

    await page.getByRole('button', { name: 'Nova compra' }).click();
    const purchaseDialog = page.getByRole('dialog', { name: 'Nova compra' });
    await purchaseDialog.getByLabel('Descrição').fill('Compra de produtos agrícolas');
    await purchaseDialog.getByLabel('Valor total').fill('150,75');
    await purchaseDialog.getByLabel('Valor da entrada').fill('50,00');
    await purchaseDialog.getByLabel('Forma de pagamento da entrada').selectOption('pix');
    await h.shot(page, 'nova-compra');
    await purchaseDialog.getByRole('button', { name: 'Registrar compra' }).click();
    const purchase = page.getByRole('button', { name: /Compra de produtos agrícolas/ });
    await purchase.getByText('Parcial', { exact: true }).waitFor();
    assert.match(await balance(page), money('R$ 100,75'));

    await purchase.click();
    await page.getByRole('cell', { name: moneyCell('R$ 50,00') }).waitFor();
    await page.getByRole('button', { name: 'Registrar pagamento' }).click();
    const paymentDialog = page.getByRole('dialog', { name: 'Registrar pagamento' });
    await paymentDialog.getByLabel('Valor').fill('100,76');
    await paymentDialog.getByRole('button', { name: 'Registrar pagamento' }).click();
    await paymentDialog.getByText(/passa do que falta pagar/).waitFor();
    await paymentDialog.getByLabel('Valor').fill('100,75');
    await paymentDialog.getByLabel('Descrição').fill('Pagamento final');
    await h.shot(page, 'registrar-pagamento');
    await paymentDialog.getByRole('button', { name: 'Registrar pagamento' }).click();

    await purchase.getByText('Quitada', { exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Pagamento final' }).waitFor();
    assert.match(await balance(page), money('R$ 0,00'));
    assert.equal(await page.evaluate(() => 'semRecarregar' in window), true, 'a página não foi recarregada');
    await h.shot(page, 'compra-quitada');

    await page.getByRole('link', { name: 'Extrato' }).click();
    await page.getByRole('heading', { name: 'Extrato de Maria Souza' }).waitFor();
    await page.getByRole('cell', { name: 'Pagamento final' }).waitFor();
    await h.shot(page, 'extrato');
  });

  it('desativar um pagamento reabre a compra; restaurar quita de novo', async () => {
    await page.getByRole('link', { name: 'Voltar ao cliente' }).click();
    const purchase = page.getByRole('button', { name: /Compra de produtos agrícolas/ });
    await purchase.getByText('Quitada', { exact: true }).waitFor();
    await purchase.click();
    await page.getByRole('button', { name: /Desativar pagamento de R\$\s100,75/ }).click();
    await page.getByRole('dialog', { name: 'Desativar pagamento' }).getByRole('button', { name: 'Desativar' }).click();
    await purchase.getByText('Parcial', { exact: true }).waitFor();
    assert.match(await balance(page), money('R$ 100,75'));
    await page.getByRole('button', { name: /Restaurar pagamento de R\$\s100,75/ }).click();
    await purchase.getByText('Quitada', { exact: true }).waitFor();
    assert.match(await balance(page), money('R$ 0,00'));
  });

  it('"Quem me deve" lista o cliente com compra em aberto', async () => {
    const { client } = await h.admin.ok<{ client: { id: number } }>('POST', '/clients/', { name: 'João da Silva', nickname: 'joao' });
    await h.admin.ok('POST', `/purchases/${client.id}`, { description: 'Compra adubo', total_value: 76.9 });

    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Quem me deve' }).click();
    const row = page.getByRole('row', { name: /João da Silva/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', money('R$ 76,90'));
    assert.equal(await page.getByRole('row', { name: /Maria Souza/ }).count(), 0, 'quem quitou não deve');
    await h.shot(page, 'quem-me-deve');
  });

  it('lista de clientes: busca, desativa e restaura', async () => {
    await page.getByRole('navigation', { name: 'Menu principal' }).locator('a[href="/fiados/clientes"]').click();
    await page.getByRole('link', { name: 'João da Silva' }).waitFor();
    await page.getByLabel('Buscar').fill('mar');
    await page.getByRole('link', { name: 'João da Silva' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Maria Souza' }).waitFor();
    await page.getByLabel('Buscar').fill('');

    await page.getByRole('button', { name: 'Desativar João da Silva' }).click();
    await page.getByRole('dialog', { name: 'Desativar cliente' }).getByRole('button', { name: 'Desativar' }).click();
    await page.getByRole('link', { name: 'João da Silva' }).waitFor({ state: 'detached' });
    await page.getByText('Todos', { exact: true }).click();
    await page.getByRole('button', { name: 'Restaurar João da Silva' }).click();
    await page.getByRole('button', { name: 'Desativar João da Silva' }).waitFor();
    await h.shot(page, 'clientes');
  });

  it('em tela de celular, o menu abre pelo botão', async () => {
    const phone = await h.newPage({ width: 390, height: 844 });
    await phone.goto('/fiados/clientes');
    await login(phone);
    await phone.getByRole('heading', { name: 'Clientes' }).waitFor();
    await h.shot(phone, 'celular-clientes');
    await phone.getByRole('button', { name: 'Abrir menu' }).click();
    await h.shot(phone, 'celular-menu');
    await phone.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Quem me deve' }).click();
    await phone.getByRole('heading', { name: 'Quem me deve' }).waitFor();
    await h.shot(phone, 'celular-quem-me-deve');
    await phone.goBack();
    await phone.getByRole('link', { name: 'Maria Souza' }).click();
    await phone.getByRole('button', { name: /Compra de produtos agrícolas/ }).click();
    await phone.getByRole('button', { name: 'Registrar pagamento' }).waitFor();
    await h.shot(phone, 'celular-cliente');
  });
});
