import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { sampleDocument } from './fiscal-samples.js';
import { eventually, startFiscal, type FiscalHarness } from './fiscal.test-support.js';
import { DOC_TYPES, type DocType } from './fiscal.tables.js';

const JUSTIFICATIVA = 'Cancelamento por erro de digitação no valor';
const CNPJ = '11222333000181';

for (const dialect of testDialects()) {
  describe(`fiscal: cancellation, CC-e, received NFe and municipalities (${dialect})`, () => {
    let h: FiscalHarness;
    before(async () => (h = await startFiscal(dialect)));
    after(() => h.close());

    async function authorised(tipo: DocType, ref: string): Promise<void> {
      assert.ok([201, 202].includes((await h.call('POST', `/${tipo}/?ref=${ref}`, sampleDocument(tipo))).status));
      await eventually(async () => (await h.call('GET', `/local/${ref}`)).body, (b) => b.status === 'autorizado' && b.caminho_xml, `${ref} autorizada`);
    }

    for (const tipo of DOC_TYPES) {
      it(`${tipo}: cancel needs 15–255 characters and an authorised note; the cancellation XML is kept`, async () => {
        const ref = `cancela-${tipo}`;
        h.sandbox.outcomes.set(ref, 'erro_autorizacao');
        await h.call('POST', `/${tipo}/?ref=${ref}`, sampleDocument(tipo));
        await eventually(async () => (await h.call('GET', `/local/${ref}`)).body.status, (s) => s === 'erro_autorizacao' || s === 'autorizado', 'recusa');
        const notAuthorised = await h.call('DELETE', `/${tipo}/${ref}?justificativa=${encodeURIComponent(JUSTIFICATIVA)}`);
        assert.equal(notAuthorised.status, 409, JSON.stringify(notAuthorised.body));
        h.sandbox.outcomes.delete(ref);
        await h.call('POST', `/${tipo}/?ref=${ref}`, sampleDocument(tipo));
        await eventually(async () => (await h.call('GET', `/local/${ref}`)).body, (b) => b.status === 'autorizado' && b.caminho_xml, 'autorização');

        const short = await h.call('DELETE', `/${tipo}/${ref}?justificativa=curta`);
        assert.equal(short.status, 422);
        assert.deepEqual(short.body.detail[0].loc, ['query', 'justificativa']);
        assert.equal((await h.call('DELETE', `/${tipo}/${ref}?justificativa=${'x'.repeat(256)}`)).status, 422);
        assert.equal((await h.call('DELETE', `/${tipo}/inexistente?justificativa=${encodeURIComponent(JUSTIFICATIVA)}`)).status, 404);

        const cancelled = await h.call('DELETE', `/${tipo}/${ref}?justificativa=${encodeURIComponent(JUSTIFICATIVA)}`);
        assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
        assert.equal(cancelled.body.status, 'cancelado');
        const local = await eventually(
          async () => (await h.call('GET', `/local/${ref}`)).body,
          (b) => b.arquivos.includes(`fiscal/${ref}/${ref}-cancelamento.xml`),
          'XML de cancelamento guardado',
        );
        assert.equal(local.status, 'cancelado');
        const again = await h.call('DELETE', `/${tipo}/${ref}?justificativa=${encodeURIComponent(JUSTIFICATIVA)}`);
        assert.equal(again.status, 409);
        // A late webhook of the earlier state never undoes the cancellation.
        h.sandbox.notify(ref);
        assert.equal(await h.webhook({ ref, status: 'autorizado' }), 200);
        await new Promise((r) => setTimeout(r, 300));
        assert.equal((await h.call('GET', `/local/${ref}`)).body.status, 'cancelado');
      });
    }

    it('nfe: CC-e needs 15–1000 characters and an authorised note; number, XML and PDF are kept', async () => {
      await authorised('nfe', 'cce-1');
      assert.equal((await h.call('POST', `/nfe/cce-1/carta_correcao?texto=curto`)).status, 422);
      assert.equal((await h.call('POST', `/nfe/cce-1/carta_correcao?texto=${'x'.repeat(1001)}`)).status, 422);
      assert.equal((await h.call('POST', `/nfe/nao-existe/carta_correcao?texto=${encodeURIComponent('Correção do endereço do destinatário')}`)).status, 404);
      const texto = 'Correção do endereço do destinatário: Rua Quinze';
      const first = await h.call('POST', `/nfe/cce-1/carta_correcao?texto=${encodeURIComponent(texto)}`);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.numero_carta_correcao, 1);
      const second = await h.call('POST', `/nfe/cce-1/carta_correcao?texto=${encodeURIComponent(`${texto}, número 999`)}`);
      assert.equal(second.body.numero_carta_correcao, 2);
      const local = await eventually(
        async () => (await h.call('GET', '/local/cce-1')).body,
        (b) => b.arquivos.filter((key: string) => key.includes('-cce-')).length === 4,
        'CC-e guardadas',
      );
      for (const n of [1, 2]) for (const ext of ['xml', 'pdf']) assert.ok(local.arquivos.includes(`fiscal/cce-1/cce-1-cce-${n}.${ext}`), local.arquivos.join());
      const timeline = (await h.call('GET', '/dashboard/cce-1/timeline')).body.eventos;
      assert.equal(timeline.filter((e: { evento: string }) => e.evento === 'carta_correcao').length, 2);
      assert.match(timeline.find((e: { evento: string }) => e.evento === 'carta_correcao').mensagem, /^CC-e nº 1: Correção/);
    });

    it('CC-e on a cancelled note is refused locally', async () => {
      await authorised('nfe', 'cce-cancelada');
      await h.call('DELETE', `/nfe/cce-cancelada?justificativa=${encodeURIComponent(JUSTIFICATIVA)}`);
      const refused = await h.call('POST', `/nfe/cce-cancelada/carta_correcao?texto=${encodeURIComponent('Correção do endereço do destinatário')}`);
      assert.equal(refused.status, 409);
    });

    it('received NFe: synchronised by versao in pages of 100, resumed from the last version, listed locally', async () => {
      h.sandbox.addReceived(CNPJ, 230);
      const first = await h.call('GET', `/recebidos/nfe?cnpj=11.222.333/0001-81&limit=10`);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.total, 230);
      assert.equal(first.body.items.length, 10);
      assert.equal(h.sandbox.hits.get('/v2/nfes_recebidas'), 3);
      h.sandbox.addReceived(CNPJ, 5);
      const second = await h.call('GET', `/recebidos/nfe?cnpj=${CNPJ}&limit=500`);
      assert.equal(second.body.total, 235);
      assert.equal(second.body.items.length, 235);
      assert.equal(h.sandbox.hits.get('/v2/nfes_recebidas'), 4);
      assert.equal((await h.call('GET', '/recebidos/nfe?cnpj=11222333000182')).status, 422);
    });

    it('manifestation: chave check digit, tipo, justificativa for nao_realizada, Focus refusing a repeat', async () => {
      const chave = h.sandbox.received[0]!.chave_nfe;
      const bad = `${chave.slice(0, 43)}${(Number(chave[43]) + 1) % 10}`;
      const badChave = await h.call('POST', `/recebidos/nfe/${bad}/manifestar`, { tipo: 'ciencia' });
      assert.equal(badChave.status, 422);
      assert.deepEqual(badChave.body.detail[0].loc, ['path', 'chave']);
      assert.equal((await h.call('POST', `/recebidos/nfe/${chave}/manifestar`, { tipo: 'outra' })).status, 422);
      const noReason = await h.call('POST', `/recebidos/nfe/${chave}/manifestar`, { tipo: 'nao_realizada', justificativa: 'curta' });
      assert.equal(noReason.status, 422);
      const ok = await h.call('POST', `/recebidos/nfe/${chave}/manifestar`, { tipo: 'ciencia' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.status, 'evento_registrado');
      const repeat = await h.call('POST', `/recebidos/nfe/${chave}/manifestar`, { tipo: 'ciencia' });
      assert.equal(repeat.status, 400);
      assert.equal(repeat.body.detail.codigo, 'manifestacao_ja_vinculada');
      const unknown = await h.call('POST', '/recebidos/nfe/35170458716523000119550010000000121000123458/manifestar', { tipo: 'ciencia' });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.detail.codigo, 'nao_encontrado');
      const listed = (await h.call('GET', `/recebidos/nfe?cnpj=${CNPJ}&limit=500`)).body.items.find((i: { chave_nfe: string }) => i.chave_nfe === chave);
      assert.equal(listed.manifestacao_destinatario, 'ciencia');
    });

    it('municipality: Focus answer cached for 24 h; bad check digit 422; unknown city relayed 404', async () => {
      const first = await h.call('GET', '/nfse/municipio/4106902');
      assert.equal(first.status, 200);
      assert.equal(first.body.nome_municipio, 'Curitiba');
      await h.call('GET', '/nfse/municipio/4106902');
      assert.equal(h.sandbox.hits.get('/v2/municipios/4106902'), 1);
      const bad = await h.call('GET', '/nfse/municipio/4106903');
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.detail[0].loc, ['path', 'ibge']);
      const unknown = await h.call('GET', '/nfse/municipio/2927408');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.detail.codigo, 'nao_encontrado');
    });
  });
}
