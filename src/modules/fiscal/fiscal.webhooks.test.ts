import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { FocusClient } from './focus/focus-client.js';
import { sampleDocument } from './fiscal-samples.js';
import { eventually, SECRET, startFiscal, TOKEN, type FiscalHarness } from './fiscal.test-support.js';
import type { FiscalDb, FiscalTables } from './fiscal.tables.js';

for (const dialect of testDialects()) {
  describe(`fiscal: webhooks and reconciliation (${dialect})`, () => {
    let h: FiscalHarness;
    let db: FiscalDb;
    let focus: FocusClient;
    before(async () => {
      // No hook registered at Focus: these tests post the webhooks themselves, or rely on reconciliation.
      h = await startFiscal(dialect, { registerHooks: false });
      db = h.test.runtime.core.database.db.withTables<FiscalTables>();
      focus = new FocusClient({ baseUrl: h.sandbox.url, token: TOKEN });
    });
    after(() => h.close());

    /** A note Focus authorised whose webhook never came: returns Focus's document, as a webhook carries it. */
    async function authorisedAtFocus(ref: string): Promise<Record<string, unknown>> {
      assert.equal((await h.call('POST', `/nfe/?ref=${ref}`, sampleDocument('nfe'))).status, 202);
      return eventually(async () => (await focus.get<Record<string, unknown>>(`/v2/nfe/${ref}`)).body, (d) => d.status === 'autorizado', 'autorização na Focus');
    }
    const local = async (ref: string) => (await h.call('GET', `/local/${ref}`)).body;
    const events = async (ref: string) => (await h.call('GET', `/dashboard/${ref}/timeline`)).body.eventos.map((e: { evento: string }) => e.evento);
    const logs = () => db.selectFrom('fiscal_webhook_logs').selectAll().execute();

    it('a wrong or missing secret → 401, nothing logged, nothing applied', async () => {
      const doc = await authorisedAtFocus('wh-secret');
      assert.equal(await h.webhook(doc, 'outro-segredo'), 401);
      assert.equal(await h.webhook(doc, null), 401);
      assert.equal(await h.webhook(doc, `Bearer ${SECRET}`), 401);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal((await logs()).length, 0);
      assert.equal((await local('wh-secret')).status, 'processando_autorizacao');
    });

    it('the same payload five times → one event; the log keeps all five', async () => {
      const doc = await authorisedAtFocus('wh-dup');
      const answers = await Promise.all(Array.from({ length: 5 }, () => h.webhook(doc)));
      assert.deepEqual(answers, [200, 200, 200, 200, 200]);
      const mine = await eventually(
        async () => (await logs()).filter((l) => l.ref === 'wh-dup'),
        (rows) => rows.length === 5 && rows.every((r) => r.applied_at !== null),
        'os cinco aplicados',
      );
      assert.deepEqual(mine.map((r) => r.resultado).sort(), ['aplicado', 'duplicado', 'duplicado', 'duplicado', 'duplicado']);
      assert.equal((await events('wh-dup')).filter((e: string) => e === 'autorizado').length, 1);
    });

    it('autorizado then a late processando_autorizacao → still autorizado', async () => {
      const doc = await authorisedAtFocus('wh-late');
      assert.equal(await h.webhook(doc), 200);
      await eventually(() => local('wh-late'), (b) => b.status === 'autorizado', 'autorizado');
      assert.equal(await h.webhook({ ref: 'wh-late', status: 'processando_autorizacao', cnpj_emitente: doc.cnpj_emitente }), 200);
      await eventually(logs, (rows) => rows.filter((r) => r.ref === 'wh-late').every((r) => r.applied_at !== null), 'aplicação');
      assert.equal((await local('wh-late')).status, 'autorizado');
    });

    it('a download that fails twice then succeeds → files present, failures on the timeline', async () => {
      const doc = await authorisedAtFocus('wh-download');
      h.sandbox.failNextFiles(2);
      assert.equal(await h.webhook(doc), 200);
      const stored = await eventually(() => local('wh-download'), (b) => b.caminho_xml && b.caminho_pdf, 'arquivos', 20_000);
      assert.deepEqual(stored.arquivos, ['fiscal/wh-download/wh-download.pdf', 'fiscal/wh-download/wh-download.xml']);
      const kinds = await events('wh-download');
      assert.ok(kinds.includes('erro_download'), kinds.join());
      assert.equal(kinds.at(-1), 'arquivos_salvos');
    });

    it('reconciliation: a note whose webhook never comes still reaches autorizado with its files', async () => {
      await authorisedAtFocus('rec-1');
      assert.equal((await local('rec-1')).status, 'processando_autorizacao');
      // Not yet stale under the configured 10 minutes: the poll leaves it alone.
      await h.test.runtime.core.jobs.enqueue('fiscal.reconcile', {});
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await local('rec-1')).status, 'processando_autorizacao');
      await h.test.runtime.core.jobs.enqueue('fiscal.reconcile', { after_minutes: 0 });
      const done = await eventually(() => local('rec-1'), (b) => b.status === 'autorizado' && b.caminho_xml && b.caminho_pdf, 'reconciliação');
      assert.equal(done.arquivos.length, 2);
    });

    it('the reconciliation schedule is a core schedule with the default cron', async () => {
      const rows = await h.test.runtime.core.database.db.withTables<{ schedules: { name: string; cron: string; job_kind: string } }>()
        .selectFrom('schedules').select(['name', 'cron', 'job_kind']).execute();
      assert.deepEqual(rows, [{ name: 'fiscal.reconciliacao', cron: '*/5 * * * *', job_kind: 'fiscal.reconcile' }]);
    });
  });
}

describe('fiscal: webhook configuration', () => {
  it('a custom header carries the secret (FOCUS_NFE_WEBHOOK_HEADER); Authorization alone is refused', async () => {
    const h = await startFiscal('sqlite', { env: { FOCUS_NFE_WEBHOOK_HEADER: 'X-Focus-Chave' }, registerHooks: false });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${h.url}/webhooks/focusnfe`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"ref":"x","status":"autorizado"}' });
      assert.equal((await post({ authorization: SECRET })).status, 401);
      assert.equal((await post({ 'x-focus-chave': SECRET })).status, 200);
    } finally {
      await h.close();
    }
  });

  it('no FOCUS_NFE_WEBHOOK_SECRET → the webhook answers 503', async () => {
    const h = await startFiscal('sqlite', { env: { FOCUS_NFE_WEBHOOK_SECRET: '' }, registerHooks: false });
    try {
      const response = await fetch(`${h.url}/webhooks/focusnfe`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'x' }, body: '{}' });
      assert.equal(response.status, 503);
      assert.match(((await response.json()) as { detail: string }).detail, /FOCUS_NFE_WEBHOOK_SECRET/);
    } finally {
      await h.close();
    }
  });

  it('Focus delivers to the registered hook with the header it was given', async () => {
    const h = await startFiscal('sqlite');
    try {
      assert.equal((await h.call('POST', '/nfse/?ref=entrega-1', sampleDocument('nfse'))).status, 202);
      await eventually(async () => (await h.call('GET', '/local/entrega-1')).body.status, (s) => s === 'autorizado', 'webhook');
      assert.deepEqual(h.sandbox.deliveries.map((d) => [d.ref, d.status, d.answer]), [['entrega-1', 'autorizado', 200]]);
    } finally {
      await h.close();
    }
  });
});
