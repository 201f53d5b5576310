import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { SecretBox } from '../crypto/secrets.js';
import { backoffDelay, defineJob } from './job-definition.js';
import { newJobId } from './job-id.js';
import { createJobRegistry, JobPayloadError, UnknownJobKindError } from './job-registry.js';
import { maskSecrets, openSecrets, sealSecrets, secretValues, stripSecrets, withoutSecrets } from './job-secrets.js';

const schema = Type.Object({ login: Type.String(), senha: Type.String() });
const handler = () => undefined;

describe('job catalogue', () => {
  it('rejects bad definitions where they are written', () => {
    assert.throws(() => defineJob({ name: 'tem espaço', schema, handler }), /nome inválido/);
    assert.throws(() => defineJob({ name: 'a:b', schema, handler }), /nome inválido/);
    assert.throws(() => defineJob({ name: 'x', schema, handler, concurrency: 0 }), /concurrency/);
    assert.throws(() => defineJob({ name: 'x', schema, handler, maxAttempts: 1.5 }), /maxAttempts/);
  });

  it('refuses to build a registry with a duplicate kind, a scalar payload, or secrets and no sealer', () => {
    const kind = defineJob({ name: 'rpa.executar', schema, handler });
    assert.throws(() => createJobRegistry([kind, kind]), /duplicado: 'rpa.executar'/);
    assert.throws(() => createJobRegistry([defineJob({ name: 's', schema: Type.String(), handler })]), /objeto/);
    const secret = defineJob({ name: 'rpa.login', schema, handler, secretFields: ['senha'] });
    assert.throws(() => createJobRegistry([secret]), /sealer/);
  });

  it('validates payloads and names the failing field', () => {
    const registry = createJobRegistry([defineJob({ name: 'rpa.executar', schema, handler })]);
    assert.throws(() => registry.require('nada'), UnknownJobKindError);
    assert.throws(
      () => registry.serializePayload('rpa.executar', { login: 'a', senha: 7 }),
      (error: unknown) => error instanceof JobPayloadError && error.details.some((d) => d.path === '/senha'),
    );
  });

  it('stores secret fields sealed, opens them for the handler and strips them for everyone else', () => {
    const box = SecretBox.fromMaster('m'.repeat(32));
    const registry = createJobRegistry([defineJob({ name: 'rpa.login', schema, handler, secretFields: ['senha'] })], box);
    const stored = registry.serializePayload('rpa.login', { login: 'ana', senha: 'hunter22' });
    assert.ok(!stored.includes('hunter22'));
    assert.deepEqual(stripSecrets(JSON.parse(stored)), { login: 'ana' });
    const opened = openSecrets(JSON.parse(stored), ['senha'], box);
    assert.deepEqual(opened, { login: 'ana', senha: 'hunter22' });
    assert.equal(maskSecrets('senha hunter22 errada', secretValues(opened, ['senha'])), 'senha *** errada');
  });

  it("seals nested secrets without touching the caller's payload; the public view matches on both sides", () => {
    const box = SecretBox.fromMaster('m'.repeat(32));
    const payload = { login: 'ana', portal: { url: 'https://x', senha: 'hunter22' }, senha: 'outra-senha' };
    const sealed = sealSecrets(payload, ['senha', 'portal.senha', 'ausente.senha'], box);
    assert.deepEqual(payload, { login: 'ana', portal: { url: 'https://x', senha: 'hunter22' }, senha: 'outra-senha' });
    assert.ok(!JSON.stringify(sealed).includes('hunter22') && !JSON.stringify(sealed).includes('outra-senha'));
    const fields = ['senha', 'portal.senha'];
    assert.deepEqual(withoutSecrets(payload, fields), stripSecrets(JSON.parse(JSON.stringify(sealed))));
    assert.deepEqual(withoutSecrets(payload, fields), { login: 'ana', portal: { url: 'https://x' } });
    assert.deepEqual(openSecrets(JSON.parse(JSON.stringify(sealed)), fields, box), payload);
  });

  it('doubles the backoff per attempt up to its ceiling', () => {
    const backoff = { delayMs: 1000, maxDelayMs: 5000 };
    assert.deepEqual([1, 2, 3, 4].map((attempt) => backoffDelay(backoff, attempt)), [1000, 2000, 4000, 5000]);
  });

  it('makes job ids that sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newJobId(1_800_000_000_000));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    assert.match(ids[0], /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
