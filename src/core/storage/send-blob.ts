import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { DEFAULT_CONTENT_TYPE, type BlobRange, type BlobStore } from './blob-store.js';

/**
 * Reads a single `bytes=` range against `size`. Returns null when the header is absent, malformed or
 * asks for several ranges (RFC 9110 lets a server answer those with the whole object), and
 * 'unsatisfiable' when it starts past the end.
 */
export function parseRange(header: string | undefined, size: number): BlobRange | 'unsatisfiable' | null {
  const match = header ? /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const first = match[1] === '' ? undefined : Number(match[1]);
  const last = match[2] === '' ? undefined : Number(match[2]);
  if (first === undefined) {
    // Suffix form `bytes=-n`: the last n bytes.
    if (!last || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - last), end: size - 1 };
  }
  if (last !== undefined && last < first) return null;
  if (first >= size) return 'unsatisfiable';
  return { start: first, end: Math.min(last ?? size - 1, size - 1) };
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` so accents survive in every browser. */
export function contentDisposition(filename: string, inline = false): string {
  const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export interface SendBlobOptions {
  request: FastifyRequest;
  /** Name offered to the browser; without it no Content-Disposition is sent. */
  filename?: string;
  /** Show in the browser (PDF preview) instead of downloading. */
  inline?: boolean;
}

type Headers = { size: number; contentType?: string };

function respond(reply: FastifyReply, blob: Headers, range: BlobRange | null, body: Readable, options: SendBlobOptions) {
  reply.header('Accept-Ranges', 'bytes').type(blob.contentType ?? DEFAULT_CONTENT_TYPE);
  if (options.filename) reply.header('Content-Disposition', contentDisposition(options.filename, options.inline));
  if (!range) return reply.header('Content-Length', blob.size).send(body);
  return reply
    .code(206)
    .header('Content-Range', `bytes ${range.start}-${range.end}/${blob.size}`)
    .header('Content-Length', range.end - range.start + 1)
    .send(body);
}

function unsatisfiable(reply: FastifyReply, size: number) {
  return reply.code(416).header('Content-Range', `bytes */${size}`).send();
}

/**
 * Streams a stored object as the reply, honouring a single `Range`. Resolves to true once the reply
 * is sent, and to false (sending nothing) when the key does not exist, so the route answers 404 in
 * its own contract's error shape. A boolean, not the reply: a FastifyReply is thenable, so an async
 * function returning it would resolve to `undefined` and read as "not found" after a success.
 */
export async function sendBlob(
  reply: FastifyReply,
  store: BlobStore,
  key: string,
  options: SendBlobOptions,
): Promise<boolean> {
  const header = options.request.headers.range;
  if (options.request.method !== 'HEAD' && !header) {
    const blob = await store.get(key);
    if (!blob) return false;
    respond(reply, blob, null, blob.body, options);
    return true;
  }
  const info = await store.head(key);
  if (!info) return false;
  const range = parseRange(header, info.size);
  if (range === 'unsatisfiable') {
    unsatisfiable(reply, info.size);
    return true;
  }
  if (options.request.method === 'HEAD') {
    // An empty stream, because Fastify's HEAD handling rewrites Content-Length to 0 for an empty body.
    respond(reply, info, range, Readable.from([]), options);
    return true;
  }
  const blob = await store.get(key, range ?? undefined);
  if (!blob) return false;
  if (blob.size === info.size) {
    respond(reply, blob, range, blob.body, options);
    return true;
  }
  // Replaced between head and get: the range no longer means what the client asked, so send it whole.
  blob.body.destroy();
  const whole = await store.get(key);
  if (!whole) return false;
  respond(reply, whole, null, whole.body, options);
  return true;
}
