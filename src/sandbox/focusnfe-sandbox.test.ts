import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isValidChave } from '../core/brazil/index.js';
import { startFocusNfeSandbox, type FocusNfeSandbox } from './focusnfe-sandbox.js';

const TOKEN = 'tk';
const auth = { authorization: `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}` };

/** Polls until `done` (the sandbox works on timers; a loaded machine runs them late). */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 250 && !(await done()); i += 1) await new Promise((r) => setTimeout(r, 20));
}

describe('FocusNFE sandbox speaks the v2 protocol', () => {
  let sandbox: FocusNfeSandbox;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  before(async () => (sandbox = await startFocusNfeSandbox({ token: TOKEN, delayMs: 20, retryScheduleMs: [20, 20] })));
  after(() => sandbox.close());

  it('202 processando_autorizacao, then autorizado with a valid chave and files; nao_encontrado otherwise', async () => {
    const sent = await call('POST', '/v2/nfe?ref=s1', { cnpj_emitente: '51916585000125' });
    assert.equal(sent.status, 202);
    assert.equal(sent.body.status, 'processando_autorizacao');
    assert.ok(sent.headers.get('rate-limit-remaining'));
    await until(async () => (await call('GET', '/v2/nfe/s1')).body.status === 'autorizado');
    const doc = (await call('GET', '/v2/nfe/s1')).body;
    assert.equal(doc.status, 'autorizado');
    assert.match(doc.chave_nfe, /^NFe\d{44}$/);
    assert.ok(isValidChave(doc.chave_nfe));
    assert.match(doc.caminho_xml_nota_fiscal, /^\/arquivos_development\//);
    assert.equal((await call('GET', '/v2/nfe/nada')).body.codigo, 'nao_encontrado');
  });

  it('a used ref: 422 nfe_autorizada for NFe, 409 for CTe and MDFe; CTe files at an absolute URL refusing auth', async () => {
    assert.equal((await call('POST', '/v2/nfe?ref=s1', { a: 1 })).body.codigo, 'nfe_autorizada');
    const slow = await startFocusNfeSandbox({ token: TOKEN, delayMs: 60_000 });
    try {
      const post = () => fetch(`${slow.url}/v2/mdfe?ref=m1`, { method: 'POST', headers: auth, body: '{"cnpj_emitente":"51916585000125"}' });
      assert.equal((await post()).status, 202);
      const busy = await post();
      assert.deepEqual([busy.status, ((await busy.json()) as { codigo: string }).codigo], [409, 'mdfe_em_processamento']);
    } finally {
      await slow.close();
    }
    await call('POST', '/v2/cte?ref=c1', { cnpj_emitente: '51916585000125' });
    await until(async () => (await call('GET', '/v2/cte/c1')).body.status === 'autorizado');
    const cte = (await call('GET', '/v2/cte/c1')).body as Record<string, string>;
    const used = await call('POST', '/v2/cte?ref=c1', { a: 1 });
    assert.deepEqual([used.status, used.body.codigo], [409, 'cte_ja_autorizado']);
    assert.match(cte.caminho_xml, /^http:\/\//);
    assert.equal((await fetch(cte.caminho_xml, { headers: auth })).status, 400);
    assert.equal((await fetch(cte.caminho_xml)).status, 200);
  });

  it('webhooks carry the registered header and are retried on the compressed schedule', async () => {
    const received: (string | undefined)[] = [];
    const receiver = http.createServer((req, res) => {
      received.push(req.headers['x-chave'] as string | undefined);
      res.writeHead(received.length < 3 ? 500 : 200).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const hook = await call('POST', '/v2/hooks', { event: 'nfse', url, authorization: 'segredo', authorization_header: 'X-Chave' });
      assert.equal(hook.status, 200);
      await call('POST', '/v2/nfse?ref=n1', { prestador: { cnpj: '51916585000125' } });
      // The sandbox records an answer once it has read it, a moment after the receiver sent it.
      await until(() => sandbox.deliveries.filter((d) => d.ref === 'n1').length >= 3);
      assert.deepEqual(received, ['segredo', 'segredo', 'segredo']);
      assert.deepEqual(sandbox.deliveries.filter((d) => d.ref === 'n1').map((d) => d.answer), [500, 500, 200]);
      assert.equal((await call('DELETE', `/v2/hooks/${hook.body.id}`)).body.deleted, true);
      assert.equal((await call('POST', '/v2/hooks', { event: 'nfe_autorizada', url })).status, 400);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('received NFe page by versao (100 at most) with X-Total-Count and X-Max-Version', async () => {
    sandbox.addReceived('11222333000181', 150);
    const first = await call('GET', '/v2/nfes_recebidas?cnpj=11222333000181');
    assert.equal(first.body.length, 100);
    assert.equal(first.headers.get('x-total-count'), '150');
    const max = first.headers.get('x-max-version');
    const second = await call('GET', `/v2/nfes_recebidas?cnpj=11222333000181&versao=${max}`);
    assert.equal(second.body.length, 50);
    assert.equal((await call('GET', '/v2/municipios/3550308')).body.nome_municipio, 'São Paulo');
  });

  it('429 with Rate-Limit-* once the credits are spent', async () => {
    const limited = await startFocusNfeSandbox({ token: TOKEN, rateLimit: { limit: 1, windowMs: 60_000 } });
    try {
      await fetch(`${limited.url}/v2/hooks`, { headers: auth });
      const refused = await fetch(`${limited.url}/v2/hooks`, { headers: auth });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('rate-limit-remaining'), '0');
      assert.ok(Number(refused.headers.get('rate-limit-reset')) > 0);
    } finally {
      await limited.close();
    }
  });
});
