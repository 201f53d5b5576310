import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SANDBOX_CREDENTIALS, startPortalSandbox, type PortalSandbox } from '../../sandbox/portal-sandbox.js';
import { FINISHED, writePortalsFile } from './rpa.test-support.js';
import { startChildService, type ChildService } from '../../core/testing/child-service.js';
import { OPERADORAS } from './robots/index.js';
import { skipWithoutChromium } from './robots/robots.test-support.js';

const ACCOUNT = { filtro: '12345678', cnpj: '12.345.678/0001-90' };

// The embedded service killed with SIGKILL while ten robots run, then started again on the same
// DATA_DIR (SQLite: the single process that owns its database recovers the orphans at start).
describe('rpa: SIGKILL during ten running robots', { skip: skipWithoutChromium }, () => {
  let dir: string;
  const portals: PortalSandbox[] = [];
  let service: ChildService | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpa-crash-'));
    const urls: Record<string, string> = {};
    for (const operadora of OPERADORAS) {
      const portal = await startPortalSandbox({ operadora, delayMs: 1500 });
      portals.push(portal);
      urls[operadora] = portal.url;
    }
    writePortalsFile(dir, urls);
  });
  after(async () => {
    await service?.stop('SIGKILL');
    await Promise.all(portals.map((p) => p.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every job reaches a terminal state after the restart; none is lost', async () => {
    const env = { DATA_DIR: path.join(dir, 'data'), RPA_PORTALS_FILE: path.join(dir, 'portals.json'), LOG_LEVEL: 'warn' };
    const first = await startChildService(env);
    service = first;
    // One robot per portal login: ten logins, so all ten can run at once. Only the sandbox's own
    // login is accepted; the others end FAILED with an authentication error.
    const planned = Array.from({ length: 10 }, (_, i) => {
      const operadora = OPERADORAS[i % OPERADORAS.length];
      const valid = i < OPERADORAS.length;
      const login = valid ? SANDBOX_CREDENTIALS.login : `outro${i}@empresa.com.br`;
      return { operadora, valid, body: { ...ACCOUNT, login, senha: SANDBOX_CREDENTIALS.senha, filtro: valid ? ACCOUNT.filtro : `9000${i}` } };
    });
    const ids: string[] = [];
    for (const job of planned) {
      const created = await first.call('POST', `/executar/${job.operadora}`, job.body);
      assert.equal(created.status, 200, JSON.stringify(created.body));
      ids.push(created.body.job_id);
    }
    for (let i = 0; ; i++) {
      const { body } = await first.call('GET', '/health');
      if (body.jobs_active === 10) break;
      if (i > 200) assert.fail(`os dez robôs não chegaram a rodar juntos: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await first.stop('SIGKILL');

    const second = await startChildService(env);
    service = second;
    const until = Date.now() + 120_000;
    let jobs: Array<{ job_id: string; status: string }> = [];
    for (;;) {
      jobs = (await second.call('GET', '/jobs')).body.jobs;
      if (jobs.length === 10 && jobs.every((j) => FINISHED.includes(j.status))) break;
      if (Date.now() > until) assert.fail(`jobs sem estado final: ${JSON.stringify(jobs)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.deepEqual(jobs.map((j) => j.job_id).sort(), [...ids].sort());
    for (const [i, job] of planned.entries()) {
      const status = (await second.call('GET', `/status/${ids[i]}`)).body;
      if (job.valid) {
        assert.equal(status.status, 'COMPLETED', JSON.stringify(status));
        assert.match(status.result, new RegExp(`^faturas/${job.operadora}/`));
      } else {
        assert.equal(status.status, 'FAILED', JSON.stringify(status));
        assert.match(status.error, /^Erro de autenticação/);
      }
    }
  });
});
