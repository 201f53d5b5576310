import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { SANDBOX_CREDENTIALS, sandboxInvoicePdf, startPortalSandbox, type PortalSandbox } from '../../sandbox/portal-sandbox.js';
import { startSatSandbox, type SatSandbox } from '../../sandbox/sat-sandbox.js';
import { environmentFor } from './rpa.environment.js';
import { OI_EXAMPLE, SAT_EXAMPLE, startRpa, writePortalsFile, type RpaHarness } from './rpa.test-support.js';
import { OPERADORAS, previousCompetencia } from './robots/index.js';
import { readBlob, skipWithoutChromium } from './robots/robots.test-support.js';

const { processo_id: _processo, ...DOWNLOAD } = OI_EXAMPLE;

// Real Chromium driving the sandboxes, through the HTTP API and the job queue: one browser per service.
for (const dialect of testDialects()) {
  describe(`rpa: robots through the API (${dialect})`, { skip: skipWithoutChromium }, () => {
    let h: RpaHarness;
    let dir: string;
    const portals = {} as Record<(typeof OPERADORAS)[number], PortalSandbox>;
    let sat: SatSandbox;

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpa-robots-'));
      for (const operadora of OPERADORAS) {
        // DIGITALNET answers slowly, so a test can cancel its robot mid-run.
        portals[operadora] = await startPortalSandbox({ operadora, delayMs: operadora === 'DIGITALNET' ? 400 : 0 });
      }
      sat = await startSatSandbox();
      const urls = { SAT: sat.url, ...Object.fromEntries(OPERADORAS.map((o) => [o, portals[o].url])) };
      h = await startRpa(dialect, {
        RPA_PORTALS_FILE: writePortalsFile(dir, urls),
        SAT_LOGIN: SANDBOX_CREDENTIALS.login,
        SAT_SENHA: SANDBOX_CREDENTIALS.senha,
      });
    });
    after(async () => {
      await h?.close();
      await Promise.all([...Object.values(portals).map((p) => p.close()), sat?.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('downloads each carrier\'s invoice: COMPLETED, the sandbox\'s PDF stored and served', async () => {
      const competencia = previousCompetencia(new Date(), 'America/Sao_Paulo');
      const created = await Promise.all(OPERADORAS.map((o) => h.call('POST', `/executar/${o}`, DOWNLOAD)));
      for (const [i, operadora] of OPERADORAS.entries()) {
        const id = created[i].body.job_id;
        const done = await h.waitFor(id, undefined, 60_000);
        assert.equal(done.status, 'COMPLETED', JSON.stringify(done));
        assert.equal(done.progress, 100);
        assert.match(done.result, new RegExp(`^faturas/${operadora}/12345678000190/${competencia}/.+\\.pdf$`));
        const expected = sandboxInvoicePdf(operadora, DOWNLOAD.filtro, competencia);
        assert.deepEqual(await readBlob(h.t.runtime.core.storage, done.result), expected);
        const file = await h.call('GET', `/jobs/${id}/result`);
        assert.equal(file.status, 200);
        assert.deepEqual(Buffer.from(file.body), expected);
        const messages = done.logs.map((l: { message: string }) => l.message);
        for (const step of [`Executando RPA para ${operadora}`, `RPA executado para ${operadora}, finalizando`, `Resultado capturado: ${done.result}`]) {
          assert.ok(messages.includes(step), `${operadora}: ${step}`);
        }
        assert.equal(messages.at(-1), `Job ${id} concluído com status COMPLETED`);
      }
    });

    it('a wrong password FAILS with an authentication error and a screenshot of the page', async () => {
      const created = await h.call('POST', '/executar/OI', { ...DOWNLOAD, filtro: '87654321', senha: 'senha-errada-9931' });
      const done = await h.waitFor(created.body.job_id, undefined, 60_000);
      assert.equal(done.status, 'FAILED');
      assert.match(done.error, /^Erro de autenticação: o portal da operadora OI recusou o login/);
      const shot = await h.call('GET', `/jobs/${done.job_id}/artifacts/screenshot`);
      assert.equal(shot.status, 200);
      assert.equal(Buffer.from(shot.body).subarray(0, 8).toString('latin1'), '\x89PNG\r\n\x1a\n');
      assert.equal((await h.call('GET', `/jobs/${done.job_id}/result`)).status, 404);
    });

    it('uploads a stored invoice to SAT: COMPLETED with the protocolo, SAT holding the file and fields', async () => {
      const download = await h.call('POST', '/executar/VIVO', { ...DOWNLOAD, filtro: '87654321', cnpj: '11222333000181' });
      const stored = await h.waitFor(download.body.job_id, undefined, 60_000);
      assert.equal(stored.status, 'COMPLETED');
      const created = await h.call('POST', '/executar/sat', { ...SAT_EXAMPLE, operadora: 'VIVO', nome_arquivo: stored.result });
      const done = await h.waitFor(created.body.job_id, undefined, 60_000);
      assert.equal(done.status, 'COMPLETED', JSON.stringify(done));
      const upload = sat.uploads.at(-1)!;
      assert.equal(done.result, upload.protocolo);
      assert.deepEqual(upload.bytes, await readBlob(h.t.runtime.core.storage, stored.result));
      const { nome_arquivo: _file, ...fields } = { ...SAT_EXAMPLE, operadora: 'VIVO' };
      assert.deepEqual(upload.fields, fields);
    });

    it('cancelling a running robot closes its browser context and ends CANCELLED', async () => {
      const created = await h.call('POST', '/executar/DIGITALNET', { ...DOWNLOAD, filtro: 'cancelar' });
      const id = created.body.job_id;
      await h.waitFor(id, ['RUNNING']);
      const browser = await environmentFor(h.t.runtime.core.storage).browsers.browser();
      for (let i = 0; i < 200 && browser.contexts().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(browser.contexts().length, 1, 'the robot is in its browser context');
      const answer = await h.call('DELETE', `/jobs/${id}`);
      assert.equal(answer.status, 200);
      const done = await h.waitFor(id, ['CANCELLED', 'COMPLETED', 'FAILED'], 30_000);
      assert.equal(done.status, 'CANCELLED');
      assert.equal(done.error, null);
      assert.equal(browser.contexts().length, 0);
    });
  });
}
