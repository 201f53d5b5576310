import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createFsBlobStore } from './fs-blob-store.js';
import { contentDisposition, parseRange, sendBlob } from './send-blob.js';

describe('parseRange', () => {
  it('reads the single-range forms', () => {
    assert.deepEqual(parseRange('bytes=2-5', 10), { start: 2, end: 5 });
    assert.deepEqual(parseRange('bytes=7-', 10), { start: 7, end: 9 });
    assert.deepEqual(parseRange('bytes=-3', 10), { start: 7, end: 9 });
    assert.deepEqual(parseRange('bytes=-30', 10), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=8-100', 10), { start: 8, end: 9 });
  });
  it('ignores what it cannot honour and flags ranges past the end', () => {
    assert.equal(parseRange(undefined, 10), null);
    assert.equal(parseRange('bytes=5-2', 10), null);
    assert.equal(parseRange('bytes=0-1,4-5', 10), null);
    assert.equal(parseRange('items=0-1', 10), null);
    assert.equal(parseRange('bytes=-', 10), null);
    assert.equal(parseRange('bytes=10-', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-0', 0), 'unsatisfiable');
  });
});

describe('contentDisposition', () => {
  it('keeps an ASCII fallback and the UTF-8 name', () => {
    assert.equal(
      contentDisposition('fatura março "final".pdf'),
      `attachment; filename="fatura marco _final_.pdf"; filename*=UTF-8''fatura%20mar%C3%A7o%20%22final%22.pdf`,
    );
    assert.match(contentDisposition('a.pdf', true), /^inline; /);
  });
});

describe('sendBlob over HTTP', () => {
  let dir: string;
  let app: FastifyInstance;
  const outcomes: boolean[] = [];
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'send-blob-'));
    const store = createFsBlobStore(dir);
    await store.put('faturas/f1.pdf', Buffer.from('0123456789'), 'application/pdf');
    app = Fastify();
    app.get<{ Params: { name: string } }>('/files/:name', async (request, reply) => {
      const sent = await sendBlob(reply, store, `faturas/${request.params.name}`, { request, filename: 'Fatura Março.pdf' });
      outcomes.push(sent);
      return sent ? reply : reply.code(404).send({ detail: 'Arquivo não encontrado' });
    });
  });
  after(async () => {
    await app.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('sends the whole object with its headers', async () => {
    const res = await app.inject({ url: '/files/f1.pdf' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '0123456789');
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-length'], '10');
    assert.equal(res.headers['accept-ranges'], 'bytes');
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''Fatura%20Mar%C3%A7o\.pdf/);
    // A sent reply must read as sent: a route that took it for "missing" would log an error (and
    // try to answer a second time) after every successful download.
    assert.equal(outcomes.at(-1), true);
  });

  it('answers a range with 206 and Content-Range', async () => {
    const res = await app.inject({ url: '/files/f1.pdf', headers: { range: 'bytes=2-5' } });
    assert.equal(res.statusCode, 206);
    assert.equal(res.body, '2345');
    assert.equal(res.headers['content-range'], 'bytes 2-5/10');
    assert.equal(res.headers['content-length'], '4');
    const tail = await app.inject({ url: '/files/f1.pdf', headers: { range: 'bytes=-3' } });
    assert.equal(tail.body, '789');
  });

  it('answers 416 past the end and 200 for several ranges', async () => {
    const res = await app.inject({ url: '/files/f1.pdf', headers: { range: 'bytes=10-20' } });
    assert.equal(res.statusCode, 416);
    assert.equal(res.headers['content-range'], 'bytes */10');
    const multi = await app.inject({ url: '/files/f1.pdf', headers: { range: 'bytes=0-1,3-4' } });
    assert.equal(multi.statusCode, 200);
    assert.equal(multi.body, '0123456789');
  });

  it('answers HEAD with the length and no body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/files/f1.pdf' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-length'], '10');
    assert.equal(res.body, '');
  });

  it('answers a traversal attempt with 400, never a file or a 500', async () => {
    const res = await app.inject({ url: '/files/..%2F..%2Fsecret.key' });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().message, /Chave de arquivo inválida/);
  });

  it('leaves a missing key to the route, without download headers', async () => {
    const res = await app.inject({ url: '/files/nada.pdf', headers: { range: 'bytes=0-1' } });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { detail: 'Arquivo não encontrado' });
    assert.equal(res.headers['content-disposition'], undefined);
  });
});
