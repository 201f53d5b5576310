import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RESERVED_KEY_PREFIX as RESERVED, normalizeBlobKey, normalizeBlobPrefix } from './blob-key.js';
import { DEFAULT_CONTENT_TYPE, type BlobInfo, type BlobRange, type BlobStore } from './blob-store.js';

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function ignoreMissing(op: Promise<unknown>): Promise<void> {
  try {
    await op;
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
}

/** Objects as plain files under `root` (browsable by a person); content types in sidecar JSON files. */
export function createFsBlobStore(rootDir: string): BlobStore {
  const root = path.resolve(rootDir);
  // Temp files sit under the root so they share its filesystem and rename stays atomic.
  const tmpDir = path.join(root, RESERVED, 'tmp');
  const metaRoot = path.join(root, RESERVED, 'meta');

  const dataPath = (key: string) => path.join(root, ...key.split('/'));
  const metaPath = (key: string) => `${path.join(metaRoot, ...key.split('/'))}.json`;

  async function readContentType(key: string): Promise<string> {
    try {
      const meta = JSON.parse(await fs.readFile(metaPath(key), 'utf8')) as { contentType?: string };
      return meta.contentType ?? DEFAULT_CONTENT_TYPE;
    } catch (err) {
      if (isMissing(err)) return DEFAULT_CONTENT_TYPE;
      throw err;
    }
  }

  /** Writes to a temp file, then renames: readers see the old object or the new one, never half. */
  async function writeAtomically(target: string, body: Buffer | Readable): Promise<number> {
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    try {
      // `flush` fsyncs before close, so a crash after the rename cannot leave an empty file.
      if (Buffer.isBuffer(body)) await fs.writeFile(tmp, body, { flag: 'wx', flush: true });
      else await pipeline(body, createWriteStream(tmp, { flags: 'wx', flush: true }));
      const { size } = await fs.stat(tmp);
      await renameIntoPlace(tmp, target);
      return size;
    } catch (err) {
      await ignoreMissing(fs.unlink(tmp));
      throw err;
    }
  }

  async function renameIntoPlace(tmp: string, target: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await fs.mkdir(path.dirname(target), { recursive: true });
      try {
        return await fs.rename(tmp, target);
      } catch (err) {
        // A concurrent delete may prune the folder between mkdir and rename; once more is enough.
        if (attempt > 1 || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }

  // Empty folders left by deletes would otherwise pile up forever.
  async function pruneEmptyDirs(from: string, stopAt: string): Promise<void> {
    for (let dir = path.dirname(from); dir.startsWith(stopAt + path.sep); dir = path.dirname(dir)) {
      try {
        await fs.rmdir(dir);
      } catch {
        return;
      }
    }
  }

  async function walk(dir: string, rel: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    for (const entry of entries) {
      const key = rel ? `${rel}/${entry.name}` : entry.name;
      if (key === RESERVED) continue;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), key, out);
      else if (entry.isFile()) out.push(key);
    }
  }

  async function info(key: string): Promise<BlobInfo | null> {
    try {
      const stat = await fs.stat(dataPath(key));
      if (!stat.isFile()) return null;
      return { key, size: stat.size, contentType: await readContentType(key) };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  return {
    async put(rawKey, body, contentType = DEFAULT_CONTENT_TYPE) {
      const key = normalizeBlobKey(rawKey);
      // The sidecar goes first: a reader never meets new bytes with a stale type for long.
      await writeAtomically(metaPath(key), Buffer.from(JSON.stringify({ contentType })));
      const size = await writeAtomically(dataPath(key), body);
      return { key, size, contentType };
    },

    async get(rawKey, range?: BlobRange) {
      const key = normalizeBlobKey(rawKey);
      let handle;
      try {
        handle = await fs.open(dataPath(key), 'r');
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
      try {
        // Size and bytes come from the same open file, so a concurrent replace cannot mix them.
        const stat = await handle.stat();
        if (!stat.isFile()) {
          await handle.close();
          return null;
        }
        const contentType = await readContentType(key);
        const body = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
        return { key, size: stat.size, contentType, body };
      } catch (err) {
        await handle.close();
        throw err;
      }
    },

    head: async (rawKey) => info(normalizeBlobKey(rawKey)),

    async delete(rawKey) {
      const key = normalizeBlobKey(rawKey);
      await ignoreMissing(fs.unlink(dataPath(key)));
      await ignoreMissing(fs.unlink(metaPath(key)));
      await pruneEmptyDirs(dataPath(key), root);
      await pruneEmptyDirs(metaPath(key), metaRoot);
    },

    async list(rawPrefix) {
      const prefix = normalizeBlobPrefix(rawPrefix);
      const base = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      const keys: string[] = [];
      await walk(base ? dataPath(base) : root, base, keys);
      return keys.filter((k) => k.startsWith(prefix)).sort();
    },

    close: async () => {},
  };
}
