import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFocusNfeSandbox, type FocusNfeSandbox } from '../../../sandbox/focusnfe-sandbox.js';
import { FocusClient, focusBaseUrl } from './focus-client.js';
import { FocusHttpError, FocusUnreachableError } from './focus-errors.js';

const TOKEN = 'token-do-cliente';

/** A server that records what it was sent and answers with `answer`. */
async function recorder(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('FocusClient against the sandbox', () => {
  let sandbox: FocusNfeSandbox;
  const sleeps: number[] = [];
  const client = () => new FocusClient({ baseUrl: sandbox.url, token: TOKEN, backoffMs: 10, sleep: async (ms) => void sleeps.push(ms) });
  before(async () => (sandbox = await startFocusNfeSandbox({ token: TOKEN })));
  after(() => sandbox.close());

  it('base URL: FOCUS_NFE_BASE_URL wins, else the FOCUS_NFE_ENV host, homologação by default', () => {
    assert.equal(focusBaseUrl({}), 'https://homologacao.focusnfe.com.br');
    assert.equal(focusBaseUrl({ FOCUS_NFE_ENV: 'producao' }), 'https://api.focusnfe.com.br');
    assert.equal(focusBaseUrl({ FOCUS_NFE_ENV: 'producao', FOCUS_NFE_BASE_URL: 'http://x' }), 'http://x');
  });

  it('Basic auth with the token as user; a wrong token is 403, none is 401', async () => {
    assert.equal((await client().get('/v2/hooks')).status, 200);
    await assert.rejects(new FocusClient({ baseUrl: sandbox.url, token: 'outro' }).get('/v2/hooks'), (e: FocusHttpError) => e.status === 403 && e.body.codigo === 'permissao_negada');
    const raw = await fetch(`${sandbox.url}/v2/hooks`);
    assert.equal(raw.status, 401);
  });

  it('GET retries 5xx with doubling backoff; POST never retries a 5xx', async () => {
    sleeps.length = 0;
    sandbox.failNext(2, 502);
    assert.equal((await client().get('/v2/hooks')).status, 200);
    assert.deepEqual(sleeps, [10, 20]);
    sandbox.failNext(1, 500);
    await assert.rejects(client().post('/v2/hooks', { body: { event: 'nfe', url: 'http://x/y' } }), (e: FocusHttpError) => e.status === 500);
    assert.equal(sandbox.hooks.size, 0);
  });

  it('429 waits Rate-Limit-Reset and tries again, even for a POST (Focus did nothing)', async () => {
    const limited = await startFocusNfeSandbox({ token: TOKEN, rateLimit: { limit: 1, windowMs: 1000 } });
    try {
      const waits: number[] = [];
      const focus = new FocusClient({ baseUrl: limited.url, token: TOKEN, sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, ms))) });
      assert.equal((await focus.get('/v2/hooks')).headers.get('rate-limit-remaining'), '0');
      const second = await focus.post('/v2/hooks', { body: { event: 'nfe', url: 'http://a/b' } });
      assert.equal(second.status, 200);
      assert.equal(waits.length, 1);
      assert.ok(waits[0]! > 0 && waits[0]! <= 1000, String(waits[0]));
      const impatient = new FocusClient({ baseUrl: limited.url, token: TOKEN, retries: 0 });
      await assert.rejects(impatient.get('/v2/hooks'), (e: FocusHttpError) => e.status === 429);
    } finally {
      await limited.close();
    }
  });

  it('a timeout is FocusUnreachableError naming the host, never the token', async () => {
    sandbox.hangNext(1);
    const focus = new FocusClient({ baseUrl: sandbox.url, token: TOKEN, timeoutMs: 200, retries: 0 });
    await assert.rejects(focus.post('/v2/nfe', { query: { ref: 'x' }, body: {} }), (e: FocusUnreachableError) => {
      assert.ok(e instanceof FocusUnreachableError && e.timedOut);
      assert.doesNotMatch(e.message, new RegExp(TOKEN));
      return true;
    });
  });

  it('files: relative paths against the base URL with auth; absolute URLs elsewhere without it', async () => {
    const focus = client();
    assert.equal(focus.resolve('/arquivos/a.xml').href, `${sandbox.url}/arquivos/a.xml`);
    assert.equal(focus.resolve('https://focusnfe.s3-sa-east-1.amazonaws.com/a.xml').host, 'focusnfe.s3-sa-east-1.amazonaws.com');
    const s3 = await recorder((_req, res) => res.end('<xml/>'));
    try {
      await focus.download(`${s3.url}/bucket/a.xml`);
      assert.equal(s3.seen[0]!.authorization, undefined);
    } finally {
      await s3.close();
    }
  });

  it('redirects are followed by hand and the target never gets the credentials', async () => {
    const target = await recorder((_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF'));
    const focusHost = await recorder((_req, res) => res.writeHead(302, { location: `${target.url}/presigned.pdf` }).end());
    try {
      const focus = new FocusClient({ baseUrl: focusHost.url, token: TOKEN });
      const file = await focus.download('/v2/nfes_recebidas/CHAVE.pdf');
      assert.equal(file.body.toString(), '%PDF');
      assert.match(String(focusHost.seen[0]!.authorization), /^Basic /);
      assert.equal(target.seen[0]!.authorization, undefined);
    } finally {
      await Promise.all([target.close(), focusHost.close()]);
    }
  });

  it('DELETE carries its JSON body (cancellation justificativa)', async () => {
    const seen: string[] = [];
    const server = await recorder((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"cancelado"}');
      });
    });
    try {
      await new FocusClient({ baseUrl: server.url, token: TOKEN }).delete('/v2/nfe/r1', { body: { justificativa: 'j'.repeat(15) } });
      assert.deepEqual(JSON.parse(seen[0]!), { justificativa: 'j'.repeat(15) });
    } finally {
      await server.close();
    }
  });
});
