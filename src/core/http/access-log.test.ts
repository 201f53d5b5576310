import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));
const ADMIN = { username: 'acesso@retaguarda.test', password: 'Senha-Do-Log-9931' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// `npm start` as users run it (LOG_LEVEL unset, so info): the real process's stdout is read back.
describe('access log at the default level', () => {
  let dataDir: string;
  let output = '';
  let url: string;
  let exit: Promise<number | null>;
  let child: ReturnType<typeof spawn>;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-access-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), ADMIN_EMAIL: ADMIN.username, ADMIN_PASSWORD: ADMIN.password };
    delete env.LOG_LEVEL;
    child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    for (let i = 0; !(await fetch(`${url}/health`).then((r) => r.ok, () => false)); i++) {
      if (i > 300 || child.exitCode !== null) throw new Error(`o serviço não subiu:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes one line per request with its route, never a secret, and all of them by the exit after SIGTERM', async () => {
    const login = await fetch(`${url}/api/v1/auth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { access } = (await login.json()) as { access: string };
    const me = await fetch(`${url}/api/v1/me/?token=${access}`, { headers: { authorization: `Bearer ${access}` } });
    const { id: userId } = (await me.json()) as { id: number | string };
    const missing = await fetch(`${url}/clients/999999?token=${access}`, { headers: { authorization: `Bearer ${access}` } });
    await missing.arrayBuffer();
    const unknown = await fetch(`${url}/api/v1/nada/aqui?senha=${ADMIN.password}`);
    await unknown.arrayBuffer();
    const answered = [login, me, missing, unknown].map((r) => r.headers.get('x-request-id'));

    // Right away: the lines still held in memory must leave with the process.
    child.kill('SIGTERM');
    assert.equal(await exit, 0);

    const lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // The readiness polls of `before` have their own lines; these are the test's four requests.
    const accessLines = lines.filter((l) => l.msg === 'requisição' && answered.includes(l.reqId as string));
    assert.equal(lines.filter((l) => l.msg === 'requisição').length, accessLines.length + lines.filter((l) => l.route === '/health').length);
    assert.deepEqual(
      accessLines.map(({ method, route, status, reqId }) => ({ method, route, status, reqId })),
      [
        { method: 'POST', route: '/api/v1/auth/token/', status: 200, reqId: answered[0] },
        { method: 'GET', route: '/api/v1/me/', status: 200, reqId: answered[1] },
        { method: 'GET', route: '/clients/:client_id', status: 404, reqId: answered[2] },
        { method: 'GET', route: '/api/v1/nada/aqui', status: 404, reqId: answered[3] },
      ],
    );
    assert.deepEqual(
      accessLines.map((l) => l.userId),
      [null, String(userId), String(userId), null],
    );
    for (const line of accessLines) {
      assert.equal(line.level, 30);
      assert.ok(typeof line.durationMs === 'number' && line.durationMs >= 0);
    }
    assert.ok(!lines.some((l) => l.msg === 'incoming request' || l.msg === 'request completed'), "Fastify's own request lines are off");
    assert.ok(lines.some((l) => l.msg === 'encerrando: aguardando requisições em andamento'));
    for (const secret of [ADMIN.password, access]) assert.ok(!output.includes(secret), 'a secret reached the log');
  });
});
