import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobTables } from '../../core/jobs/jobs.tables.js';
import { testDialects } from '../../core/testing/test-database.js';
import { OI_EXAMPLE, SAT_EXAMPLE, startRpa, type RpaHarness } from './rpa.test-support.js';

// Without configured portals every job fails at once: rows, counts, paging and re-runs are what is checked.
for (const dialect of testDialects()) {
  describe(`rpa: the console's job list, inputs and re-run (${dialect})`, () => {
    let h: RpaHarness;
    const downloads: string[] = [];
    let sat = '';
    before(async () => {
      h = await startRpa(dialect);
      for (let i = 0; i < 5; i += 1) {
        const { body } = await h.call('POST', '/executar/VIVO', { ...OI_EXAMPLE, filtro: `conta-${i}`, competencia: '202610' });
        downloads.push(body.job_id);
      }
      sat = (await h.call('POST', '/executar/sat', SAT_EXAMPLE)).body.job_id;
      await Promise.all([...downloads, sat].map((id) => h.waitFor(id)));
    });
    after(() => h.close());

    it('lists rows that tell jobs apart, newest first, with counts per status', async () => {
      const { status, body } = await h.call('GET', '/jobs/search?limit=4');
      assert.equal(status, 200);
      assert.equal(body.total, 6);
      assert.deepEqual(body.counts, { ALL: 6, PENDING: 0, RUNNING: 0, COMPLETED: 0, FAILED: 6, CANCELLED: 0 });
      assert.equal(body.jobs.length, 4);
      const [newest, next] = body.jobs;
      assert.deepEqual([newest.job_id, newest.tipo, newest.operadora, newest.filtro], [sat, 'sat', 'SAT', 'OI FIXO']);
      assert.deepEqual(
        [next.job_id, next.tipo, next.filtro, next.cnpj, next.competencia, next.status],
        [downloads[4], 'download', 'conta-4', OI_EXAMPLE.cnpj, '202610', 'FAILED'],
      );
      assert.ok(next.error && !next.error.includes('\n'), 'the first line of the error');
      assert.equal(typeof next.duration_seconds, 'number');
      assert.ok(!JSON.stringify(body).includes(OI_EXAMPLE.senha), 'never the password');
    });

    it('pages on the server and filters by operadora and status', async () => {
      const second = await h.call('GET', '/jobs/search?limit=4&offset=4');
      assert.deepEqual(second.body.jobs.map((j: { job_id: string }) => j.job_id), [downloads[1], downloads[0]]);
      const vivo = await h.call('GET', '/jobs/search?operadora=VIVO&status=FAILED');
      assert.equal(vivo.body.total, 5);
      assert.equal(vivo.body.counts.ALL, 5);
      const none = await h.call('GET', '/jobs/search?status=COMPLETED');
      assert.deepEqual([none.body.total, none.body.jobs], [0, []]);
      for (const query of ['limit=0', 'limit=201', 'offset=-1', 'status=DONE', 'operadora=TIM']) {
        assert.equal((await h.call('GET', `/jobs/search?${query}`)).status, 422, query);
      }
    });

    it('shows what a job was asked, without the password', async () => {
      const { status, body } = await h.call('GET', `/jobs/${downloads[0]}/inputs`);
      assert.equal(status, 200);
      assert.equal(body.tipo, 'download');
      assert.equal(body.inputs.filtro, 'conta-0');
      assert.equal(body.inputs.login, OI_EXAMPLE.login);
      assert.equal(body.inputs.senha, undefined);
      assert.ok(!JSON.stringify(body).includes(OI_EXAMPLE.senha));
      assert.equal((await h.call('GET', '/jobs/00000000-0000-7000-8000-000000000000/inputs')).status, 404);
    });

    it('re-runs a finished download with its stored password, and a SAT upload with its fields', async () => {
      const again = await h.call('POST', `/jobs/${downloads[2]}/rerun`);
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.notEqual(again.body.job_id, downloads[2]);
      assert.equal(again.body.message, 'Job criado para operadora VIVO');
      const db = h.t.runtime.database.db.withTables<JobTables>();
      const row = await db.selectFrom('jobs').select('payload').where('id', '=', again.body.job_id).executeTakeFirstOrThrow();
      assert.ok(!row.payload.includes(OI_EXAMPLE.senha), 'sealed again at rest');
      const sealed = JSON.parse(row.payload).senha.$sealed as string;
      assert.equal(JSON.parse(h.t.runtime.core.secrets.decrypt(sealed)), OI_EXAMPLE.senha);
      const inputs = (await h.call('GET', `/jobs/${again.body.job_id}/inputs`)).body.inputs;
      assert.deepEqual([inputs.filtro, inputs.competencia], ['conta-2', '202610']);
      await h.waitFor(again.body.job_id);

      const satAgain = await h.call('POST', `/jobs/${sat}/rerun`);
      assert.equal(satAgain.status, 200);
      assert.equal(satAgain.body.message, 'Job criado para operadora SAT');
      await h.waitFor(satAgain.body.job_id);
    });

    it('answers 404 for an unknown job and needs authentication', async () => {
      assert.equal((await h.call('POST', '/jobs/00000000-0000-7000-8000-000000000000/rerun')).status, 404);
      assert.equal((await h.call('GET', '/jobs/search', undefined, {})).status, 401);
      assert.equal((await h.call('POST', `/jobs/${sat}/rerun`, undefined, {})).status, 401);
    });
  });
}
