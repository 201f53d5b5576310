import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { normalizeBlobKey, normalizeBlobPrefix } from './blob-key.js';
import { DEFAULT_CONTENT_TYPE, type BlobStore } from './blob-store.js';

export interface S3ClientOptions {
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
  accessKey?: string;
  secretKey?: string;
}

export function createS3Client(options: S3ClientOptions): S3Client {
  const { endpoint, region = 'us-east-1', forcePathStyle = Boolean(endpoint), accessKey, secretKey } = options;
  return new S3Client({
    endpoint,
    region,
    forcePathStyle,
    credentials: accessKey && secretKey ? { accessKeyId: accessKey, secretAccessKey: secretKey } : undefined,
    // The SDK's default checksums use aws-chunked bodies that MinIO releases and S3 emulators reject.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export interface S3BlobStoreOptions {
  client: S3Client;
  bucket: string;
  /** Bytes per multipart part (S3's minimum is 5 MiB). Memory held by one upload ≈ partSize × (queueSize + 1). */
  partSize?: number;
  queueSize?: number;
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'NoSuchBucket') return false;
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

function totalFromContentRange(contentRange: string | undefined): number | undefined {
  const total = contentRange?.split('/')[1];
  return total && total !== '*' ? Number(total) : undefined;
}

/** Uploads a stream through a byte counter so `put` can report the size without buffering the body. */
async function uploadCounted(upload: (body: Readable) => Upload, body: Readable): Promise<number> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(null, chunk);
    },
  });
  const piping = pipeline(body, counter);
  try {
    await upload(counter).done();
  } catch (err) {
    // The uploader stopped reading: release the source instead of leaving the pipeline hanging.
    counter.destroy(err as Error);
    await piping.catch(() => undefined);
    throw err;
  }
  await piping;
  return size;
}

/** Objects in one S3 (or MinIO) bucket; `put` streams through multipart uploads. */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const { client, bucket, partSize = 8 * 1024 * 1024, queueSize = 2 } = options;

  const uploader = (key: string, contentType: string) => (body: Buffer | Readable) =>
    new Upload({ client, params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType }, partSize, queueSize });

  return {
    async put(rawKey, body, contentType = DEFAULT_CONTENT_TYPE) {
      const key = normalizeBlobKey(rawKey);
      const upload = uploader(key, contentType);
      if (Buffer.isBuffer(body)) {
        await upload(body).done();
        return { key, size: body.length, contentType };
      }
      return { key, size: await uploadCounted(upload, body), contentType };
    },

    async get(rawKey, range) {
      const key = normalizeBlobKey(rawKey);
      try {
        const res = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
        );
        const size = totalFromContentRange(res.ContentRange) ?? res.ContentLength ?? 0;
        return { key, size, contentType: res.ContentType ?? DEFAULT_CONTENT_TYPE, body: res.Body as Readable };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },

    async head(rawKey) {
      const key = normalizeBlobKey(rawKey);
      try {
        const res = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { key, size: res.ContentLength ?? 0, contentType: res.ContentType ?? DEFAULT_CONTENT_TYPE };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },

    async delete(rawKey) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: normalizeBlobKey(rawKey) }));
    },

    async list(rawPrefix) {
      const prefix = normalizeBlobPrefix(rawPrefix);
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }),
        );
        for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },

    close: async () => client.destroy(),
  };
}
