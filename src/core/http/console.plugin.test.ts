import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const HTML = '<!doctype html><title>Retaguarda</title><div id="root"></div>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

describe('console plugin: the built console at /', () => {
  let t: TestApp;
  let dist: string;
  before(async () => {
    // A miniature build: index.html, a hashed asset with the brotli and gzip copies the build writes.
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), HTML);
    fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(dist, 'assets/index-abc123.js'), SCRIPT);
    fs.writeFileSync(path.join(dist, 'assets/index-abc123.js.br'), brotliCompressSync(SCRIPT));
    fs.writeFileSync(path.join(dist, 'assets/index-abc123.js.gz'), gzipSync(SCRIPT));
    t = await createTestApp({ env: { WEB_DIST: dist, MODULES: 'fiados' } });
  });
  after(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('answers / and /index.html with the shell whatever the Accept header (curl, scripts)', async () => {
    for (const url of ['/', '/index.html']) {
      for (const accept of [undefined, '*/*', 'application/json']) {
        const res = await t.app.inject({ url, headers: accept ? { accept } : {} });
        assert.equal(res.statusCode, 200, `${url} ${accept}`);
        assert.match(String(res.headers['content-type']), /text\/html/);
        assert.equal(res.body, HTML);
        assert.equal(res.headers['cache-control'], 'no-cache');
      }
    }
  });

  it('keeps the navigation rule for other console routes: pages for browsers, JSON 404 for API clients', async () => {
    const page = await t.app.inject({ url: '/fiados/clientes', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.equal(page.body, HTML);
    const api = await t.app.inject({ url: '/fiados/clientes', headers: { accept: 'application/json' } });
    assert.equal(api.statusCode, 404);
    const navigation = await t.app.inject({ url: '/clients/', headers: { 'sec-fetch-dest': 'document' } });
    assert.equal(navigation.body, HTML, 'a navigation to a path the API also serves gets the console');
  });

  it('serves hashed assets precompressed and immutable, the rest revalidated', async () => {
    const br = await t.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.ok(br.rawPayload.length < SCRIPT.length / 4);
    const gz = await t.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    const plain = await t.app.inject({ url: '/assets/index-abc123.js' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, SCRIPT);
    const favicon = await t.app.inject({ url: '/favicon.svg' });
    assert.equal(favicon.statusCode, 200);
    assert.equal(favicon.headers['cache-control'], 'no-cache');
  });
});
