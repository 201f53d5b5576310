import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestRate } from './request-rate.js';

test('reports the rate of the last full window, and a quiet spell as quiet', () => {
  let now = 0;
  const rate = new RequestRate(100, () => now);
  for (let i = 0; i < 250; i++) rate.mark();
  assert.equal(rate.perSecond(), 0, 'no window has ended yet');
  now = 100;
  assert.equal(rate.perSecond(), 2500);
  now = 150;
  rate.mark();
  assert.equal(rate.perSecond(), 2500, 'the window in progress does not count yet');
  now = 10_100;
  assert.ok(rate.perSecond() < 1, 'one request over ten seconds is no burst');
});
