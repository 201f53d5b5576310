import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/config.js';
import type { BlobStore } from './blob-store.js';
import { createFsBlobStore } from './fs-blob-store.js';
import { createS3BlobStore, createS3Client } from './s3-blob-store.js';

export interface BlobStoreCredentials {
  accessKey?: string;
  secretKey?: string;
}

function fsRoot(storageUrl: string): string {
  const rest = storageUrl.slice('file:'.length);
  if (rest.startsWith('//')) return fileURLToPath(storageUrl);
  if (!rest) throw new ConfigError('STORAGE_URL: informe o diretório (file:/caminho/absoluto)');
  return path.resolve(rest);
}

function parseBoolean(value: string | null, name: string): boolean | undefined {
  if (value === null) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`STORAGE_URL: ${name} deve ser true ou false`);
}

/**
 * Opens the store named by `STORAGE_URL`: `file:/abs/dir` (or `file:./rel`, `file:///abs`) or
 * `s3://bucket?endpoint=http://127.0.0.1:9000&region=us-east-1[&forcePathStyle=true]`.
 * With an endpoint (MinIO), path-style addressing is the default.
 */
export function createBlobStore(storageUrl: string, credentials: BlobStoreCredentials = {}): BlobStore {
  if (storageUrl.startsWith('file:')) return createFsBlobStore(fsRoot(storageUrl));
  if (!storageUrl.startsWith('s3://')) throw new ConfigError('STORAGE_URL: use file:/diretório ou s3://bucket');
  let url: URL;
  try {
    url = new URL(storageUrl);
  } catch {
    throw new ConfigError('STORAGE_URL: URL s3:// inválida');
  }
  if (!url.hostname) throw new ConfigError('STORAGE_URL: informe o bucket (s3://bucket)');
  if (url.pathname && url.pathname !== '/') throw new ConfigError('STORAGE_URL: caminho após o bucket não é suportado');
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  const client = createS3Client({
    endpoint,
    region: url.searchParams.get('region') ?? undefined,
    forcePathStyle: parseBoolean(url.searchParams.get('forcePathStyle'), 'forcePathStyle'),
    accessKey: credentials.accessKey,
    secretKey: credentials.secretKey,
  });
  return createS3BlobStore({ client, bucket: decodeURIComponent(url.hostname) });
}
