import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, BrowserContextOptions } from 'playwright-core';
import { sandboxInvoicePdf } from '../../../sandbox/invoice-pdf.js';
import { startSatSandbox, type SatSandbox } from '../../../sandbox/sat-sandbox.js';
import { BrowserPool } from './browser-pool.js';
import { loadPortalConfig } from './portal-config.js';
import { RobotError } from './robot-error.js';
import { runSatRobot, type SatRobotInput } from './sat-robot.js';
import { CHROMIUM_PATH, errorText, readBlob, recordingContext, skipWithoutChromium, tempBlobStore } from './robots.test-support.js';

const CREDENTIALS = { login: 'robo@empresa.com.br', senha: 'Sat-Senha!5521-kp' };
const INVOICE_KEY = 'faturas/OI/12345678000190/202401/fatura_oi_12345678_202401.pdf';
const PDF = sandboxInvoicePdf('OI', '12345678', '202401');

const INPUT: SatRobotInput = {
  cnpj: '12.345.678/0001-90',
  razao: 'EMPRESA EXEMPLO LTDA',
  operadora: 'OI',
  nome_filtro: 'OI FIXO',
  unidade: 'UNIDADE CENTRAL',
  servico: 'TELEFONIA',
  dados_sat: 'DADOS_SAT_EXEMPLO',
  nome_arquivo: INVOICE_KEY,
  data_vencimento: '15/01/2024',
};

async function rejection(promise: Promise<unknown>): Promise<RobotError> {
  const error = await promise.then(
    () => assert.fail('o robô deveria ter falhado'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof RobotError, `esperava RobotError, veio ${String(error)}`);
  return error;
}

// Each test has its own SAT sandbox and store, so they share one Chromium concurrently.
describe('runSatRobot against the SAT sandbox', { skip: skipWithoutChromium, concurrency: 4 }, () => {
  const pool = new BrowserPool({ executablePath: CHROMIUM_PATH });
  const cleanups: Array<() => void> = [];
  const sandboxes: SatSandbox[] = [];
  const start = async (delayMs = 0) => {
    const sat = await startSatSandbox({ credentials: CREDENTIALS, delayMs });
    sandboxes.push(sat);
    return { sat, portal: loadPortalConfig(undefined, { sat: { baseUrl: sat.url } }).sat };
  };
  const newContext = async (files: Record<string, Buffer> = { [INVOICE_KEY]: PDF }) => {
    const { storage, cleanup } = tempBlobStore();
    cleanups.push(cleanup);
    for (const [key, bytes] of Object.entries(files)) await storage.put(key, bytes, 'application/pdf');
    return recordingContext(storage);
  };

  before(() => pool.browser());
  after(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
    await pool.close();
    for (const cleanup of cleanups) cleanup();
  });

  test('uploads the stored invoice: SAT records every field and the exact bytes', async () => {
    const { sat, portal } = await start();
    const ctx = await newContext();
    const result = await runSatRobot({ browser: pool, portal, credentials: CREDENTIALS, input: INPUT, ctx });

    assert.equal(sat.uploads.length, 1);
    const upload = sat.uploads[0];
    assert.equal(result.protocolo, upload.protocolo);
    assert.match(result.protocolo, /^SAT-\d{6}$/);
    const fields = Object.entries(INPUT).filter(([name]) => name !== 'nome_arquivo');
    assert.deepEqual(upload.fields, Object.fromEntries(fields));
    assert.equal(upload.filename, 'fatura_oi_12345678_202401.pdf');
    assert.deepEqual(upload.bytes, PDF);
    for (const { value } of ctx.progressed) assert.ok(value > 30 && value < 90, `progresso ${value} fora de (30, 90)`);
    assert.ok(!ctx.transcript().includes(CREDENTIALS.senha));
  });

  test('a bare file name is looked up under faturas/', async () => {
    const { sat, portal } = await start();
    const ctx = await newContext();
    const input = { ...INPUT, nome_arquivo: 'fatura_oi_12345678_202401.pdf' };
    await runSatRobot({ browser: pool, portal, credentials: CREDENTIALS, input, ctx });
    assert.deepEqual(sat.uploads[0]?.bytes, PDF);
  });

  test('a file missing from storage fails as file, before any upload', async () => {
    const { sat, portal } = await start();
    const ctx = await newContext({});
    const input = { ...INPUT, nome_arquivo: 'nao_existe.pdf' };
    const error = await rejection(runSatRobot({ browser: pool, portal, credentials: CREDENTIALS, input, ctx }));
    assert.equal(error.category, 'file');
    assert.match(error.message, /nao_existe\.pdf/);
    assert.equal(sat.uploads.length, 0);
  });

  test('a file SAT refuses (not a PDF) fails as file with the portal reason and evidence', async () => {
    const { sat, portal } = await start();
    const ctx = await newContext({ 'faturas/OI/x/202401/falsa.pdf': Buffer.from('isto não é um PDF') });
    const input = { ...INPUT, nome_arquivo: 'faturas/OI/x/202401/falsa.pdf' };
    const error = await rejection(runSatRobot({ browser: pool, portal, credentials: CREDENTIALS, input, ctx }));
    assert.equal(sat.uploads.length, 0);
    assert.equal(error.category, 'file');
    assert.match(error.message, /recusou a fatura: Arquivo inválido/);
    assert.ok(error.artifacts?.html && (await readBlob(ctx.storage, error.artifacts.html)));
  });

  test('a wrong SAT password fails as authentication and never leaks', async () => {
    const { portal } = await start();
    const ctx = await newContext();
    const wrong = { login: CREDENTIALS.login, senha: 'Outra#Senha-0042-zz' };
    const error = await rejection(runSatRobot({ browser: pool, portal, credentials: wrong, input: INPUT, ctx }));
    assert.equal(error.category, 'authentication');
    const html = error.artifacts?.html ? (await readBlob(ctx.storage, error.artifacts.html))?.toString('utf8') : undefined;
    assert.ok(html, 'a falha deveria ter deixado a página como evidência');
    for (const text of [ctx.transcript(), errorText(error), html, JSON.stringify(error.artifacts)]) {
      assert.ok(!text.includes(wrong.senha), `a senha vazou em: ${text.slice(0, 200)}`);
    }
  });

  test('an unconfigured SAT fails at once as navigation', async () => {
    const ctx = await newContext();
    const browser = { newContext: async () => assert.fail('não deveria abrir um contexto') };
    const unconfigured = loadPortalConfig().sat;
    const error = await rejection(runSatRobot({ browser, portal: unconfigured, credentials: CREDENTIALS, input: INPUT, ctx }));
    assert.equal(error.category, 'navigation');
    assert.match(error.message, /Portal do SAT não configurado/);
  });

  test('aborting the signal while SAT is slow closes the context and fails as cancelled', async () => {
    const { sat, portal } = await start(1500);
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
    const ctx = await newContext();
    const realProgress = ctx.progress;
    ctx.progress = (value, message) => {
      realProgress(value, message);
      if (value === 45) setTimeout(() => ctx.controller.abort(), 200);
    };
    const error = await rejection(runSatRobot({ browser, portal, credentials: CREDENTIALS, input: INPUT, ctx }));
    assert.equal(error.category, 'cancelled');
    assert.equal(opened.length, 1);
    assert.ok(closed.has(opened[0]), 'o contexto do robô deveria estar fechado quando o erro chega');
    assert.equal(sat.uploads.length, 0);
  });
});
