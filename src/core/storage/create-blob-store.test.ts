import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import S3rver from 's3rver';
import { ConfigError } from '../config/config.js';
import { createBlobStore } from './create-blob-store.js';

describe('createBlobStore', () => {
  it('opens a directory from file: URLs', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'blob-url-'));
    try {
      for (const url of [`file:${dir}/a`, `file://${dir}/b`]) {
        const store = createBlobStore(url);
        await store.put('x.txt', Buffer.from('ok'));
        await store.close?.();
      }
      assert.equal(await fs.readFile(path.join(dir, 'a', 'x.txt'), 'utf8'), 'ok');
      assert.equal(await fs.readFile(path.join(dir, 'b', 'x.txt'), 'utf8'), 'ok');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('opens an S3 bucket with endpoint, region and credentials from the URL', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'blob-url-s3-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'notas' }] });
    const { port } = await server.run();
    const store = createBlobStore(`s3://notas?endpoint=http://127.0.0.1:${port}&region=us-east-1`, {
      accessKey: 'S3RVER',
      secretKey: 'S3RVER',
    });
    try {
      await store.put('a/b.xml', Buffer.from('<x/>'), 'application/xml');
      assert.deepEqual(await store.head('a/b.xml'), { key: 'a/b.xml', size: 4, contentType: 'application/xml' });
    } finally {
      await store.close?.();
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects URLs it cannot serve with a ConfigError', () => {
    for (const url of ['ftp://x', 'file:', 's3://', 's3://bucket/prefix', 's3://b?forcePathStyle=talvez']) {
      assert.throws(() => createBlobStore(url), ConfigError, url);
    }
  });
});
