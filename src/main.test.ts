import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the service process', () => {
  it('finishes in-flight requests on SIGTERM and exits 0', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-main-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ADMIN_EMAIL: 'admin@teste.local', ADMIN_PASSWORD: 'senha-admin-123', LOG_LEVEL: 'warn', WEB_DIST: path.join(dataDir, 'none') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    let up = false;
    // Generous: under a loaded CI machine start-up can take many seconds.
    for (let i = 0; i < 600 && !up; i++) {
      up = await fetch(`${base}/api/v1/health/`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(up, 'the service did not start');
    // Logins are deliberately slow (scrypt), so several are still running when the signal lands.
    const logins = Array.from({ length: 30 }, () =>
      fetch(`${base}/api/v1/auth/token/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin@teste.local', password: 'senha-admin-123' }),
      }).then((r) => r.status),
    );
    // The first answer means the others were accepted and are being worked on: signal then.
    await Promise.race(logins);
    child.kill('SIGTERM');
    const statuses = await Promise.all(logins);
    assert.deepEqual(statuses, Array(30).fill(200));
    assert.equal(await exited, 0);
    const refused = await fetch(`${base}/api/v1/health/`).then(() => 'answered', () => 'refused');
    assert.equal(refused, 'refused');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
