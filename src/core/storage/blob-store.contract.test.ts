import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import S3rver from 's3rver';
import { InvalidBlobKeyError } from './blob-key.js';
import { DEFAULT_CONTENT_TYPE, type BlobStore } from './blob-store.js';
import { createFsBlobStore } from './fs-blob-store.js';
import { createS3BlobStore, createS3Client } from './s3-blob-store.js';

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const BAD_KEYS = ['../escape', 'a/../../escape', 'a/./b', '/etc/passwd', 'C:/x', 'a\\b', 'a\0b', '', 'a/', '.blobstore/x'];

interface Harness {
  store: BlobStore;
  /** Where an escaping key would land if validation failed (fs only). */
  outside?: string;
  close(): Promise<void>;
}

function contract(name: string, open: () => Promise<Harness>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let h: Harness;
    before(async () => {
      h = await open();
    });
    after(async () => h.close());

    it('stores a buffer and returns bytes, size and content type', async () => {
      const put = await h.store.put('docs/nota.xml', Buffer.from('<nfe/>'), 'application/xml');
      assert.deepEqual(put, { key: 'docs/nota.xml', size: 6, contentType: 'application/xml' });
      const got = await h.store.get('docs/nota.xml');
      assert.ok(got);
      assert.equal(got.size, 6);
      assert.equal(got.contentType, 'application/xml');
      assert.equal((await readAll(got.body)).toString(), '<nfe/>');
      assert.deepEqual(await h.store.head('docs/nota.xml'), put);
    });

    it('stores a stream, counting its size, with the default content type', async () => {
      const put = await h.store.put('docs/stream.bin', Readable.from([Buffer.from('abc'), Buffer.from('defg')]));
      assert.deepEqual(put, { key: 'docs/stream.bin', size: 7, contentType: DEFAULT_CONTENT_TYPE });
      const got = await h.store.get('docs/stream.bin');
      assert.equal((await readAll(got!.body)).toString(), 'abcdefg');
    });

    it('replaces an object whole, type included', async () => {
      await h.store.put('docs/replace.txt', Buffer.from('first version'), 'text/plain');
      await h.store.put('docs/replace.txt', Buffer.from('v2'), 'application/json');
      const got = await h.store.get('docs/replace.txt');
      assert.equal(got!.contentType, 'application/json');
      assert.equal((await readAll(got!.body)).toString(), 'v2');
    });

    it('reads a byte range and still reports the whole size', async () => {
      await h.store.put('docs/range.txt', Buffer.from('0123456789'));
      const got = await h.store.get('docs/range.txt', { start: 2, end: 5 });
      assert.equal(got!.size, 10);
      assert.equal((await readAll(got!.body)).toString(), '2345');
    });

    it('answers null for a missing key and deletes idempotently', async () => {
      assert.equal(await h.store.get('nope/missing'), null);
      assert.equal(await h.store.head('nope/missing'), null);
      await h.store.delete('nope/missing');
      await h.store.put('del/me', Buffer.from('x'));
      await h.store.delete('del/me');
      assert.equal(await h.store.head('del/me'), null);
      assert.deepEqual(await h.store.list('del/'), []);
    });

    it('lists by plain string prefix, sorted', async () => {
      for (const key of ['l/b/2', 'l/a', 'l/b/1', 'lz', 'm/x']) await h.store.put(key, Buffer.from(key));
      assert.deepEqual(await h.store.list('l/'), ['l/a', 'l/b/1', 'l/b/2']);
      assert.deepEqual(await h.store.list('l/b'), ['l/b/1', 'l/b/2']);
      assert.deepEqual(await h.store.list('l'), ['l/a', 'l/b/1', 'l/b/2', 'lz']);
      assert.deepEqual(await h.store.list('nothing/'), []);
      const all = await h.store.list('');
      assert.ok(all.includes('m/x') && all.includes('docs/nota.xml'));
      assert.ok(!all.some((k) => k.startsWith('.blobstore')));
    });

    it('collapses repeated slashes', async () => {
      const put = await h.store.put('n//deep///file.txt', Buffer.from('ok'));
      assert.equal(put.key, 'n/deep/file.txt');
      assert.equal((await h.store.head('n/deep/file.txt'))?.size, 2);
      assert.deepEqual(await h.store.list('n//'), ['n/deep/file.txt']);
    });

    it('rejects traversal, absolute and malformed keys everywhere', async () => {
      for (const key of BAD_KEYS) {
        await assert.rejects(h.store.put(key, Buffer.from('pwned')), InvalidBlobKeyError, `put ${JSON.stringify(key)}`);
        await assert.rejects(h.store.get(key), InvalidBlobKeyError, `get ${JSON.stringify(key)}`);
        await assert.rejects(h.store.head(key), InvalidBlobKeyError);
        await assert.rejects(h.store.delete(key), InvalidBlobKeyError);
      }
      await assert.rejects(h.store.list('../'), InvalidBlobKeyError);
      await assert.rejects(h.store.list('/abs'), InvalidBlobKeyError);
      if (h.outside) await assert.rejects(fs.stat(path.join(h.outside, 'escape')), { code: 'ENOENT' });
    });

    it('leaves no object behind when the source stream fails', async () => {
      const failing = Readable.from(
        (async function* () {
          yield Buffer.alloc(1024, 1);
          throw new Error('fonte quebrou');
        })(),
      );
      await assert.rejects(h.store.put('fail/partial.bin', failing), /fonte quebrou/);
      assert.equal(await h.store.head('fail/partial.bin'), null);
    });
  });
}

