import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, BrowserContextOptions } from 'playwright-core';
import { sandboxInvoicePdf, startPortalSandbox, type PortalSandbox, type PortalSandboxOptions } from '../../../sandbox/portal-sandbox.js';
import { BrowserPool } from './browser-pool.js';
import { previousCompetencia, runDownloadRobot, type DownloadRobotInput } from './download-robot.js';
import { loadPortalConfig, OPERADORAS, type Operadora } from './portal-config.js';
import { RobotError } from './robot-error.js';
import { CHROMIUM_PATH, errorText, readBlob, recordingContext, skipWithoutChromium, tempBlobStore } from './robots.test-support.js';

const PASSWORD = 'Pw-Portal#7319-zq';

function portalFor(operadora: Operadora, baseUrl: string) {
  return loadPortalConfig(undefined, { operadoras: { [operadora]: { baseUrl } } }).operadoras[operadora];
}

function inputFor(operadora: Operadora, overrides: Partial<DownloadRobotInput> = {}): DownloadRobotInput {
  return {
    operadora,
    login: 'financeiro@cliente.com.br',
    senha: PASSWORD,
    filtro: '12345678',
    cnpj: '12.345.678/0001-90',
    competencia: '202401',
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<RobotError> {
  const error = await promise.then(
    () => assert.fail('o robô deveria ter falhado'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof RobotError, `esperava RobotError, veio ${String(error)}`);
  return error;
}

// Each test has its own sandbox and store, so they share one Chromium concurrently.
describe('runDownloadRobot against the portal sandboxes', { skip: skipWithoutChromium, concurrency: 4 }, () => {
  const pool = new BrowserPool({ executablePath: CHROMIUM_PATH });
  const sandboxes: PortalSandbox[] = [];
  const cleanups: Array<() => void> = [];
  const newContext = () => {
    const { storage, cleanup } = tempBlobStore();
    cleanups.push(cleanup);
    return recordingContext(storage);
  };
  const start = async (options: PortalSandboxOptions) => {
    const sandbox = await startPortalSandbox({
      credentials: { login: 'financeiro@cliente.com.br', senha: PASSWORD },
      competencias: ['202312', '202401'],
      ...options,
    });
    sandboxes.push(sandbox);
    return sandbox;
  };

  before(() => pool.browser());
  after(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
    await pool.close();
    for (const cleanup of cleanups) cleanup();
  });

  for (const operadora of OPERADORAS) {
    test(`${operadora}: downloads the invoice and stores the portal's exact bytes`, async () => {
      const sandbox = await start({ operadora });
      const ctx = newContext();
      const result = await runDownloadRobot({ browser: pool, portal: portalFor(operadora, sandbox.url), input: inputFor(operadora), ctx });

      const expected = sandboxInvoicePdf(operadora, '12345678', '202401');
      const filename = `fatura_${operadora.toLowerCase()}_12345678_202401.pdf`;
      assert.equal(result.key, `faturas/${operadora}/12345678000190/202401/${filename}`);
      assert.equal(result.size, expected.length);
      assert.deepEqual(await readBlob(ctx.storage, result.key), expected);
      assert.equal((await ctx.storage.head(result.key))?.contentType, 'application/pdf');
      assert.ok(sandbox.received.some((r) => r.path.endsWith('/202401/pdf')), 'o portal deveria ter servido o PDF');
      assert.ok(ctx.progressed.length >= 4);
      for (const { value } of ctx.progressed) assert.ok(value > 30 && value < 90, `progresso ${value} fora de (30, 90)`);
      assert.ok(!ctx.transcript().includes(PASSWORD));
    });
  }

  test('the default competência is the previous month', async () => {
    const competencia = previousCompetencia();
    const sandbox = await start({ operadora: 'OI', competencias: [competencia] });
    const ctx = newContext();
    const input = inputFor('OI', { competencia: undefined });
    const result = await runDownloadRobot({ browser: pool, portal: portalFor('OI', sandbox.url), input, ctx });
    assert.match(result.key, new RegExp(`/${competencia}/`));
  });

  test('a wrong password fails as authentication, with a screenshot, and the password appears nowhere', async () => {
    const sandbox = await start({ operadora: 'VIVO' });
    const ctx = newContext();
    const wrong = 'Errada!Senha-4821-xy';
    const error = await rejection(
      runDownloadRobot({ browser: pool, portal: portalFor('VIVO', sandbox.url), input: inputFor('VIVO', { senha: wrong }), ctx }),
    );
    assert.equal(error.category, 'authentication');
    assert.match(error.message, /autenticação/);
    const { screenshot, html } = error.artifacts ?? {};
    assert.ok(screenshot && html, 'a falha deveria ter deixado evidências');
    assert.match(screenshot, /^rpa\/artifacts\/[^/]+\/.+\.png$/);
    const png = await readBlob(ctx.storage, screenshot);
    assert.deepEqual(png?.subarray(0, 8), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const page = (await readBlob(ctx.storage, html))?.toString('utf8') ?? '';
    assert.match(page, /inválida/);
    assert.ok(ctx.lines.some((l) => l.level === 'error' && l.message.includes(screenshot)), 'o log deveria citar as evidências');
    for (const text of [ctx.transcript(), errorText(error), screenshot, html, page]) {
      assert.ok(!text.includes(wrong), `a senha vazou em: ${text.slice(0, 200)}`);
    }
  });

  test('a competência the portal does not list fails as no_invoice', async () => {
    const sandbox = await start({ operadora: 'EMBRATEL' });
    const ctx = newContext();
    const input = inputFor('EMBRATEL', { competencia: '202206' });
    const error = await rejection(runDownloadRobot({ browser: pool, portal: portalFor('EMBRATEL', sandbox.url), input, ctx }));
    assert.equal(error.category, 'no_invoice');
    assert.match(error.message, /06\/2022/);
    const stored = await ctx.storage.list('');
    assert.equal(stored.length, 2);
    assert.ok(stored.every((key) => key.startsWith('rpa/artifacts/')), 'só as evidências, nenhuma fatura');
  });

  test("a portal with no invoices at all (failure 'no_invoice') fails as no_invoice", async () => {
    const sandbox = await start({ operadora: 'DIGITALNET', failure: 'no_invoice' });
    const ctx = newContext();
    const error = await rejection(
      runDownloadRobot({ browser: pool, portal: portalFor('DIGITALNET', sandbox.url), input: inputFor('DIGITALNET'), ctx }),
    );
    assert.equal(error.category, 'no_invoice');
  });

  test('a portal answering 500 fails as navigation, naming the status', async () => {
    const sandbox = await start({ operadora: 'OI', failure: 'server_error' });
    const ctx = newContext();
    const error = await rejection(runDownloadRobot({ browser: pool, portal: portalFor('OI', sandbox.url), input: inputFor('OI'), ctx }));
    assert.equal(error.category, 'navigation');
    assert.match(error.message, /HTTP 500/);
  });

  test('an account the portal does not list fails as navigation', async () => {
    const sandbox = await start({ operadora: 'OI' });
    const ctx = newContext();
    const input = inputFor('OI', { filtro: '99999999' });
    const error = await rejection(runDownloadRobot({ browser: pool, portal: portalFor('OI', sandbox.url), input, ctx }));
    assert.equal(error.category, 'navigation');
    assert.match(error.message, /conta 99999999/);
  });

  test('a portal slower than the configured timeout fails as timeout, naming the step', async () => {
    const sandbox = await start({ operadora: 'VIVO', delayMs: 2000 });
    const ctx = newContext();
    const portal = loadPortalConfig(undefined, {
      operadoras: { VIVO: { baseUrl: sandbox.url, timeouts: { navigationMs: 500, actionMs: 500 } } },
    }).operadoras.VIVO;
    const error = await rejection(runDownloadRobot({ browser: pool, portal, input: inputFor('VIVO'), ctx }));
    assert.equal(error.category, 'timeout');
    assert.match(error.message, /tempo esgotado ao abrir a página de login/);
  });

  test('a portal nobody answers fails as navigation', async () => {
    const sandbox = await start({ operadora: 'OI' });
    await sandbox.close();
    const ctx = newContext();
    const error = await rejection(runDownloadRobot({ browser: pool, portal: portalFor('OI', sandbox.url), input: inputFor('OI'), ctx }));
    assert.equal(error.category, 'navigation');
    assert.match(error.message, /ERR_CONNECTION_REFUSED/);
  });

  test('an unconfigured portal fails at once, without opening a browser context', async () => {
    const ctx = newContext();
    const unconfigured = loadPortalConfig().operadoras.VIVO;
    const browser = { newContext: async () => assert.fail('não deveria abrir um contexto') };
    const error = await rejection(runDownloadRobot({ browser, portal: unconfigured, input: inputFor('VIVO'), ctx }));
    assert.equal(error.category, 'navigation');
    assert.match(error.message, /Portal da operadora VIVO não configurado/);
  });

  test('aborting the signal mid-run closes the context and fails as cancelled', async () => {
    const sandbox = await start({ operadora: 'OI', delayMs: 1500 });
    const opened: BrowserContext[] = [];
    const closed = new Set<BrowserContext>();
    const browser = {
      newContext: async (options?: BrowserContextOptions) => {
        const context = await pool.newContext(options);
        opened.push(context);
        context.on('close', () => closed.add(context));
        return context;
      },
    };
    const ctx = newContext();
    const realProgress = ctx.progress;
    ctx.progress = (value, message) => {
      realProgress(value, message);
      // The login post is now waiting on the slow portal.
      if (value === 45) setTimeout(() => ctx.controller.abort(), 200);
    };
    const error = await rejection(runDownloadRobot({ browser, portal: portalFor('OI', sandbox.url), input: inputFor('OI'), ctx }));
    assert.equal(error.category, 'cancelled');
    assert.match(error.message, /cancelada/);
    assert.equal(opened.length, 1);
    assert.ok(closed.has(opened[0]), 'o contexto do robô deveria estar fechado quando o erro chega');
    assert.deepEqual(await ctx.storage.list(''), []);
    assert.ok(!sandbox.received.some((r) => r.path.endsWith('/pdf')));
  });
});
