import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { SANDBOX_ACCOUNTS, SANDBOX_CREDENTIALS } from '../../src/sandbox/portal-sandbox';
import { login, noBrowser, startConsole, type ConsoleHarness } from './support/browser';

// A sandbox account; the console checks the CNPJ's form (14 characters), as the API does.
const ACCOUNT = SANDBOX_ACCOUNTS.find((account) => account.cnpj === '11222333000181')!;
const TIMEOUT = { timeout: 120_000 };

describe('console: robôs (RPA)', { skip: noBrowser }, () => {
  let h: ConsoleHarness;
  let page: Page;
  /** Why these scenarios cannot run against this build of the service, or null. */
  let unavailable: string | null = null;

  const skipIfUnavailable = (t: TestContext) => {
    if (unavailable) t.skip(unavailable);
    return unavailable !== null;
  };

  before(async () => {
    h = await startConsole('rpa', { RPA_SANDBOX: '1' });
    const probe = await h.admin.request('POST', '/executar/OI', {});
    if (probe.status === 404) unavailable = 'o serviço responde 404 em POST /executar/OI: o módulo rpa ainda não está pronto';
    page = await h.newPage();
    await page.goto('/rpa/execucoes');
    await login(page);
  });
  after(() => h?.close());

  async function startDownload(senha: string): Promise<void> {
    await page.goto('/rpa/novo-download');
    await page.getByLabel('Operadora').selectOption('OI');
    await page.getByLabel(/^Login no portal/).fill(SANDBOX_CREDENTIALS.login);
    await page.getByLabel(/^Senha do portal/).fill(senha);
    await page.getByLabel(/^Conta \/ contrato/).fill(ACCOUNT.filtro);
    await page.getByLabel(/^CNPJ/).fill('11.222.333/0001-81');
    await page.getByRole('button', { name: 'Iniciar download' }).click();
    await page.waitForURL(/\/rpa\/execucoes\/[\w-]+$/);
  }

  /** Waits for the job page to reach a final status; returns its label. */
  async function finalStatus(): Promise<string> {
    const final = page.getByRole('heading').getByText(/^(Concluído|Falhou|Cancelado)$/);
    await final.waitFor(TIMEOUT);
    return (await final.textContent()) ?? '';
  }

  it('valida o formulário antes de enviar', async () => {
    await page.goto('/rpa/novo-download');
    await page.getByLabel(/^CNPJ/).fill('12.345.678/0001');
    await page.getByText('Avançado').click();
    await page.getByLabel(/^ID do processo/).fill('123');
    await page.getByRole('button', { name: 'Iniciar download' }).click();
    await page.getByText('CNPJ inválido: informe os 14 caracteres.').waitFor();
    await page.getByText('Informe um UUID válido.').waitFor();
    assert.match(page.url(), /\/rpa\/novo-download$/);
    await h.shot(page, 'novo-download-invalido');

    await page.goto('/rpa/envio-sat');
    await page.getByLabel(/^Data de vencimento/).fill('31/02/2025');
    await page.getByRole('button', { name: 'Enviar ao SAT' }).click();
    await page.getByText('Data inválida.').waitFor();
    await h.shot(page, 'envio-sat-invalido');
  });

  it('um download da OI chega a 100% e "Concluído", e o PDF baixa', async (t) => {
    if (skipIfUnavailable(t)) return;
    await startDownload(SANDBOX_CREDENTIALS.senha);
    await h.shot(page, 'execucao-iniciada');
    const status = await finalStatus();
    const failure = page.getByRole('alert').filter({ hasText: 'Falha na execução' });
    const error = (await failure.count()) > 0 ? ((await failure.textContent()) ?? '') : '';
    if (status !== 'Concluído' && /não configurad/i.test(error)) {
      t.skip(`o serviço não ligou os robôs ao sandbox com RPA_SANDBOX=1: ${error}`);
      return;
    }
    assert.equal(status, 'Concluído', error);
    assert.equal(await page.getByRole('progressbar', { name: 'Progresso da execução' }).getAttribute('aria-valuenow'), '100');
    await h.shot(page, 'execucao-concluida');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Baixar PDF' }).click()]);
    const file = await download.path();
    assert.equal(fs.readFileSync(file).subarray(0, 4).toString(), '%PDF');

    // A completed download hands its account, CNPJ and file to the SAT form.
    await page.getByRole('link', { name: 'Enviar ao SAT' }).click();
    await page.waitForURL(/\/rpa\/envio-sat\?/);
    assert.equal(await page.getByLabel(/^Nome do filtro/).inputValue(), ACCOUNT.filtro);
    assert.match(await page.getByLabel(/^Nome do arquivo/).inputValue(), /\.pdf$/);
    assert.equal(await page.getByLabel(/^CNPJ/).inputValue(), '11.222.333/0001-81');
    await h.shot(page, 'envio-sat-preenchido');

    await page.goto('/rpa/execucoes');
    // Rows say which account and CNPJ each job was for, and the tabs count by status.
    const row = page.getByRole('row', { name: new RegExp(`OI · download · ${ACCOUNT.filtro}`) }).first();
    await row.getByText('Concluído').waitFor();
    await row.getByText('11.222.333/0001-81').waitFor();
    await page.getByRole('tab', { name: /^Falhou \(0\)/ }).click();
    await page.getByText('Nenhuma execução com estes filtros.').waitFor();
    assert.match(page.url(), /status=FAILED/, 'the tab is in the URL');
    await page.getByRole('tab', { name: /^Todas/ }).click();
    await row.waitFor();
    await h.shot(page, 'execucoes');
  });

  it('com a senha errada, a execução falha e mostra a captura de tela', async (t) => {
    if (skipIfUnavailable(t)) return;
    await startDownload('senha-errada');
    assert.equal(await finalStatus(), 'Falhou');
    await page.getByRole('alert').filter({ hasText: 'Falha na execução' }).waitFor();
    const screenshot = page.getByRole('img', { name: 'Captura de tela do portal no momento da falha' });
    await screenshot.waitFor();
    assert.ok(await screenshot.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0), 'a captura carregou');
    // What was asked is on the page, never the password.
    await page.getByRole('heading', { name: 'Entrada' }).waitFor();
    assert.equal(await page.getByText('senha-errada').count(), 0);
    await h.shot(page, 'execucao-falhou');

    // Reexecutar starts a new job with the same inputs, the stored password included: it fails the same way.
    const failedUrl = page.url();
    await page.getByRole('button', { name: 'Reexecutar' }).click();
    await page.waitForURL((url) => url.href !== failedUrl && /\/rpa\/execucoes\/[\w-]+$/.test(url.pathname));
    assert.equal(await finalStatus(), 'Falhou');
    await page.getByRole('alert').filter({ hasText: /recusou o login|senha/i }).waitFor();

    // Bulk: select both failed rows and re-run them from the list.
    await page.goto('/rpa/execucoes?status=FAILED');
    await page.getByRole('checkbox', { name: 'Selecionar todos desta página' }).check();
    await page.getByRole('button', { name: /^Reexecutar 2$/ }).click();
    await page.getByText('2 execuções reiniciadas.').waitFor();
    // The two failed jobs share account and month: a re-run already queued absorbs the other (idempotency).
    await page.getByRole('tab', { name: /^Todas \((4|5)\)/ }).waitFor(TIMEOUT);
  });
});
