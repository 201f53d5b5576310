import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomBytesPooled } from './random.js';

describe('randomBytesPooled', () => {
  it('hands out each pooled byte once, in independent copies, across refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const bytes = randomBytesPooled(12);
      assert.equal(bytes.length, 12);
      seen.add(bytes.toString('hex'));
    }
    assert.equal(seen.size, 2000, 'a nonce repeated');
    const a = randomBytesPooled(16);
    a.fill(0);
    assert.notDeepEqual(randomBytesPooled(16), a, 'zeroing one caller\'s bytes reached the pool');
    assert.equal(randomBytesPooled(4096).length, 4096);
  });
});
