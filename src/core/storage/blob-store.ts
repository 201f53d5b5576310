import type { Readable } from 'node:stream';

export interface BlobInfo {
  key: string;
  /** Size of the whole object in bytes, even when a range of it was asked for. */
  size: number;
  contentType?: string;
}

/** Inclusive byte offsets, as in `Range: bytes=start-end`; validated against the size by the caller. */
export interface BlobRange {
  start: number;
  end: number;
}

/**
 * Where files live: a directory in the embedded mode, an S3 bucket when scaled out.
 * Keys are `/`-separated relative paths; `..`, `.`, absolute paths, NUL, control characters and
 * backslashes are rejected with `InvalidBlobKeyError`, and repeated slashes are collapsed.
 * A missing key is `null` for `get`/`head` and a no-op for `delete`.
 */
export interface BlobStore {
  put(key: string, body: Buffer | Readable, contentType?: string): Promise<BlobInfo>;
  /** With a range, `body` holds only those bytes; an implementation must honour it (sendBlob relies on it). */
  get(key: string, range?: BlobRange): Promise<(BlobInfo & { body: Readable }) | null>;
  head(key: string): Promise<BlobInfo | null>;
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix` (a plain string prefix, as S3 has it), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Releases connections (S3 client); optional so simple test doubles need not implement it. */
  close?(): Promise<void>;
}

/** Stored when `put` gets no content type, so both adapters answer the same. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
