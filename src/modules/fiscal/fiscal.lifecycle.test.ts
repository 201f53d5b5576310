import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { sampleDocument } from './fiscal-samples.js';
import { eventually, startFiscal, type FiscalHarness } from './fiscal.test-support.js';
import { DOC_TYPES } from './fiscal.tables.js';

const FILES: Record<string, string[]> = {
  nfse: ['.pdf', '.xml'],
  nfe: ['.pdf', '.xml'],
  nfce: ['.html', '.xml'],
  cte: ['.pdf', '.xml'],
  mdfe: ['.pdf', '.xml'],
};

for (const dialect of testDialects()) {
  describe(`fiscal: emission lifecycle over the FocusNFE sandbox (${dialect})`, () => {
    let h: FiscalHarness;
    before(async () => (h = await startFiscal(dialect)));
    after(() => h.close());

    for (const tipo of DOC_TYPES) {
      it(`${tipo}: emit → Focus answer → webhook → autorizado → PDF and XML in storage → /local lists them`, async () => {
        const ref = `ciclo-${tipo}`;
        const sent = await h.call('POST', `/${tipo}/?ref=${ref}`, sampleDocument(tipo));
        if (tipo === 'nfce') {
          assert.equal(sent.status, 201, JSON.stringify(sent.body));
          assert.equal(sent.body.status, 'autorizado');
        } else {
          assert.equal(sent.status, 202, JSON.stringify(sent.body));
          assert.equal(sent.body.status, 'processando_autorizacao');
        }
        const local = await eventually(
          async () => (await h.call('GET', `/local/${ref}`)).body,
          (body) => body.status === 'autorizado' && body.caminho_xml && body.caminho_pdf,
          `${ref} autorizada com arquivos`,
        );
        assert.deepEqual(local.arquivos, FILES[tipo]!.map((ext) => `fiscal/${ref}/${ref}${ext}`));
        assert.equal(local.tipo, tipo);
        if (tipo !== 'nfse') assert.match(local.chave, /^\d{44}$/);

        const xml = await fetch(`${h.url}/local/${ref}/xml`, { headers: { authorization: `Bearer ${h.token}` } });
        assert.equal(xml.status, 200);
        assert.match(await xml.text(), new RegExp(`<ref>${ref}</ref>`));
        const pdf = await fetch(`${h.url}/local/${ref}/pdf`, { headers: { authorization: `Bearer ${h.token}` } });
        assert.equal(pdf.status, 200);
        assert.equal(pdf.headers.get('content-type'), tipo === 'nfce' ? 'text/html; charset=utf-8' : 'application/pdf');

        const timeline = (await h.call('GET', `/dashboard/${ref}/timeline`)).body;
        const kinds = timeline.eventos.map((e: { evento: string }) => e.evento);
        assert.deepEqual(kinds.slice(0, 2), ['envio', 'autorizado']);
        assert.ok(kinds.includes('arquivos_salvos'), kinds.join());
        assert.ok(timeline.eventos.every((e: { created_at: string }) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(e.created_at)));

        const consulted = await h.call('GET', `/${tipo}/${ref}`);
        assert.equal(consulted.status, 200);
        assert.equal(consulted.body.status, 'autorizado');
      });
    }

    it('dashboard: counts by status and type, the last notes, the NFSe list with filters', async () => {
      const stats = (await h.call('GET', '/dashboard/stats')).body;
      assert.equal(stats.total, 5);
      assert.deepEqual(stats.por_status, { autorizado: 5 });
      assert.deepEqual(stats.por_tipo, { nfse: 1, nfe: 1, nfce: 1, cte: 1, mdfe: 1 });
      assert.equal(stats.webhooks_pendentes, 0);
      const list = (await h.call('GET', '/dashboard/list')).body;
      assert.equal(list.length, 5);
      assert.equal(list[0].ref, 'ciclo-mdfe');
      const nfse = (await h.call('GET', '/nfse/?status=autorizado&cnpj_prestador=51.916.585/0001-25')).body;
      assert.equal(nfse.total, 1);
      assert.equal(nfse.items[0].ref, 'ciclo-nfse');
      assert.equal((await h.call('GET', '/nfse/?status=cancelado')).body.total, 0);
    });

    it('a ref is unique across types: an authorised one answers 409 without calling Focus', async () => {
      const before = h.sandbox.hits.get('/v2/nfse') ?? 0;
      const again = await h.call('POST', '/nfse/?ref=ciclo-nfe', sampleDocument('nfse'));
      assert.equal(again.status, 409);
      assert.match(again.body.detail, /já foi usada/);
      assert.equal(h.sandbox.hits.get('/v2/nfse') ?? 0, before);
    });

    it('a refused note (erro_autorizacao) may be sent again under the same ref', async () => {
      h.sandbox.outcomes.set('recusada-1', 'erro_autorizacao');
      assert.equal((await h.call('POST', '/nfse/?ref=recusada-1', sampleDocument('nfse'))).status, 202);
      await eventually(async () => (await h.call('GET', '/local/recusada-1')).body.status, (s) => s === 'erro_autorizacao', 'recusa');
      h.sandbox.outcomes.delete('recusada-1');
      assert.equal((await h.call('POST', '/nfse/?ref=recusada-1', sampleDocument('nfse'))).status, 202);
      await eventually(async () => (await h.call('GET', '/local/recusada-1')).body.status, (s) => s === 'autorizado', 'autorização no reenvio');
      const kinds = (await h.call('GET', '/dashboard/recusada-1/timeline')).body.eventos.map((e: { evento: string }) => e.evento);
      assert.deepEqual(kinds.slice(0, 4), ['envio', 'erro_autorizacao', 'envio', 'autorizado']);
    });
  });
}
