import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { sampleDocument } from './fiscal-samples.js';
import { startFiscal, type FiscalHarness } from './fiscal.test-support.js';

const NOT_CONFIGURED = { detail: 'FocusNFE não configurado: defina FOCUS_NFE_TOKEN' };

function withField(doc: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(doc);
  let target = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[path.at(-1)!];
  else target[path.at(-1)!] = value;
  return copy;
}

for (const dialect of testDialects()) {
  describe(`fiscal: bad input and Focus failures never reach a 500 (${dialect})`, () => {
    let h: FiscalHarness;
    before(async () => (h = await startFiscal(dialect)));
    after(() => h.close());

    const cases: [string, string, Record<string, unknown>, (string | number)[]][] = [
      ['invalid CNPJ', 'nfe', withField(sampleDocument('nfe'), ['cnpj_emitente'], '51916585000126'), ['body', 'cnpj_emitente']],
      ['invalid alphanumeric CNPJ', 'nfe', withField(sampleDocument('nfe'), ['cnpj_emitente'], '12ABC34501DE36'), ['body', 'cnpj_emitente']],
      ['invalid CPF', 'nfe', withField(sampleDocument('nfe'), ['cpf_destinatario'], '03055054912'), ['body', 'cpf_destinatario']],
      ['invalid IBGE', 'nfse', withField(sampleDocument('nfse'), ['prestador', 'codigo_municipio'], '4106903'), ['body', 'prestador', 'codigo_municipio']],
      ['invalid chave', 'cte', withField(sampleDocument('cte'), ['nfes'], [{ chave_nfe: '35170458716523000119550010000000121000123459' }]), ['body', 'nfes', 0, 'chave_nfe']],
      ['missing field', 'nfse', withField(sampleDocument('nfse'), ['servico'], undefined), ['body', 'servico']],
      ['no modal', 'mdfe', withField(sampleDocument('mdfe'), ['modal_rodoviario'], undefined), ['body', 'modal_rodoviario']],
      ['no items', 'nfce', withField(sampleDocument('nfce'), ['items'], []), ['body', 'items']],
    ];
    for (const [name, tipo, body, loc] of cases) {
      it(`${name} → 422 naming the field, no local record, no call to Focus`, async () => {
        const calls = h.sandbox.hits.get(`/v2/${tipo}`) ?? 0;
        const answer = await h.call('POST', `/${tipo}/?ref=ruim-${tipo}`, body);
        assert.equal(answer.status, 422, JSON.stringify(answer.body));
        assert.ok(answer.body.detail.some((issue: { loc: unknown[] }) => JSON.stringify(issue.loc) === JSON.stringify(loc)), JSON.stringify(answer.body));
        assert.equal(h.sandbox.hits.get(`/v2/${tipo}`) ?? 0, calls);
        assert.equal((await h.call('GET', `/local/ruim-${tipo}`)).status, 404);
      });
    }

    it('a bad or missing ref → 422 on the query', async () => {
      for (const query of ['?ref=com%20espaco', `?ref=${'a'.repeat(51)}`, '?ref=acento-é', '']) {
        const answer = await h.call('POST', `/nfse/${query}`, sampleDocument('nfse'));
        assert.equal(answer.status, 422, query);
        assert.deepEqual(answer.body.detail[0].loc.slice(0, 2), ['query', 'ref']);
      }
      assert.equal((await h.call('POST', '/nfse/?ref=x', [1, 2])).status, 422);
    });

    it('Focus 4xx is relayed with its status as {detail: {codigo, mensagem}}; the ref stays free', async () => {
      h.sandbox.failNext(1, 400, { codigo: 'requisicao_invalida', mensagem: 'CNPJ do emitente não autorizado ou não informado' });
      const refused = await h.call('POST', '/nfe/?ref=focus-400', sampleDocument('nfe'));
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body, { detail: { codigo: 'requisicao_invalida', mensagem: 'CNPJ do emitente não autorizado ou não informado' } });
      assert.equal((await h.call('GET', '/local/focus-400')).body.status, 'erro_autorizacao');
      h.sandbox.failNext(1, 422, { codigo: 'erro_validacao_schema', mensagem: 'Erro de validação', erros: [{ mensagem: 'campo x', campo: null }] });
      const schema = await h.call('POST', '/nfe/?ref=focus-400', sampleDocument('nfe'));
      assert.equal(schema.status, 422);
      assert.deepEqual(schema.body.detail.erros, [{ mensagem: 'campo x', campo: null }]);
      assert.equal((await h.call('POST', '/nfe/?ref=focus-400', sampleDocument('nfe'))).status, 202);
    });

    it('Focus 5xx on emission → 502, an erro_comunicacao event, no invented status; the same ref may be sent again', async () => {
      h.sandbox.failNext(1, 500);
      const failed = await h.call('POST', '/nfe/?ref=focus-500', sampleDocument('nfe'));
      assert.equal(failed.status, 502);
      assert.match(failed.body.detail, /FocusNFE indisponível \(HTTP 500/);
      const local = (await h.call('GET', '/local/focus-500')).body;
      assert.equal(local.status, 'processando_autorizacao');
      const kinds = (await h.call('GET', '/dashboard/focus-500/timeline')).body.eventos.map((e: { evento: string }) => e.evento);
      assert.deepEqual(kinds, ['envio', 'erro_comunicacao']);
      assert.equal((await h.call('POST', '/nfe/?ref=focus-500', sampleDocument('nfe'))).status, 202);
      assert.equal((await h.call('POST', '/nfe/?ref=focus-500', sampleDocument('nfe'))).status, 409);
    });

    it('a GET retries Focus 5xx with backoff; past the retries it is a 502', async () => {
      await h.call('POST', '/nfse/?ref=consulta-1', sampleDocument('nfse'));
      h.sandbox.failNext(2, 503);
      assert.equal((await h.call('GET', '/nfse/consulta-1')).status, 200);
      h.sandbox.failNext(4, 500);
      assert.equal((await h.call('GET', '/nfse/consulta-1')).status, 502);
      const missing = await h.call('GET', '/nfse/nao-existe');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.detail.codigo, 'nao_encontrado');
    });

    it('emitting, cancelling, correcting and manifesting need ADMINISTRADOR or fiscal.emitir; reading needs a login', async () => {
      const operador = await h.test.loginAs('OPERADOR');
      const emissor = await h.test.loginAs('OPERADOR', ['fiscal.emitir']);
      assert.equal((await h.call('POST', '/nfse/?ref=perm-1', sampleDocument('nfse'), operador)).status, 403);
      assert.equal((await h.call('DELETE', `/nfse/perm-1?justificativa=${'j'.repeat(20)}`, undefined, operador)).status, 403);
      assert.equal((await h.call('POST', `/nfe/perm-1/carta_correcao?texto=${'t'.repeat(20)}`, undefined, operador)).status, 403);
      assert.equal((await h.call('POST', `/recebidos/nfe/${'3'.repeat(44)}/manifestar`, { tipo: 'ciencia' }, operador)).status, 403);
      assert.equal((await h.call('GET', '/dashboard/stats', undefined, operador)).status, 200);
      assert.equal((await h.call('POST', '/nfse/?ref=perm-1', sampleDocument('nfse'), emissor)).status, 202);
      const anonymous = await fetch(`${h.url}/dashboard/stats`);
      assert.equal(anonymous.status, 401);
    });

    it('every fiscal route is in the table with a guard, except the webhook (public, own credential)', () => {
      const routes = h.test.app.routeTable().filter((r) => /^\/(nfse|nfe|nfce|cte|mdfe|recebidos|dashboard|local|webhooks\/focusnfe)/.test(r.url));
      assert.ok(routes.length >= 25, String(routes.length));
      assert.deepEqual(routes.filter((r) => r.config.public).map((r) => r.url), ['/webhooks/focusnfe']);
    });
  });
}

