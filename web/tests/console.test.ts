import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { SANDBOX_ACCOUNTS, SANDBOX_CREDENTIALS } from '../../src/sandbox/portal-sandbox';
import { login, noBrowser, startConsole, type ConsoleHarness } from './support/browser';
import { ROOT } from './support/service';

const PHONE = { width: 390, height: 844 };
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

interface Purchase {
  id: number;
  total_value: number;
  total_paid_value: number;
  status: string;
}

/** Pastes text into the focused field the way a browser does (a paste event carrying the clipboard). */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Waits until the page shows its heading and nothing is loading anymore. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
  await page.waitForTimeout(250);
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A/AA and best practices). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

describe('console: dinheiro, busca no servidor, recebimento, celular, acessibilidade e entrega', { skip: noBrowser }, () => {
  let h: ConsoleHarness;
  let page: Page;
  let client: number;
  let purchases: number[];
  let failedJob: string;

  before(async () => {
    // Only the modules these pages belong to: the others' pages are checked by their own suites.
    h = await startConsole('console', { RPA_SANDBOX: '1', MODULES: 'fiados,rpa' });
    // 26 clients: "Tereza Conceição" sorts onto page 2 of 20, "João Ávila" needs accent-insensitive search.
    for (let i = 0; i < 24; i += 1) await h.admin.ok('POST', '/clients/', { name: `Cliente ${String(i).padStart(2, '0')}` });
    await h.admin.ok('POST', '/clients/', { name: 'Tereza Conceição', phone: '(11) 98888-2222' });
    await h.admin.ok('POST', '/clients/', { name: 'João Ávila', nickname: 'Jão' });
    client = (await h.admin.ok<{ client: { id: number } }>('POST', '/clients/', { name: 'Ana Recebe', email: 'ana@exemplo.com' })).client.id;
    purchases = [];
    for (const [description, total_value] of [['Arroz', 30], ['Feijão', 50], ['Café', 20]] as const) {
      purchases.push((await h.admin.ok<{ purchase: { id: number } }>('POST', `/purchases/${client}`, { description, total_value })).purchase.id);
    }
    const account = SANDBOX_ACCOUNTS[1]!;
    const job = await h.admin.request<{ job_id: string }>('POST', '/executar/OI', {
      login: SANDBOX_CREDENTIALS.login,
      senha: 'senha-errada',
      filtro: account.filtro,
      cnpj: account.cnpj,
    });
    failedJob = job.body.job_id;
    page = await h.newPage();
    await page.goto('/fiados/clientes');
    await login(page);
  });
  after(() => h?.close());

  it('dinheiro em pt-BR: 1.500 digitado é R$ 1.500,00 e R$ 1.234,56 colado é R$ 1.234,56', async () => {
    await page.goto(`/fiados/clientes/${client}`);
    await page.getByRole('button', { name: 'Nova compra' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nova compra' });
    await dialog.getByLabel('Descrição').fill('Adubo');
    const total = dialog.getByLabel('Valor total');
    await total.pressSequentially('1.500');
    await dialog.getByLabel('Valor da entrada').click();
    assert.equal(await total.inputValue(), '1.500,00', 'the typed 1.500 is one thousand five hundred');
    await paste(page, 'R$ 1.234,56');
    assert.equal(await dialog.getByLabel('Valor da entrada').inputValue(), '1.234,56');
    await h.shot(page, 'dinheiro-pt-br');
    await dialog.getByRole('button', { name: 'Registrar compra' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = (await h.admin.ok<{ purchases: Purchase[] }>('GET', `/clients/${client}/purchases`)).purchases.find((p) => p.total_value === 1500);
    assert.ok(saved, 'a purchase of R$ 1.500,00 was saved');
    assert.equal(saved.total_paid_value, 1234.56);

    // Typed with both marks; and a purchase paid off entirely is left alone by "Receber pagamento" below.
    await h.admin.ok('DELETE', `/purchases/${saved.id}`);
    await page.getByRole('button', { name: 'Nova compra' }).click();
    await dialog.getByLabel('Descrição').fill('Sementes');
    await dialog.getByLabel('Valor total').pressSequentially('1.234,56');
    await dialog.getByLabel('Valor da entrada').pressSequentially('1.234,56');
    await dialog.getByRole('button', { name: 'Registrar compra' }).click();
    await dialog.waitFor({ state: 'detached' });
    const typed = (await h.admin.ok<{ purchases: Purchase[] }>('GET', `/clients/${client}/purchases`)).purchases.find((p) => p.total_value === 1234.56);
    assert.equal(typed?.status, 'paid');
  });

  it('recebe um valor sobre várias compras, da mais antiga para a mais nova, com prévia', async () => {
    await page.goto(`/fiados/clientes/${client}`);
    await page.getByRole('button', { name: 'Receber pagamento' }).click();
    const dialog = page.getByRole('dialog', { name: 'Receber pagamento' });
    await dialog.getByLabel('Valor recebido').pressSequentially('60');
    const preview = dialog.getByRole('table', { name: 'Prévia da distribuição' });
    await preview.getByRole('row', { name: /Arroz/ }).waitFor();
    assert.match((await preview.getByRole('row', { name: /Arroz/ }).textContent()) ?? '', /Quitada/);
    assert.match((await preview.getByRole('row', { name: /Feijão/ }).textContent()) ?? '', /30,00.*20,00/);
    assert.equal(await preview.getByRole('row', { name: /Café/ }).count(), 0, 'the newest purchase is not reached');
    await h.shot(page, 'receber-pagamento');
    await dialog.getByRole('button', { name: /^Receber R\$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const paid = await Promise.all(purchases.map((id) => h.admin.ok<Purchase>('GET', `/purchases/${id}`)));
    assert.deepEqual(
      paid.map((p) => [p.status, p.total_paid_value]),
      [
        ['paid', 30],
        ['partial', 30],
        ['pending', 0],
      ],
    );
    assert.match((await page.getByLabel('Saldo devedor').textContent()) ?? '', /40,00/);
  });

  it('busca clientes no servidor, em todas as páginas, sem acento, e guarda na URL', async () => {
    await page.goto('/fiados/clientes');
    await page.getByRole('link', { name: 'Ana Recebe' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Tereza Conceição' }).count(), 0, 'on page 2');
    await page.getByLabel('Buscar').fill('tereza');
    await page.getByRole('link', { name: 'Tereza Conceição' }).waitFor();
    await page.waitForURL(/q=tereza/);
    await page.getByLabel('Buscar').fill('joao avila');
    await page.getByRole('link', { name: 'João Ávila' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'João Ávila' }).waitFor();
    assert.equal(await page.getByLabel('Buscar').inputValue(), 'joao avila', 'the search survives a reload');

    await page.goto('/fiados/clientes?situacao=devendo&sort=-balance');
    const rows = page.locator('tbody tr');
    await rows.first().getByRole('link', { name: 'Ana Recebe' }).waitFor();
    assert.equal(await rows.count(), 1);
    await page.getByRole('button', { name: /^Saldo/ }).click();
    await page.waitForURL(/sort=balance/);
    await h.shot(page, 'clientes-devendo');
  });

  it('no celular, listas viram cartões com as ações à mão e sem rolagem lateral', async () => {
    const phone = await h.newPage(PHONE);
    await phone.goto('/fiados/clientes');
    await login(phone);
    for (const [url, action] of [
      ['/fiados/clientes', /^Editar /],
      ['/rpa/execucoes', /^Reexecutar /],
      ['/usuarios', /^Editar /],
      ['/fiados/quem-me-deve', null],
    ] as const) {
      await phone.goto(url);
      await settled(phone);
      const card = phone.getByRole('listitem').first();
      await card.waitFor();
      if (action) assert.ok(await card.getByRole('button', { name: action }).first().isVisible(), `${url}: the action is on the card`);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${url}: ${overflow}px of sideways scrolling`);
    }
  });

  it('nenhuma violação séria ou crítica do axe em nenhuma página, nos dois temas; telas de computador e celular', async () => {
    await h.admin.request('GET', `/status/${failedJob}`);
    const pages: [string, string][] = [
      ['inicio', '/'],
      ['clientes', '/fiados/clientes'],
      ['cliente', `/fiados/clientes/${client}`],
      ['extrato', `/fiados/clientes/${client}/extrato`],
      ['quem-me-deve', '/fiados/quem-me-deve'],
      ['execucoes', '/rpa/execucoes'],
      ['execucao', `/rpa/execucoes/${failedJob}`],
      ['novo-download', '/rpa/novo-download'],
      ['envio-sat', '/rpa/envio-sat'],
      ['usuarios', '/usuarios'],
      ['nao-encontrado', '/fiados/clientes/abc'],
    ];
    const phone = await h.newPage(PHONE);
    await phone.goto('/');
    await login(phone);
    const failures: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      for (const target of [page, phone]) await target.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      for (const [name, url] of pages) {
        await page.goto(url);
        await settled(page);
        // Dark mode follows the OS while the user has not chosen.
        assert.equal(await page.locator('html').getAttribute('data-mantine-color-scheme'), scheme);
        assert.equal(await page.locator('h1').count(), 1, `${name}: one h1`);
        assert.match(await page.title(), / · Retaguarda$/);
        for (const violation of await axeViolations(page)) failures.push(`${name} (${scheme}): ${violation}`);
        await h.shot(page, `${name}-desktop-${scheme}`);
        await phone.goto(url);
        await settled(phone);
        await h.shot(phone, `${name}-celular-${scheme}`);
      }
      // The login page, signed out.
      const anonymous = await h.newPage();
      await anonymous.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await anonymous.goto('/login');
      await settled(anonymous);
      for (const violation of await axeViolations(anonymous)) failures.push(`login (${scheme}): ${violation}`);
      await h.shot(anonymous, `login-${scheme}`);
    }
    assert.deepEqual(failures, []);
  });

  it('entrega: /login com JS inicial ≤ 250 KB comprimido, sem 401 vermelho, favicon e cache imutável', async () => {
    const fresh = await h.newPage();
    const cdp = await fresh.context().newCDPSession(fresh);
    await cdp.send('Network.enable');
    const scripts = new Map<string, { bytes: number; encoding: string }>();
    const errors: string[] = [];
    cdp.on('Network.responseReceived', (event) => {
      if (event.type === 'Script') scripts.set(event.requestId, { bytes: 0, encoding: String(event.response.headers['content-encoding'] ?? '') });
      if (event.response.status >= 400) errors.push(`${event.response.status} ${event.response.url}`);
    });
    cdp.on('Network.loadingFinished', (event) => {
      const script = scripts.get(event.requestId);
      if (script) script.bytes = event.encodedDataLength;
    });
    await fresh.goto('/login');
    await fresh.getByLabel('E-mail').waitFor();
    await fresh.waitForTimeout(500);
    const total = [...scripts.values()].reduce((sum, s) => sum + s.bytes, 0) / 1024;
    console.log(`JS inicial de /login: ${total.toFixed(1)} KB transferidos em ${scripts.size} arquivos (${[...new Set([...scripts.values()].map((s) => s.encoding))].join(', ')})`);
    assert.ok(total <= 250, `${total.toFixed(1)} KB`);
    // The build compresses files above 1 KB; smaller ones are not worth it.
    assert.ok([...scripts.values()].every((s) => s.encoding === 'br' || s.bytes < 1_500), 'served brotli-compressed');
    assert.deepEqual(errors, [], 'no failed request on the login page (no refresh probe, a favicon)');

    const asset = await fresh.evaluate(() => (document.querySelector('script[type="module"]') as HTMLScriptElement).src);
    const head = await fetch(asset, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(head.headers.get('content-encoding'), 'gzip');
    assert.match(String(head.headers.get('cache-control')), /immutable/);
    const favicon = await fetch(new URL('/favicon.svg', h.service.url));
    assert.equal(favicon.status, 200);
    const shell = await fetch(new URL('/', h.service.url), { headers: { accept: '*/*' } });
    assert.match(String(shell.headers.get('content-type')), /text\/html/);
  });

  it('clientes num celular lento (CPU 4×, 4G lento): tempo até o conteúdo, medido e impresso', async () => {
    const slow = await h.newPage(PHONE);
    await slow.goto('/fiados/clientes');
    await login(slow);
    await slow.getByRole('link', { name: 'Ana Recebe' }).waitFor();
    const cdp = await slow.context().newCDPSession(slow);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    const started = Date.now();
    await slow.goto('/fiados/clientes', { waitUntil: 'commit' });
    await slow.getByRole('link', { name: 'Ana Recebe' }).waitFor({ timeout: 60_000 });
    const elapsed = Date.now() - started;
    console.log(`Clientes no celular lento (CPU 4×, 1,6 Mbps, 150 ms, sem cache): conteúdo em ${elapsed} ms`);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  });
});
