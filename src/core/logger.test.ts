import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLogger } from './logger.js';

const LOGGER = fileURLToPath(new URL('./logger.ts', import.meta.url));

/** Runs a short ESM script with the real stdout destination and returns what reached stdout. */
function stdoutOf(script: string): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.stderr, '');
  return result.stdout;
}

describe('logger', () => {
  it('redacts secrets at any depth of an event or error line', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info({ senha: 'S1', body: { password: 'S2', conta: { token: 'S3', cliente: { secret: 'S4' } } } }, 'evento');
    logger.error({ request: { headers: { authorization: 'Bearer S5', cookie: 'sid=S6' } } }, 'falha');
    const text = lines.join('');
    for (const secret of ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']) assert.ok(!text.includes(secret), `${secret} no log`);
    assert.equal(text.match(/\[oculto\]/g)?.length, 6);
  });

  // The destination holds lines in memory between writes: they must still leave when the process does.
  it('flushes held lines on process.exit and on a normal end', () => {
    const prelude = `import { createLogger } from ${JSON.stringify(LOGGER)}; const logger = createLogger('info');`;
    const exited = stdoutOf(`${prelude} logger.info('antes do exit'); process.exit(0);`);
    assert.match(exited, /"msg":"antes do exit"/);
    const ended = stdoutOf(`${prelude} for (let i = 0; i < 3; i++) logger.info({ i }, 'fim normal');`);
    assert.equal(ended.match(/"msg":"fim normal"/g)?.length, 3);
  });

  it('keeps every line, in order, across many batches, also when the process exits with writes pending', () => {
    const prelude = `import { createLogger } from ${JSON.stringify(LOGGER)}; const logger = createLogger('info');`;
    const burst = `for (let i = 0; i < 20000; i++) logger.info({ i }, 'lote');`;
    for (const ending of ['', 'process.exit(0);', 'setTimeout(() => process.exit(0), 5);']) {
      const out = stdoutOf(`${prelude} ${burst} ${ending}`);
      const seen = out.trim().split('\n').map((line) => (JSON.parse(line) as { i: number }).i);
      assert.deepEqual(seen, Array.from({ length: 20000 }, (_, i) => i), `ending: ${ending || 'normal'}`);
    }
  });
});
