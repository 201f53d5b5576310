import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { BrowserPool } from './browser-pool.js';
import { CHROMIUM_PATH, skipWithoutChromium } from './robots.test-support.js';

test('BrowserPool shares one Chromium, relaunches it after a crash, and refuses work once closed', { skip: skipWithoutChromium }, async () => {
  const pool = new BrowserPool({ executablePath: CHROMIUM_PATH });
  try {
    const [a, b] = await Promise.all([pool.browser(), pool.browser()]);
    assert.equal(a, b, 'chamadas simultâneas devem compartilhar o mesmo navegador');
    const context = await pool.newContext();
    assert.deepEqual(a.contexts(), [context]);
    await context.close();

    // Closing the browser behind the pool's back is what a crash looks like to it: disconnected.
    await a.close();
    const relaunched = await pool.browser();
    assert.notEqual(relaunched, a);
    assert.ok(relaunched.isConnected());
    const fresh = await pool.newContext();
    assert.equal(fresh.browser(), relaunched);
  } finally {
    await pool.close();
  }
  await assert.rejects(pool.newContext(), /encerrado/);
});

test('a Chromium that could not start is launched again on the next call', { skip: skipWithoutChromium }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-'));
  const executablePath = path.join(dir, 'chromium');
  const pool = new BrowserPool({ executablePath });
  try {
    await assert.rejects(pool.browser());
    fs.symlinkSync(CHROMIUM_PATH, executablePath);
    assert.ok((await pool.browser()).isConnected());
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
