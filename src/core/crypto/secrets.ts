import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { randomBytesPooled } from './random.js';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Resolves the service's master secret: SECRET_KEY when set, otherwise a key generated once into
 * DATA_DIR/secret.key with mode 0600 so that tokens and encrypted secrets survive restarts.
 */
export function resolveSecretKey(secretKey: string | undefined, dataDir: string): string {
  if (secretKey) return secretKey;
  const file = path.join(dataDir, 'secret.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const generated = randomBytes(32).toString('base64url');
  try {
    fs.writeFileSync(file, generated + '\n', { mode: 0o600, flag: 'wx' });
    return generated;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw error;
  }
}

/** Derives independent keys for independent purposes, so one leak does not open the other. */
export function deriveKey(master: string, purpose: string): Buffer {
  return createHash('sha256').update(`retaguarda:${purpose}:`).update(master).digest();
}

const VERSION = 'v1';

/**
 * AES-256-GCM for secrets that must be used again (portal passwords, API keys).
 * Output: `v1.<keyId>.<nonce>.<tag>.<ciphertext>` in base64url; the key id leaves room for rotation.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  constructor(
    keys: Record<string, Buffer>,
    private readonly currentKeyId: string,
  ) {
    this.keys = new Map(Object.entries(keys));
    if (!this.keys.has(currentKeyId)) throw new Error(`SecretBox: chave '${currentKeyId}' ausente`);
  }

  static fromMaster(master: string): SecretBox {
    return new SecretBox({ k1: deriveKey(master, 'secretbox') }, 'k1');
  }

  encrypt(plaintext: string): string {
    const key = this.keys.get(this.currentKeyId)!;
    const nonce = randomBytesPooled(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [nonce, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
    return [VERSION, this.currentKeyId, ...parts].join('.');
  }

  decrypt(sealed: string): string {
    const [version, keyId, nonce, tag, body] = sealed.split('.');
    const key = keyId ? this.keys.get(keyId) : undefined;
    if (version !== VERSION || !key || nonce === undefined || tag === undefined || body === undefined) {
      throw new Error('Segredo cifrado em formato desconhecido');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
