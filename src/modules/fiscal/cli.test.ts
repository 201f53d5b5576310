import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { sampleDocument } from './fiscal-samples.js';
import { eventually, SECRET, startFiscal, TOKEN, type FiscalHarness } from './fiscal.test-support.js';

const CLI = fileURLToPath(new URL('../../cli.ts', import.meta.url));
const run = promisify(execFile);

describe('retaguarda fiscal: hooks, homologate, simulate-webhook', () => {
  let h: FiscalHarness;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  const fiscal = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI, 'fiscal', ...args], { env, timeout: 120_000 });
      return { code: 0, out: stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: `${failed.stdout}${failed.stderr}` };
    }
  };

  before(async () => {
    h = await startFiscal('sqlite', { registerHooks: false });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fiscal-cli-'));
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      FOCUS_NFE_TOKEN: TOKEN,
      FOCUS_NFE_BASE_URL: h.sandbox.url,
      FOCUS_NFE_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: h.url,
      LOG_LEVEL: 'silent',
    };
  });
  after(async () => {
    await h.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('hooks register points Focus at this service with the secret, once; list and delete', async () => {
    const first = await fiscal('hooks', 'register');
    assert.equal(first.code, 0, first.out);
    assert.equal(h.sandbox.hooks.size, 5);
    for (const hook of h.sandbox.hooks.values()) {
      assert.equal(hook.url, `${h.url}/webhooks/focusnfe`);
      assert.equal(hook.authorization, SECRET);
    }
    assert.match((await fiscal('hooks', 'register')).out, /nfe: já registrado/);
    assert.equal(h.sandbox.hooks.size, 5);
    const listed = await fiscal('hooks', 'list');
    assert.equal(listed.out.trim().split('\n').length, 5);
  });

  it('homologate --type all emits every type, follows the webhook in lifecycle and prints the table', async () => {
    const result = await fiscal('homologate', '--type', 'all', '--token', h.token, '--api', h.url, '--timeout', '30');
    assert.equal(result.code, 0, result.out);
    const lines = result.out.trim().split('\n');
    assert.match(lines[0]!, /^tipo\s+ref\s+http\s+status\s+segundos\s+nota/);
    assert.equal(lines.length, 7);
    for (const line of lines.slice(1)) assert.match(line, /\sautorizado\s/);
    assert.match(lines.at(-1)!, /^lifecycle .*arquivos: fiscal\//);
  });

  it('simulate-webhook posts a Focus-shaped payload with the secret', async () => {
    assert.equal((await h.call('POST', '/nfse/?ref=simulada', sampleDocument('nfse'))).status, 202);
    const [id] = [...h.sandbox.hooks.keys()];
    assert.equal((await fiscal('hooks', 'delete', id!)).code, 0);
    const sent = await fiscal('simulate-webhook', '--ref', 'simulada', '--status', 'cancelado');
    assert.match(sent.out, /^200 /);
    await eventually(async () => (await h.call('GET', '/local/simulada')).body.status, (s) => s === 'cancelado', 'webhook simulado');
  });

  it('a missing token is one clear line and exit code 1', async () => {
    const saved = env;
    env = { ...env, FOCUS_NFE_TOKEN: '' };
    const result = await fiscal('hooks', 'list');
    env = saved;
    assert.equal(result.code, 1);
    assert.equal(result.out.trim(), 'retaguarda fiscal: FocusNFE não configurado: defina FOCUS_NFE_TOKEN');
  });
});