contract('fs', async () => {
  const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'blob-fs-'));
  const root = path.join(outside, 'root');
  return {
    store: createFsBlobStore(root),
    outside,
    close: () => fs.rm(outside, { recursive: true, force: true }),
  };
});

async function startS3rver() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'blob-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'retaguarda' }] });
  const { port } = await server.run();
  const client = createS3Client({ endpoint: `http://127.0.0.1:${port}`, accessKey: 'S3RVER', secretKey: 'S3RVER' });
  const close = async () => {
    client.destroy();
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  };
  return { client, close };
}

contract('s3 (s3rver)', async () => {
  const { client, close } = await startS3rver();
  return { store: createS3BlobStore({ client, bucket: 'retaguarda' }), close };
});

describe('S3 multipart upload of a 50 MB stream', () => {
  const partSize = 5 * 1024 * 1024;
  const queueSize = 2;
  const chunkSize = 64 * 1024;
  const total = 50 * 1024 * 1024;

  it('sends parts while the source is still producing, and the object reads back intact', async () => {
    const { client, close } = await startS3rver();
    try {
      let produced = 0;
      let uploaded = 0;
      let maxInFlight = 0;
      const commands: string[] = [];
      client.middlewareStack.add(
        (next, context) => async (args) => {
          commands.push(context.commandName ?? '');
          if (context.commandName !== 'UploadPartCommand') return next(args);
          // Bytes taken from the source but not yet acknowledged by the server: what the upload holds.
          maxInFlight = Math.max(maxInFlight, produced - uploaded);
          const result = await next(args);
          uploaded += ((args.input as { Body?: Buffer }).Body ?? Buffer.alloc(0)).length;
          return result;
        },
        { step: 'initialize', name: 'countParts' },
      );
      const sourceHash = createHash('sha256');
      const source = Readable.from(
        (function* () {
          for (let i = 0; produced < total; i++) {
            const chunk = Buffer.alloc(chunkSize, i % 251);
            produced += chunk.length;
            sourceHash.update(chunk);
            yield chunk;
          }
        })(),
      );
      const store = createS3BlobStore({ client, bucket: 'retaguarda', partSize, queueSize });
      const put = await store.put('big/50mb.bin', source, 'application/octet-stream');
      assert.equal(put.size, total);
      assert.equal(commands.filter((c) => c === 'CreateMultipartUploadCommand').length, 1);
      assert.equal(commands.filter((c) => c === 'UploadPartCommand').length, Math.ceil(total / partSize));
      assert.equal(commands.filter((c) => c === 'CompleteMultipartUploadCommand').length, 1);
      assert.ok(maxInFlight <= (queueSize + 1) * partSize, `held ${maxInFlight} bytes at once`);

      const got = await store.get('big/50mb.bin');
      assert.equal(got!.size, total);
      const readHash = createHash('sha256');
      for await (const chunk of got!.body) readHash.update(chunk as Buffer);
      assert.equal(readHash.digest('hex'), sourceHash.digest('hex'));
    } finally {
      await close();
    }
  });
});
