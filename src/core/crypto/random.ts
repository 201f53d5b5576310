import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * Fresh bytes from the system CSPRNG, drawn from a pool refilled 4 KiB at a time: one call into
 * OpenSSL per few hundred ids or nonces instead of one each (Node pools `randomUUID()` the same way).
 * Every byte is handed out once; callers get their own copy.
 */
export function randomBytesPooled(size: number): Buffer {
  if (size > POOL_BYTES / 8) return randomFillSync(Buffer.alloc(size));
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}