describe('fiscal: Focus misconfigured or away', () => {
  it('without FOCUS_NFE_TOKEN every fiscal route answers 503 with what to set', async () => {
    const h = await startFiscal('sqlite', { env: { FOCUS_NFE_TOKEN: '' }, registerHooks: false });
    try {
      for (const [method, path] of [['GET', '/dashboard/stats'], ['POST', '/nfse/?ref=a'], ['GET', '/nfe/a'], ['GET', '/local/a'], ['GET', '/recebidos/nfe?cnpj=1']]) {
        const answer = await h.call(method!, path!, method === 'POST' ? sampleDocument('nfse') : undefined);
        assert.equal(answer.status, 503, path);
        assert.deepEqual(answer.body, NOT_CONFIGURED);
      }
      const hook = await fetch(`${h.url}/webhooks/focusnfe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(hook.status, 503);
    } finally {
      await h.close();
    }
  });

  it('Focus unreachable → 502 with a clear detail and an erro_comunicacao event', async () => {
    const h = await startFiscal('sqlite', { env: { FOCUS_NFE_BASE_URL: 'http://127.0.0.1:9' }, registerHooks: false });
    try {
      const answer = await h.call('POST', '/nfe/?ref=sem-rede', sampleDocument('nfe'));
      assert.equal(answer.status, 502);
      assert.match(answer.body.detail, /Não foi possível comunicar com a FocusNFE: Falha de conexão/);
      const kinds = (await h.call('GET', '/dashboard/sem-rede/timeline')).body.eventos.map((e: { evento: string }) => e.evento);
      assert.deepEqual(kinds, ['envio', 'erro_comunicacao']);
    } finally {
      await h.close();
    }
  });

  it('Focus refusing the token → 502 naming the configuration, not a 403 for the caller', async () => {
    const h = await startFiscal('sqlite', { env: { FOCUS_NFE_TOKEN: 'token-errado' }, registerHooks: false });
    try {
      const answer = await h.call('GET', '/nfe/qualquer');
      assert.equal(answer.status, 502);
      assert.match(answer.body.detail, /recusou o token configurado \(HTTP 403: permissao_negada\)/);
      assert.doesNotMatch(answer.body.detail, /token-errado/);
    } finally {
      await h.close();
    }
  });
});
