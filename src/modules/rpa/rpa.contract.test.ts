import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { LOCAL_TIME, OI_EXAMPLE, SAT_EXAMPLE, startRpa, type RpaHarness } from './rpa.test-support.js';

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const keys = (value: object) => Object.keys(value).sort();

// Seed 001 §4, §5 and §11 replayed literally. Without configured portals every job fails at once
// with the navigation error: the shapes are what is checked here, the robots elsewhere.
for (const dialect of testDialects()) {
  describe(`rpa: seed 001 examples (${dialect})`, () => {
    let h: RpaHarness;
    before(async () => {
      h = await startRpa(dialect, { RPA_SYNC_TIMEOUT_SECONDS: '1' });
    });
    after(() => h.close());

    it('§4.2.1 health is public and shows the queue', async () => {
      const { status, body } = await h.call('GET', '/health', undefined, {});
      assert.equal(status, 200);
      assert.deepEqual(body, { status: 'healthy', message: 'API está funcionando', jobs_pending: 0, jobs_active: 0 });
    });

    it('§4.2.2 creates a job for OI', async () => {
      const { status, body } = await h.call('POST', '/executar/OI', OI_EXAMPLE);
      assert.equal(status, 200);
      assert.match(body.job_id, JOB_ID);
      assert.deepEqual(body, { job_id: body.job_id, status: 'PENDING', message: 'Job criado para operadora OI', status_url: `/status/${body.job_id}` });
      await h.waitFor(body.job_id);
    });

    it('§4.2.2 / §11.2.2 unknown or lower-case operadora: 404', async () => {
      for (const operadora of ['INVALID', 'oi', 'SAT', 'Vivo']) {
        const { status, body } = await h.call('POST', `/executar/${operadora}`, OI_EXAMPLE);
        assert.equal(status, 404, operadora);
        assert.deepEqual(body, { detail: `Operadora '${operadora}' não encontrada` });
      }
    });

    it('§4.2.2 missing login: 422 with FastAPI detail', async () => {
      const { login: _login, ...rest } = OI_EXAMPLE;
      const { status, body } = await h.call('POST', '/executar/OI', rest);
      assert.equal(status, 422);
      assert.deepEqual(body, { detail: [{ loc: ['body', 'login'], msg: 'field required', type: 'value_error.missing' }] });
    });

    it('§5.1 every missing field is listed, and processo_id must be a UUID', async () => {
      const empty = await h.call('POST', '/executar/VIVO', {});
      assert.equal(empty.status, 422);
      assert.deepEqual(
        empty.body.detail.map((d: { loc: string[] }) => d.loc),
        [['body', 'login'], ['body', 'senha'], ['body', 'filtro'], ['body', 'cnpj']],
      );
      const bad = await h.call('POST', '/executar/VIVO', { ...OI_EXAMPLE, processo_id: 'processo-1' });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body, { detail: [{ loc: ['body', 'processo_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' }] });
      const typed = await h.call('POST', '/executar/VIVO', { ...OI_EXAMPLE, login: { email: 'x' } });
      assert.equal(typed.status, 422);
      assert.deepEqual(typed.body.detail[0].loc, ['body', 'login']);
    });

    it('§5.1 cnpj with or without punctuation is the same job (a double click starts one robot)', async () => {
      const payload = { ...OI_EXAMPLE, filtro: '87654321', competencia: '202401' };
      // Held PENDING behind a running job of the same login, so the second request finds it unfinished.
      const first = await h.t.runtime.core.jobs.enqueue('rpa.EMBRATEL', { operadora: 'EMBRATEL', ...payload, cnpj: '12345678000190' }, {
        idempotencyKey: 'EMBRATEL|12345678000190|87654321|202401',
        runAt: Date.now() + 60_000,
      });
      const again = await h.call('POST', '/executar/EMBRATEL', payload);
      assert.equal(again.status, 200);
      assert.equal(again.body.job_id, first.id);
      assert.equal(again.body.message, 'Job já em andamento para operadora EMBRATEL');
      await h.call('DELETE', `/jobs/${first.id}`);
    });

    it('§4.2.3 creates a SAT job from the seed payload; the due date must be a real DD/MM/YYYY date', async () => {
      const { status, body } = await h.call('POST', '/executar/sat', SAT_EXAMPLE);
      assert.equal(status, 200);
      assert.deepEqual(keys(body), ['job_id', 'message', 'status', 'status_url']);
      assert.equal(body.status, 'PENDING');
      assert.equal(body.message, 'Job criado para operadora SAT');
      const done = await h.waitFor(body.job_id);
      assert.equal(done.operadora, 'SAT');
      for (const data_vencimento of ['31/02/2024', '2024-01-15', '15/13/2024', '']) {
        const bad = await h.call('POST', '/executar/sat', { ...SAT_EXAMPLE, data_vencimento });
        assert.equal(bad.status, 422, data_vencimento);
        assert.deepEqual(bad.body.detail[0].loc, ['body', 'data_vencimento']);
      }
      const { razao: _razao, ...noRazao } = SAT_EXAMPLE;
      const missing = await h.call('POST', '/executar/sat', noRazao);
      assert.deepEqual(missing.body, { detail: [{ loc: ['body', 'razao'], msg: 'field required', type: 'value_error.missing' }] });
    });

    it('§4.2.4 status has the documented fields; times are local; a failed job says why', async () => {
      const created = await h.call('POST', '/executar/DIGITALNET', { ...OI_EXAMPLE, processo_id: undefined });
      const body = await h.waitFor(created.body.job_id);
      assert.deepEqual(keys(body), ['completed_at', 'created_at', 'error', 'job_id', 'logs', 'operadora', 'progress', 'result', 'started_at', 'status']);
      assert.equal(body.operadora, 'DIGITALNET');
      assert.equal(body.status, 'FAILED');
      assert.equal(body.result, null);
      assert.equal(body.error, 'Erro de navegação: Portal da operadora DIGITALNET não configurado');
      for (const field of ['created_at', 'started_at', 'completed_at']) assert.match(body[field], LOCAL_TIME);
      assert.deepEqual(body.logs[0], { timestamp: body.logs[0].timestamp, message: 'Iniciando processamento da operadora DIGITALNET' });
      assert.equal(body.logs[1].message, 'Executando RPA para DIGITALNET');
      assert.equal(body.logs.at(-1).message, `Job ${body.job_id} concluído com status FAILED`);
      for (const log of body.logs) {
        assert.deepEqual(keys(log), ['message', 'timestamp']);
        assert.match(log.timestamp, LOCAL_TIME);
      }
    });

    it('§4.2.4 / §11.2.3 unknown job: 404', async () => {
      for (const id of ['invalid-job-id', '01234567-89ab-7def-8123-456789abcdef']) {
        const { status, body } = await h.call('GET', `/status/${id}`);
        assert.equal(status, 404);
        assert.deepEqual(body, { detail: `Job '${id}' não encontrado` });
      }
    });

    it('§4.2.5 lists jobs, newest first, with limit and filters', async () => {
      const { status, body } = await h.call('GET', '/jobs');
      assert.equal(status, 200);
      assert.deepEqual(keys(body), ['jobs', 'total_jobs']);
      assert.ok(body.total_jobs >= 3);
      assert.equal(body.jobs.length, body.total_jobs);
      for (const job of body.jobs) {
        assert.deepEqual(keys(job), ['created_at', 'job_id', 'operadora', 'progress', 'status']);
        assert.match(job.created_at, LOCAL_TIME);
      }
      const ids = body.jobs.map((j: { job_id: string }) => j.job_id);
      assert.deepEqual(ids, [...ids].sort().reverse());
      const one = await h.call('GET', '/jobs?limit=1');
      assert.equal(one.body.jobs.length, 1);
      assert.equal(one.body.total_jobs, body.total_jobs);
      const sat = await h.call('GET', '/jobs?operadora=SAT&status=FAILED');
      assert.ok(sat.body.jobs.length >= 1);
      assert.ok(sat.body.jobs.every((j: { operadora: string; status: string }) => j.operadora === 'SAT' && j.status === 'FAILED'));
      const bad = await h.call('GET', '/jobs?status=DONE');
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.detail[0].loc, ['query', 'status']);
    });

    it('§4.2.6 returns the current token with minutes left', async () => {
      const { status, body } = await h.call('GET', '/auth/token');
      assert.equal(status, 200);
      assert.deepEqual(keys(body), ['expires_in', 'message', 'token']);
      assert.equal(body.token, h.token);
      assert.equal(body.message, 'Token atual');
      assert.ok(Number.isInteger(body.expires_in) && body.expires_in > 0);
    });

    it('§7.2 / §11.2.1 protected routes refuse a missing or invalid token with 401', async () => {
      const routes: Array<[string, string]> = [
        ['POST', '/executar/OI'],
        ['POST', '/executar/sat'],
        ['GET', '/status/invalid-job-id'],
        ['GET', '/jobs'],
        ['GET', '/auth/token'],
      ];
      for (const [method, url] of routes) {
        const missing = await h.call(method as 'GET', url, method === 'POST' ? OI_EXAMPLE : undefined, {});
        assert.equal(missing.status, 401, url);
        assert.equal(typeof missing.body.detail, 'string');
        const invalid = await h.call(method as 'GET', url, undefined, { authorization: 'Bearer invalido' });
        assert.equal(invalid.status, 401, url);
        assert.match(invalid.body.detail, /^Token inválido ou expirado/);
      }
    });

    it('job routes: logs as a JSON list, cancel, and 404s for files that do not exist', async () => {
      const created = await h.call('POST', '/executar/OI', { ...OI_EXAMPLE, filtro: 'logs-1' });
      const id = created.body.job_id;
      await h.waitFor(id);
      const logs = await h.call('GET', `/jobs/${id}/logs`);
      assert.equal(logs.status, 200);
      assert.deepEqual(keys(logs.body[0]), ['level', 'message', 'timestamp']);
      assert.deepEqual(logs.body.at(-1), { timestamp: logs.body.at(-1).timestamp, level: 'WARN', message: `Job ${id} concluído com status FAILED` });
      assert.deepEqual((await h.call('GET', `/jobs/${id}`)).body, (await h.call('GET', `/status/${id}`)).body);
      assert.deepEqual((await h.call('GET', `/jobs/${id}/result`)).body, { detail: `Job '${id}' não possui arquivo de resultado` });
      assert.deepEqual((await h.call('GET', `/jobs/${id}/artifacts/screenshot`)).body, { detail: `Job '${id}' não possui captura de tela` });
      const finished = await h.call('DELETE', `/jobs/${id}`);
      assert.equal(finished.status, 200);
      assert.equal(finished.body.status, 'FAILED');
      const later = await h.t.runtime.core.jobs.enqueue('rpa.VIVO', { operadora: 'VIVO', ...OI_EXAMPLE, processo_id: undefined }, { runAt: Date.now() + 60_000 });
      const cancelled = await h.call('DELETE', `/jobs/${later.id}`);
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.status, 'CANCELLED');
      assert.equal((await h.call('DELETE', '/jobs/nao-existe')).status, 404);
    });

    it('sync: answers the final status object', async () => {
      const { status, body } = await h.call('POST', '/executar/VIVO/sync', { ...OI_EXAMPLE, filtro: 'sync-1' });
      assert.equal(status, 200);
      assert.equal(body.status, 'FAILED');
      assert.equal(body.logs.at(-1).message, `Job ${body.job_id} concluído com status FAILED`);
      const sat = await h.call('POST', '/executar/sat/sync', { ...SAT_EXAMPLE, nome_arquivo: 'sync.pdf' });
      assert.equal(sat.status, 200);
      assert.equal(sat.body.operadora, 'SAT');
    });

    it('sync: a job still unfinished after RPA_SYNC_TIMEOUT_SECONDS is a 504 naming it', async () => {
      const payload = { ...OI_EXAMPLE, filtro: 'sync-2', competencia: '202402' };
      const waiting = await h.t.runtime.core.jobs.enqueue('rpa.OI', { operadora: 'OI', ...payload }, {
        idempotencyKey: 'OI|12345678000190|sync-2|202402',
        runAt: Date.now() + 60_000,
      });
      const { status, body } = await h.call('POST', '/executar/OI/sync', payload);
      assert.equal(status, 504);
      assert.equal(body.detail, `Tempo de espera esgotado após 1 s: o job ${waiting.id} continua em execução; acompanhe em /status/${waiting.id}`);
      await h.call('DELETE', `/jobs/${waiting.id}`);
    });
  });
}
