import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startRpa, type RpaHarness } from './rpa.test-support.js';
import { skipWithoutChromium } from './robots/robots.test-support.js';

const SEED_FRONTEND = fileURLToPath(new URL('./seed-frontend/run.ts', import.meta.url));

interface Report {
  type: 'console' | 'console.error' | 'ui' | 'addLog';
  args?: unknown[];
  data?: any;
}

// The seed's frontend code (§9.2-9.3 axios client, §10.1 polling, §10.2 WebSocket), unchanged, in a
// process of its own with browser globals, against the service on a real socket: RPA_SANDBOX demo
// mode, so a real robot in real Chromium downloads from the OI sandbox.
describe('rpa: the seed 001 frontend examples against the service', { skip: skipWithoutChromium }, () => {
  let h: RpaHarness;
  let processo: http.Server;
  const callbacks: Array<{ method?: string; url?: string; body: string }> = [];
  let child: ChildProcess | undefined;

  before(async () => {
    processo = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        callbacks.push({ method: req.method, url: req.url, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => processo.listen(0, '127.0.0.1', resolve));
    const processoPort = (processo.address() as { port: number }).port;
    h = await startRpa('sqlite', { RPA_SANDBOX: 'true', PROCESSO_API_URL: `http://127.0.0.1:${processoPort}` });
    await h.t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    child?.kill('SIGKILL');
    await h?.close();
    processo?.close();
  });

  it('§10.1 polling and §10.2 WebSocket both see the job reach COMPLETED', async () => {
    const port = (h.t.app.server.address() as { port: number }).port;
    const reports: Report[] = [];
    child = fork(SEED_FRONTEND, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, REACT_APP_API_URL: `http://127.0.0.1:${port}`, SEED_JWT_TOKEN: h.token },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message) => reports.push(message as Report));
    const seen = (match: (r: Report) => boolean) => reports.find(match);
    const until = Date.now() + 90_000;
    while (!(seen((r) => r.type === 'console' && r.args?.[0] === 'Job concluído! Resultado:') && seen((r) => r.type === 'ui' && r.data.status === 'COMPLETED'))) {
      const failure = seen((r) => r.type === 'console.error');
      if (failure) assert.fail(`o frontend do seed registrou um erro: ${JSON.stringify(failure.args)}`);
      if (Date.now() > until) assert.fail(`o job não chegou a COMPLETED no frontend: ${JSON.stringify(reports)}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const created = seen((r) => r.type === 'console' && r.args?.[0] === 'Job criado:')!;
    const jobId = String(created.args![1]);
    const finished = seen((r) => r.type === 'console' && r.args?.[0] === 'Job concluído! Resultado:')!;
    assert.match(String(finished.args![1]), /^faturas\/OI\/12345678000190\/\d{6}\/.+\.pdf$/);
    const polled = reports.filter((r) => r.type === 'console' && String(r.args?.[0]).startsWith('Status: '));
    assert.ok(polled.length >= 1, 'the §10.1 poll ran');
    const updates = reports.filter((r) => r.type === 'ui').map((r) => r.data);
    assert.deepEqual(updates.at(-1), { status: 'COMPLETED', progress: 100, operadora: 'OI' });
    assert.ok(updates.some((u) => u.status === 'RUNNING'), 'job_update while running');
    const logs = reports.filter((r) => r.type === 'addLog').map((r) => r.data);
    assert.ok(logs.some((l) => l.type === 'log' && l.job_id === jobId && l.level === 'WARN' && l.message === `Job ${jobId} concluído com status COMPLETED`));

    const status = await h.call('GET', `/status/${jobId}`);
    assert.equal(status.body.status, 'COMPLETED');
    // §3.3: the example's processo_id was told the outcome, on the first endpoint of the list.
    for (let i = 0; i < 100 && callbacks.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(callbacks, [
      { method: 'PUT', url: '/api/processos/b4148f5f-e820-408a-b623-8f1ba3fd2578/status', body: '{"status":"COMPLETED"}' },
    ]);
  });
});
