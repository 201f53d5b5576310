import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SecretBox, deriveKey, resolveSecretKey } from './secrets.js';

describe('secrets at rest', () => {
  it('round-trips, uses a fresh nonce each time, and refuses tampering', () => {
    const box = SecretBox.fromMaster('master-key-master-key-master-key!!');
    const a = box.encrypt('senha123');
    const b = box.encrypt('senha123');
    assert.notEqual(a, b);
    assert.ok(!a.includes('senha123'));
    assert.equal(box.decrypt(a), 'senha123');
    const parts = a.split('.');
    parts[4] = Buffer.from('xxxxxxxx').toString('base64url');
    assert.throws(() => box.decrypt(parts.join('.')));
    assert.throws(() => SecretBox.fromMaster('another-master-key-another-key!!').decrypt(a));
  });

  it('decrypts with an older key after rotation', () => {
    const old = new SecretBox({ k1: deriveKey('m1', 's') }, 'k1');
    const sealed = old.encrypt('x');
    const rotated = new SecretBox({ k1: deriveKey('m1', 's'), k2: deriveKey('m2', 's') }, 'k2');
    assert.equal(rotated.decrypt(sealed), 'x');
    assert.match(rotated.encrypt('y'), /^v1\.k2\./);
  });

  it('generates the key once into DATA_DIR/secret.key with mode 0600', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-key-'));
    const first = resolveSecretKey(undefined, dir);
    assert.equal(resolveSecretKey(undefined, dir), first);
    assert.equal(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777, 0o600);
    assert.equal(resolveSecretKey('from-env', dir), 'from-env');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
