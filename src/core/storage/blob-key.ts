import { AppError } from '../http/errors.js';

/**
 * A key that would escape the store's root or means different things on different adapters.
 * An AppError (400), so a key built from request input can never surface as a 500.
 */
export class InvalidBlobKeyError extends AppError {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(400, `Chave de arquivo inválida (${reason}): ${JSON.stringify(key)}`);
    this.name = 'InvalidBlobKeyError';
  }
}

/** The directory adapter keeps temp and sidecar files there; reserved everywhere so adapters agree. */
export const RESERVED_KEY_PREFIX = '.blobstore';

// Control characters break S3 signing and file names alike; backslashes are separators on Windows.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

function checkSegments(original: string, segments: string[]): void {
  for (const segment of segments) {
    if (segment === '..' || segment === '.') throw new InvalidBlobKeyError(original, `segmento '${segment}'`);
  }
}

function checkCommon(key: string): string {
  if (typeof key !== 'string') throw new InvalidBlobKeyError(String(key), 'não é texto');
  if (FORBIDDEN.test(key)) throw new InvalidBlobKeyError(key, 'caractere proibido');
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) throw new InvalidBlobKeyError(key, 'caminho absoluto');
  if (key.length > 1024) throw new InvalidBlobKeyError(key, 'longa demais');
  return key.replace(/\/{2,}/g, '/');
}

/** Validates an object key and collapses repeated slashes: `a//b` → `a/b`. */
export function normalizeBlobKey(key: string): string {
  const collapsed = checkCommon(key);
  if (collapsed === '') throw new InvalidBlobKeyError(key, 'vazia');
  if (collapsed.endsWith('/')) throw new InvalidBlobKeyError(key, 'termina em /');
  const segments = collapsed.split('/');
  checkSegments(key, segments);
  if (segments[0] === RESERVED_KEY_PREFIX) throw new InvalidBlobKeyError(key, 'prefixo reservado');
  return collapsed;
}

/** Like {@link normalizeBlobKey} for `list`: may be empty or end in `/`. */
export function normalizeBlobPrefix(prefix: string): string {
  const collapsed = checkCommon(prefix);
  checkSegments(prefix, collapsed.split('/').filter((s, i, all) => !(s === '' && i === all.length - 1)));
  return collapsed;
}
