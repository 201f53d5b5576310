import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/portal-sandbox';
import { APROVADOR, clientesCsv, createUsers, missingRoutes, OPERADOR, signedIn, snapshotDist } from './faturas-support';
import { noBrowser, startConsole, type ConsoleHarness } from './support/browser';

const LONG = { timeout: 120_000 };
const SENHA_SANDBOX = SANDBOX_CREDENTIALS.senha;
// The session probe on /login answers 401 to a browser without a session: expected, not an error.
const EXPECTED_ERRORS = [/session\/refresh/, /status of 401/];

/**
 * The month through the console, as people do it: import the clientes, create the month's processos,
 * run the robots against the sandbox portals, approve with the PDF beside, send to SAT.
 */
describe('console: faturas, o mês inteiro', { skip: noBrowser }, () => {
  let h: ConsoleHarness;
  let dist = '';
  const errors: string[] = [];
  /** Routes of issue 11 this build of the service does not serve yet (404), by name. */
  const missing = new Set<string>();
  let admin: Page;

  const needs = (t: TestContext, ...routes: string[]) => {
    const absent = routes.filter((route) => missing.has(route));
    if (absent.length) t.skip(`o serviço ainda não serve: ${absent.join(', ')}`);
    return absent.length > 0;
  };

  before(async () => {
    // Only the modules the month needs: the run does not depend on unrelated ones.
    dist = await snapshotDist();
    h = await startConsole('faturas-mes', { RPA_SANDBOX: '1', MODULES: 'rpa,faturas', WEB_DIST: dist });
    await createUsers(h.admin);
    for (const [name, path] of Object.entries(await missingRoutes(h.service.url))) if (path) missing.add(name);
    admin = await signedIn(h, null, errors, '/faturas/clientes');
  });
  after(async () => {
    await h?.close();
    fs.rmSync(dist, { recursive: true, force: true });
    // Without the SSE route the live log falls back to polling; the browser still logs the 404.
    const tolerated = missing.has('sse') ? [...EXPECTED_ERRORS, /status of 404/] : EXPECTED_ERRORS;
    const unexpected = errors.filter((e) => !tolerated.some((pattern) => pattern.test(e)));
    if (missing.size) console.log(`rotas ainda ausentes no serviço: ${[...missing].join(', ')}`);
    assert.deepEqual(unexpected, [], 'erros no console do navegador');
  });

  it('importa os clientes de um CSV com uma linha ruim: a prévia a mostra, o resto entra', async (t) => {
    if (needs(t, 'importar')) return;
    await admin.getByRole('heading', { name: 'Clientes' }).waitFor();
    await admin.getByText('Nenhum cliente cadastrado').waitFor();
    await h.shot(admin, 'clientes-vazio');
    await admin.getByRole('button', { name: 'Importar CSV' }).first().click();
    const dialog = admin.getByRole('dialog', { name: 'Importar clientes (CSV)' });
    await dialog.locator('input[type=file]').setInputFiles({ name: 'clientes.csv', mimeType: 'text/csv', buffer: Buffer.from(clientesCsv()) });
    await dialog.getByRole('button', { name: 'Pré-visualizar' }).click();
    const errorsTable = dialog.getByRole('table', { name: 'Linhas com erro' });
    await errorsTable.waitFor();
    assert.equal(await errorsTable.locator('tbody tr').count(), 1);
    assert.match((await errorsTable.locator('tbody tr').first().textContent()) ?? '', /^4/, 'a linha 4 do arquivo (a terceira de dados)');
    await h.shot(admin, 'importar-previa');
    await dialog.getByRole('button', { name: /^Importar 2 cliente/ }).click();
    await dialog.getByText('Criados').waitFor();
    await dialog.getByRole('button', { name: 'Concluir' }).click();
    await admin.getByRole('row', { name: /Filial Norte/ }).first().waitFor();
    assert.equal(await admin.getByRole('row', { name: /Filial Norte/ }).count(), 2);
    await admin.getByRole('row', { name: /OI/ }).getByText('definida', { exact: true }).waitFor();
    await h.shot(admin, 'clientes');
  });

  it('o formulário de cliente confere os dígitos do CNPJ e do CPF enquanto se digita', async () => {
    await admin.goto('/faturas/clientes');
    await admin.getByRole('button', { name: 'Novo cliente' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Novo cliente' });
    await dialog.getByLabel('CNPJ').fill('11.222.333/0001-80');
    await dialog.getByText('CNPJ inválido: os dígitos verificadores não conferem.').waitFor();
    await dialog.getByLabel('CNPJ').fill('11.222.333/0001-81');
    await dialog.getByLabel('CNPJ válido').waitFor();
    await dialog.getByLabel('CPF').fill('123.456.789-00');
    await dialog.getByText('CPF inválido: os dígitos verificadores não conferem.').waitFor();
    await h.shot(admin, 'cliente-form-validacao');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
  });

  it('cria os processos do mês', async (t) => {
    if (needs(t, 'processos')) return;
    await admin.goto('/faturas/processos');
    await admin.getByRole('heading', { name: 'Processos' }).waitFor();
    await admin.getByRole('button', { name: 'Criar processos do mês' }).first().click();
    const dialog = admin.getByRole('dialog', { name: 'Criar processos do mês' });
    await dialog.getByRole('button', { name: 'Criar processos' }).click();
    await admin.getByText(/2 processo\(s\) criado\(s\), 0 já existiam/).waitFor();
    await admin.getByRole('row', { name: /Filial Norte/ }).nth(1).waitFor();
    await admin.getByLabel('Status').selectOption('AGUARDANDO_DOWNLOAD');
    await admin.waitForURL(/status=AGUARDANDO_DOWNLOAD/);
    await h.shot(admin, 'processos');
  });

  it('executa os downloads nos portais sandbox e acompanha um ao vivo até o fim', async (t) => {
    if (needs(t, 'processos', 'execucoes')) return;
    await admin.goto('/faturas/processos');
    await admin.getByRole('checkbox', { name: 'Selecionar todos desta página' }).check();
    await admin.getByRole('button', { name: 'Executar downloads' }).click();
    await admin.getByRole('dialog', { name: 'Executar downloads' }).getByRole('button', { name: 'Executar downloads' }).click();
    await admin.getByText(/2 download\(s\) iniciado\(s\)/).waitFor();
    await admin.getByRole('link', { name: 'Filial Norte Comércio Ltda' }).first().click();
    await admin.waitForURL(/\/faturas\/processos\/[\w-]+$/);
    const progress = admin.getByRole('progressbar', { name: 'Progresso da execução' });
    await progress.waitFor(LONG);
    await h.shot(admin, 'processo-ao-vivo');
    await admin.getByText('Aguardando aprovação', { exact: true }).first().waitFor(LONG);
    assert.equal(await progress.getAttribute('aria-valuenow'), '100');
    const frame = admin.locator('iframe[title^="Fatura"]');
    await frame.waitFor(LONG);
    const head = await frame.evaluate(async (element) => (await (await fetch((element as HTMLIFrameElement).src)).text()).slice(0, 5));
    assert.equal(head, '%PDF-');
    await h.shot(admin, 'processo-com-pdf');
    // The upload zone works from the keyboard: Enter opens the file picker.
    const [chooser] = await Promise.all([admin.waitForEvent('filechooser'), admin.getByRole('button', { name: /^Enviar PDF da fatura/ }).press('Enter')]);
    assert.equal(chooser.isMultiple(), false);

    // Manual upload of the same invoice: a non-PDF is refused before sending, a PDF replaces the file.
    const upload = admin.getByLabel('Arquivo PDF da fatura');
    await upload.setInputFiles({ name: 'planilha.csv', mimeType: 'text/csv', buffer: Buffer.from('a;b\n1;2') });
    await admin.getByText('Apenas arquivos PDF são permitidos.').waitFor();
    const bytes = await frame.evaluate(async (element) => [...new Uint8Array(await (await fetch((element as HTMLIFrameElement).src)).arrayBuffer())]);
    await upload.setInputFiles({ name: 'fatura-manual.pdf', mimeType: 'application/pdf', buffer: Buffer.from(bytes) });
    await admin.getByText('Fatura fatura-manual.pdf enviada: aguardando aprovação.').waitFor();
    await admin.getByText('Upload manual', { exact: true }).first().waitFor();
    await admin.getByText('fatura-manual.pdf', { exact: true }).waitFor();
  });

  it('um OPERADOR não recebe "Aprovar"; o APROVADOR aprova com o PDF ao lado', async (t) => {
    if (needs(t, 'processos', 'execucoes')) return;
    const processoUrl = admin.url();
    const operador = await signedIn(h, OPERADOR, errors, new URL(processoUrl).pathname);
    await operador.getByText('Aguardando um aprovador.').waitFor();
    assert.equal(await operador.getByRole('button', { name: 'Aprovar' }).count(), 0);
    await operador.close();

    const aprovador = await signedIn(h, APROVADOR, errors, new URL(processoUrl).pathname);
    await aprovador.getByRole('button', { name: 'Aprovar', exact: true }).click();
    const dialog = aprovador.getByRole('dialog', { name: 'Aprovar fatura' });
    const vencimento = dialog.getByLabel('Vencimento');
    if (!(await vencimento.inputValue())) await vencimento.fill(new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
    await h.shot(aprovador, 'aprovar');
    await dialog.getByRole('button', { name: 'Aprovar' }).click();
    await aprovador.getByText('Aguardando envio SAT', { exact: true }).first().waitFor();
    await aprovador.close();
  });

  it('o OPERADOR envia ao SAT e vê "Upload realizado"', async (t) => {
    if (needs(t, 'processos', 'execucoes')) return;
    // The original's address of the processo page still leads to it.
    const id = new URL(admin.url()).pathname.split('/').pop()!;
    const operador = await signedIn(h, OPERADOR, errors, `/processos/visualizar/${id}`);
    await operador.waitForURL(`**/faturas/processos/${id}`);
    await operador.getByRole('button', { name: 'Enviar ao SAT' }).click();
    await operador.getByRole('dialog', { name: 'Enviar ao SAT' }).getByRole('button', { name: 'Enviar ao SAT' }).click();
    await operador.getByText('Upload realizado', { exact: true }).first().waitFor(LONG);
    await operador.getByText(/^SAT-\d+$/).first().waitFor();
    await h.shot(operador, 'upload-realizado');
    await operador.close();
  });

  it('a execução mostra o log do robô; o sino lista as notificações', async (t) => {
    if (needs(t, 'execucoes', 'notificacoes')) return;
    await admin.goto('/faturas/execucoes');
    await admin.getByRole('heading', { name: 'Execuções' }).waitFor();
    await admin.getByLabel('Tipo').selectOption('DOWNLOAD_FATURA');
    await admin.waitForURL(/tipo=DOWNLOAD_FATURA/);
    await h.shot(admin, 'execucoes');
    await admin.getByRole('link', { name: /^Ver execução de Filial Norte/ }).first().click();
    await admin.waitForURL(/\/faturas\/execucoes\/[\w-]+$/);
    await admin.getByRole('log', { name: 'Log da execução' }).getByText(/Baixando a fatura/).waitFor();
    await admin.getByText('Parâmetros de entrada').waitFor();
    assert.equal(await admin.getByText(SENHA_SANDBOX).count(), 0, 'a senha do portal não aparece');
    await h.shot(admin, 'execucao');

    await admin.goto('/faturas/painel');
    await admin.getByRole('heading', { name: 'Robôs nos últimos 30 dias' }).waitFor();
    await admin.getByText(/de sucesso/).first().waitFor();
    await h.shot(admin, 'painel');

    await admin.getByRole('button', { name: /^Notificações/ }).click();
    await admin.getByRole('dialog').or(admin.getByText('Ver todas')).first().waitFor();
    await h.shot(admin, 'notificacoes-sino');
    await admin.keyboard.press('Escape');
  });

  it('um agendamento mostra o cron em palavras e as próximas cinco datas enquanto se digita; executar agora', async (t) => {
    if (needs(t, 'agendamentos')) return;
    await admin.goto('/faturas/agendamentos');
    await admin.getByRole('heading', { name: 'Agendamentos' }).waitFor();
    await admin.getByRole('button', { name: 'Novo agendamento' }).first().click();
    const dialog = admin.getByRole('dialog', { name: 'Novo agendamento' });
    await dialog.getByLabel('Nome').fill('Downloads dos dias úteis');
    await dialog.getByLabel('O que fazer').selectOption('EXECUTAR_DOWNLOADS');
    const cron = dialog.getByLabel(/^Quando/);
    await cron.fill('0 8 * * 1-');
    await dialog.getByText('Expressão cron inválida.').waitFor();
    await cron.fill('0 8 * * 1-5');
    await dialog.getByText('Às 08:00, de segunda-feira a sexta-feira').waitFor();
    assert.equal(await dialog.getByRole('listitem').count(), 5);
    await h.shot(admin, 'agendamento-cron');
    await dialog.getByRole('button', { name: 'Salvar' }).click();
    const row = admin.getByRole('row', { name: /Downloads dos dias úteis/ });
    await row.waitFor();
    await row.getByRole('button', { name: /^Executar agora/ }).click();
    await admin.getByRole('dialog', { name: 'Executar agora' }).getByRole('button', { name: 'Executar agora' }).click();
    await admin.getByText('Execução iniciada.').waitFor();
    await row.getByRole('button', { name: /^Últimas execuções/ }).click();
    await admin.getByRole('dialog', { name: /Últimas execuções/ }).getByRole('row').nth(1).waitFor();
    await h.shot(admin, 'agendamento-execucoes');
    await admin.keyboard.press('Escape');
  });
});
