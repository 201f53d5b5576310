import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { importCsv, manyClientesCsv, missingRoutes, signedIn, snapshotDist } from './faturas-support';
import { noBrowser, startConsole, type ConsoleHarness } from './support/browser';
import { ROOT } from './support/service';

const PROCESSOS = 10_000;
const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');
const DESKTOP = { width: 1366, height: 820 };
const PHONE = { width: 390, height: 844 };

/** Each faturas page, what shows it has content, and how to reach it. */
const PAGES: { name: string; path: (ids: Ids) => string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'painel', path: () => '/faturas/painel', ready: (p) => p.getByRole('heading', { name: /Em risco|Processos de/ }).or(p.getByRole('alert')).first().waitFor() },
  { name: 'processos', path: () => '/faturas/processos', ready: rows },
  { name: 'processo', path: (ids) => `/faturas/processos/${ids.processo}`, ready: (p) => p.getByRole('heading', { name: 'Dados enviados ao SAT' }).waitFor() },
  { name: 'clientes', path: () => '/faturas/clientes', ready: rows },
  { name: 'operadoras', path: () => '/faturas/operadoras', ready: rows },
  { name: 'execucoes', path: () => '/faturas/execucoes', ready: (p) => rowsOr(p, 'Nenhuma execução ainda') },
  { name: 'agendamentos', path: () => '/faturas/agendamentos', ready: (p) => rowsOr(p, 'Nenhum agendamento') },
  { name: 'notificacoes', path: () => '/faturas/notificacoes', ready: (p) => rowsOr(p, 'Nenhuma notificação aqui') },
];

interface Ids {
  processo: string;
}

const dataRows = (page: Page) => page.locator('main').locator('tbody tr, ul[aria-label] > li');

/** Moving between pages as people do, through the menu (the console is already loaded). */
async function byMenu(page: Page): Promise<string[]> {
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  const timings: string[] = [];
  for (const [link, name] of [
    ['Processos', 'processos'],
    ['Clientes', 'clientes'],
    ['Painel', 'painel'],
    ['Execuções', 'execucoes'],
    ['Operadoras', 'operadoras'],
    ['Agendamentos', 'agendamentos'],
  ] as const) {
    const target = PAGES.find((p) => p.name === name)!;
    const started = Date.now();
    await menu.getByRole('link', { name: link, exact: true }).last().click();
    await target.ready(page);
    timings.push(`${name} ${Date.now() - started} ms`);
  }
  return timings;
}

/** A data row: a table row on desktop, a card on a phone. */
function rows(page: Page): Promise<void> {
  return dataRows(page).first().waitFor();
}

/** A data row, or the list's empty state. */
function rowsOr(page: Page, empty: string): Promise<void> {
  return dataRows(page).or(page.getByText(empty)).first().waitFor();
}

/**
 * Every faturas page in light and dark, at desktop and phone width, over 10,000 processos: screenshots
 * for a person to look at, and the time each takes to show content (printed, not asserted).
 */
describe('console: páginas de faturas com 10.000 processos', { skip: noBrowser }, () => {
  let h: ConsoleHarness;
  let dist = '';
  const errors: string[] = [];
  const ids: Ids = { processo: '' };

  before(async () => {
    dist = await snapshotDist();
    h = await startConsole('faturas-paginas', { MODULES: 'rpa,faturas', WEB_DIST: dist });
    const missing = await missingRoutes(h.service.url);
    assert.ok(!missing.importar && !missing.processos, 'importação e processos são necessários para estas medidas');
    const imported = await importCsv(h.service.url, h.admin.token, manyClientesCsv(PROCESSOS));
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    const now = new Date();
    const mesAno = `${String(now.getMonth() + 1).padStart(2, '0')}/${now.getFullYear()}`;
    const created = await h.admin.ok<{ criados: number }>('POST', '/api/v1/faturas/processos/criar-mensais', { mes_ano: mesAno });
    assert.equal(created.criados, PROCESSOS);
    const first = await h.admin.ok<{ results: { id: string }[] }>('GET', '/api/v1/faturas/processos/?page_size=1');
    ids.processo = first.results[0]!.id;
    if (!missing.agendamentos) {
      await h.admin.ok('POST', '/api/v1/faturas/agendamentos/', {
        nome_agendamento: 'Processos do mês',
        descricao: 'Cria os processos no dia 1º',
        cron_expressao: '0 6 1 * *',
        tipo_agendamento: 'CRIAR_PROCESSOS_MENSAIS',
        parametros_execucao: { competencia: 'atual' },
      });
    }
  });
  after(async () => {
    await h?.close();
    fs.rmSync(dist, { recursive: true, force: true });
    const unexpected = errors.filter((e) => !/session\/refresh|status of 401/.test(e));
    assert.deepEqual(unexpected, [], 'erros no console do navegador');
  });

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['celular', PHONE],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${label}, tema ${scheme === 'light' ? 'claro' : 'escuro'}: cada página mostra conteúdo`, async () => {
        const page = await signedIn(h, null, errors, '/faturas/painel', viewport);
        await page.emulateMedia({ colorScheme: scheme });
        const timings: string[] = [];
        for (const target of PAGES) {
          const started = Date.now();
          await page.goto(target.path(ids));
          await target.ready(page);
          timings.push(`${target.name} ${Date.now() - started} ms`);
          // Charts and skeletons settle before the picture is taken.
          await page.waitForTimeout(300);
          await h.shot(page, `${target.name}-${label}-${scheme}`);
          // What fits on the screen, too: a phone's full page is too tall to judge at a glance.
          await page.screenshot({ path: path.join(SCREENSHOTS, `faturas-paginas-tela-${target.name}-${label}-${scheme}.png`) });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 1, `${target.name} a ${viewport.width}px rola na horizontal (${overflow}px)`);
        }
        console.log(`tempo até o conteúdo, carregando a página (${label}, ${scheme}, ${PROCESSOS} processos): ${timings.join(', ')}`);
        if (label === 'desktop' && scheme === 'light') console.log(`tempo até o conteúdo, pelo menu: ${(await byMenu(page)).join(', ')}`);
        await page.context().close();
      });
    }
  }
});
