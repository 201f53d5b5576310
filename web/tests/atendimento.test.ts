import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { login, noBrowser, startConsole, type ConsoleHarness } from './support/browser';

describe('console: atendimento', { skip: noBrowser }, () => {
  let h: ConsoleHarness;
  let page: Page;
  before(async () => {
    h = await startConsole('atendimento', { WHATSAPP_STUB_FAST: '1' });
    page = await h.newPage();
    await page.goto('/atendimento/whatsapp');
    await login(page);
  });
  after(() => h?.close());

  it('connects and disconnects the WhatsApp session, its state live', async () => {
    await page.goto('/atendimento/whatsapp');
    await page.getByText('Desconectado').waitFor();
    await page.getByRole('button', { name: 'Conectar', exact: true }).click();
    await page.getByText('Pronto', { exact: true }).waitFor();
    await h.shot(page, 'whatsapp-pronto');
    await page.getByRole('button', { name: 'Desconectar', exact: true }).click();
    await page.getByText('Desconectado').waitFor();
  });

  it('checks the CNPJ before saving the company, then saves it', async () => {
    await page.goto('/atendimento/configuracao');
    await page.getByLabel('CNPJ').fill('11.222.333/0001-8');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText(/Falta/).waitFor();
    await page.getByLabel('CNPJ').fill('11.222.333/0001-81');
    await page.getByLabel('Razão social').fill('Empresa de Teste Ltda');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('Configuração salva.').waitFor();
    await h.shot(page, 'configuracao-empresa');
  });
});
