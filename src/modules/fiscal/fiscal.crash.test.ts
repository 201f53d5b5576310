import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFocusNfeSandbox, type FocusNfeSandbox } from '../../sandbox/focusnfe-sandbox.js';
// The child-process harness is rpa's test helper (not part of its public face); shared here rather than copied.
import { startChildService, type ChildService } from '../../core/testing/child-service.js';
import { FocusClient } from './focus/focus-client.js';
import { sampleDocument } from './fiscal-samples.js';
import { eventually, SECRET, TOKEN } from './fiscal.test-support.js';

const NOTES = 30;

// The embedded service SIGKILLed right after answering 200 to a burst of webhooks, then started again
// on the same DATA_DIR: every webhook it acknowledged is applied, with its files.
describe('fiscal: SIGKILL right after the webhook 200', () => {
  let dir: string;
  let sandbox: FocusNfeSandbox;
  let service: ChildService | undefined;
  let output = '';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fiscal-crash-'));
    sandbox = await startFocusNfeSandbox({ token: TOKEN, delayMs: 10 });
  });
  after(async () => {
    await service?.stop('SIGKILL');
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every acknowledged webhook is applied after the restart, and the token never reaches a log', async () => {
    const env = {
      DATA_DIR: path.join(dir, 'data'),
      // rpa answers the harness's /health readiness probe.
      MODULES: 'fiscal,rpa',
      FOCUS_NFE_TOKEN: TOKEN,
      FOCUS_NFE_BASE_URL: sandbox.url,
      FOCUS_NFE_WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: 'debug',
    };
    const first = await startChildService(env);
    service = first;
    const refs = Array.from({ length: NOTES }, (_, i) => `crash-${i}`);
    for (const ref of refs) assert.equal((await first.call('POST', `/nfse/?ref=${ref}`, sampleDocument('nfse'))).status, 202);
    const focus = new FocusClient({ baseUrl: sandbox.url, token: TOKEN });
    const docs = await Promise.all(
      refs.map((ref) => eventually(async () => (await focus.get<Record<string, unknown>>(`/v2/nfse/${ref}`)).body, (d) => d.status === 'autorizado', ref)),
    );
    const answers = await Promise.all(
      docs.map((doc) =>
        fetch(`${first.url}/webhooks/focusnfe`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: SECRET }, body: JSON.stringify(doc) }).then((r) => r.status),
      ),
    );
    await first.stop('SIGKILL');
    output += first.output();
    assert.deepEqual(new Set(answers), new Set([200]));

    const second = await startChildService(env);
    service = second;
    for (const ref of refs) {
      await eventually(async () => (await second.call('GET', `/local/${ref}`)).body, (b) => b.status === 'autorizado' && b.caminho_xml && b.caminho_pdf, ref, 60_000);
    }
    const stats = (await second.call('GET', '/dashboard/stats')).body;
    assert.deepEqual(stats.por_status, { autorizado: NOTES });
    await second.stop();
    output += second.output();
    assert.ok(output.length > 0);
    assert.ok(!output.includes(TOKEN), 'o token apareceu no log');
    assert.ok(!output.includes(Buffer.from(`${TOKEN}:`).toString('base64')), 'o token (Basic) apareceu no log');
  });
});
