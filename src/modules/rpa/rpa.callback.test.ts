import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { EventBus } from '../../core/events/index.js';
import { testDialects } from '../../core/testing/test-database.js';
import { CALLBACK_TIMEOUT_MS, notifyProcesso } from './rpa.callback.js';
import type { RpaEvents, RpaJobFinished } from './rpa.events.js';
import { OI_EXAMPLE, startRpa, type RpaHarness } from './rpa.test-support.js';

const PROCESSO = 'b4148f5f-e820-408a-b623-8f1ba3fd2578';

/** A processo API whose answer per path the test chooses: a status code, or 'hang' (never answers). */
async function processoApi(answers: Record<string, number | 'hang'>) {
  const received: Array<{ method?: string; path: string; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({ method: req.method, path, body });
      const answer = answers[path] ?? 404;
      if (answer !== 'hang') res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    received,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

function recordingLogger() {
  const lines: Array<{ level: string; details: any; message: string }> = [];
  return {
    lines,
    info: (details: object, message: string) => lines.push({ level: 'info', details, message }),
    warn: (details: object, message: string) => lines.push({ level: 'warn', details, message }),
  };
}

const paths = (id = PROCESSO) => [`/api/processos/${id}/status`, `/processos/${id}/status`, `/api/processos/${id}`];

describe('rpa: processo callback (seed 001 §3.3)', () => {
  it('tries the three endpoints in order and stops at the first 2xx', async (t) => {
    const api = await processoApi({ [paths()[0]]: 404, [paths()[1]]: 500, [paths()[2]]: 204 });
    t.after(() => api.close());
    const logger = recordingLogger();
    const accepted = await notifyProcesso({ baseUrl: `${api.url}/`, processoId: PROCESSO, status: 'FAILED', logger });
    assert.equal(accepted, `${api.url}${paths()[2]}`);
    assert.deepEqual(api.received, paths().map((path) => ({ method: 'PUT', path, body: '{"status":"FAILED"}' })));
    assert.equal(logger.lines.at(-1)?.level, 'info');
  });

  it('gives each attempt its own timeout (5 s by default) and moves on', async (t) => {
    assert.equal(CALLBACK_TIMEOUT_MS, 5_000);
    const api = await processoApi({ [paths()[0]]: 'hang', [paths()[1]]: 200 });
    t.after(() => api.close());
    const started = Date.now();
    const accepted = await notifyProcesso({ baseUrl: api.url, processoId: PROCESSO, status: 'COMPLETED', logger: recordingLogger(), timeoutMs: 1000 });
    assert.equal(accepted, `${api.url}${paths()[1]}`);
    assert.ok(Date.now() - started >= 990, 'waited for the hanging endpoint');
    assert.deepEqual(api.received.map((r) => r.path), paths().slice(0, 2));
  });

  it('when every endpoint fails: a warning naming each attempt, and no exception', async (t) => {
    const api = await processoApi({ [paths()[0]]: 'hang', [paths()[1]]: 503, [paths()[2]]: 400 });
    // A hanging request would keep the test process alive if an assertion failed before close().
    t.after(() => api.close());
    const logger = recordingLogger();
    // Long enough that a loaded CI machine still gets the 503 and the 400 answered in time.
    const accepted = await notifyProcesso({ baseUrl: api.url, processoId: PROCESSO, status: 'COMPLETED', logger, timeoutMs: 1000 });
    assert.equal(accepted, undefined);
    const warning = logger.lines.at(-1)!;
    assert.equal(warning.level, 'warn');
    assert.equal(warning.message, 'Não foi possível atualizar o status do processo');
    assert.deepEqual(warning.details.tentativas, [
      `${api.url}${paths()[0]}: sem resposta em 1000 ms`,
      `${api.url}${paths()[1]}: HTTP 503`,
      `${api.url}${paths()[2]}: HTTP 400`,
    ]);
    const refused = await notifyProcesso({ baseUrl: 'http://127.0.0.1:9', processoId: PROCESSO, status: 'FAILED', logger, timeoutMs: 200 });
    assert.equal(refused, undefined);
  });
});

for (const dialect of testDialects()) {
  describe(`rpa: the end of a job, once (${dialect})`, () => {
    let h: RpaHarness;
    let api: Awaited<ReturnType<typeof processoApi>>;
    const finished: RpaJobFinished[] = [];
    before(async () => {
      // The first endpoint never answers: the job must be final long before the callback gives up.
      api = await processoApi({ [paths()[0]]: 'hang', [paths()[1]]: 200 });
      h = await startRpa(dialect, { PROCESSO_API_URL: api.url });
      (h.t.runtime.core.events as unknown as EventBus<RpaEvents>).subscribe('rpa.job.finished', (e) => finished.push(e));
    });
    after(async () => {
      api.close();
      await h.close();
    });

    it('the job ends on its own; rpa.job.finished and the callback follow, once', async () => {
      const created = await h.call('POST', '/executar/OI', OI_EXAMPLE);
      const id = created.body.job_id;
      const done = await h.waitFor(id);
      assert.equal(done.status, 'FAILED');
      assert.deepEqual(api.received.slice(1), [], 'the job did not wait for the processo API');
      for (let i = 0; i < 200 && (!finished.some((e) => e.job_id === id) || api.received.length === 0); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      assert.deepEqual(finished.filter((e) => e.job_id === id), [
        { job_id: id, operadora: 'OI', status: 'FAILED', result: null, error: done.error, processo_id: PROCESSO },
      ]);
      // The same end heard again (another process of a cluster, a replay) is not acted upon twice.
      const [event] = (await h.t.runtime.core.jobs.eventsAfter(0, { jobId: id })).filter((e) => e.data.status === 'FAILED');
      await h.t.runtime.core.events.publish('job.event', event);
      await new Promise((r) => setTimeout(r, 300));
      // Still waiting on the first (hanging) endpoint, and no second callback was started.
      assert.deepEqual(api.received.map((r) => r.path), paths().slice(0, 1));
      assert.equal(finished.filter((e) => e.job_id === id).length, 1);
    });

    it('no processo_id: no callback; a cancelled job is announced but not sent to the processo API', async () => {
      const before = api.received.length;
      const { processo_id: _p, ...plain } = OI_EXAMPLE;
      const created = await h.call('POST', '/executar/VIVO', plain);
      await h.waitFor(created.body.job_id);
      const later = await h.t.runtime.core.jobs.enqueue('rpa.VIVO', { operadora: 'VIVO', ...OI_EXAMPLE, filtro: 'cancelado' }, { runAt: Date.now() + 60_000 });
      await h.call('DELETE', `/jobs/${later.id}`);
      for (let i = 0; i < 200 && !finished.some((e) => e.job_id === later.id); i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(finished.find((e) => e.job_id === later.id)?.status, 'CANCELLED');
      assert.ok(finished.some((e) => e.job_id === created.body.job_id && e.processo_id === null));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(api.received.length, before);
    });
  });
}
