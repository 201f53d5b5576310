import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createScheduler } from '../../core/scheduler/index.js';
import { testDialects } from '../../core/testing/test-database.js';
import { startFaturas, type FaturasHarness } from './faturas.test-support.js';
import { competenciaOf, toMesAno } from './processos.rules.js';

const base = '/api/v1/faturas/agendamentos';

async function bytesOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

for (const dialect of testDialects()) {
  describe(`faturas: agendamentos (${dialect})`, () => {
    let h: FaturasHarness;
    before(async () => {
      h = await startFaturas(dialect);
      await h.token('ADMINISTRADOR');
    });
    after(() => h?.close());

    async function criar(body: Record<string, unknown>) {
      const answer = await h.call('ADMINISTRADOR', 'POST', `${base}/`, body);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body;
    }
    async function runOnce(id: string) {
      const started = await h.call('ADMINISTRADOR', 'POST', `${base}/${id}/executar-agora`);
      assert.equal(started.status, 202, JSON.stringify(started.body));
      return h.until(async () => {
        const runs = (await h.call('OPERADOR', 'GET', `${base}/${id}/execucoes`)).body;
        const run = runs.find((r: { job_id: string; status: string }) => r.job_id === started.body.job_id && r.status !== 'EXECUTANDO');
        return run;
      }, 'a execução do agendamento', 30_000);
    }

    it('validates cron, tipo parameters and the unique name; only an ADMINISTRADOR writes', async () => {
      const valid = { nome_agendamento: 'Criar Processos Mensais', cron_expressao: '0 6 1 * *', tipo_agendamento: 'CRIAR_PROCESSOS_MENSAIS' };
      const created = await criar(valid);
      // 06:00 in São Paulo (UTC-3) on the 1st of next month.
      assert.match(created.proxima_execucao, /^\d{4}-\d{2}-01T09:00:00\.000Z$/);
      assert.equal((await h.call('ADMINISTRADOR', 'POST', `${base}/`, valid)).status, 409);
      const badCron = await h.call('ADMINISTRADOR', 'POST', `${base}/`, { ...valid, nome_agendamento: 'Outro', cron_expressao: '61 25 * * *' });
      assert.equal(badCron.status, 422);
      assert.match(badCron.body.error.message, /cron/i);
      const badParams = await h.call('ADMINISTRADOR', 'POST', `${base}/`, { ...valid, nome_agendamento: 'Outro', parametros_execucao: { competencia: 'futura' } });
      assert.equal(badParams.status, 422);
      assert.equal((await h.call('OPERADOR', 'POST', `${base}/`, { ...valid, nome_agendamento: 'Outro' })).status, 403);
      assert.equal((await h.call('OPERADOR', 'POST', `${base}/${created.id}/executar-agora`)).status, 403);

      const patched = await h.call('ADMINISTRADOR', 'PATCH', `${base}/${created.id}`, { cron_expressao: '30 8 * * 1-5' });
      assert.equal(patched.body.cron_expressao, '30 8 * * 1-5');
      assert.match(patched.body.proxima_execucao, /T11:30:00\.000Z$/);
      const off = await h.call('ADMINISTRADOR', 'PATCH', `${base}/${created.id}`, { status_ativo: false });
      assert.equal(off.body.proxima_execucao, null);
      assert.equal((await h.call('ADMINISTRADOR', 'DELETE', `${base}/${created.id}`)).status, 204);
      assert.equal((await h.call('OPERADOR', 'GET', `${base}/${created.id}`)).status, 404);
    });

    it('a slot fires once even when two schedulers see it at the same time', async () => {
      const operadoraId = await h.operadoraId('EMBRATEL');
      await h.cliente({ operadora: 'EMBRATEL', cnpj: '66000167000101' });
      const created = await criar({
        nome_agendamento: 'Processos Embratel', cron_expressao: '0 6 1 * *', tipo_agendamento: 'CRIAR_PROCESSOS_MENSAIS',
        parametros_execucao: { operadora_id: operadoraId, competencia: 'atual' },
      });
      const slot = Date.parse(created.proxima_execucao);
      const instances = [1, 2].map(() =>
        createScheduler({ database: h.runtime.core.database, queue: h.runtime.core.jobs, timeZone: 'America/Sao_Paulo', logger: h.runtime.core.logger, clock: () => slot + 1_000 }),
      );
      const fired = await Promise.all(instances.map((s) => s.tick()));
      assert.equal(fired[0] + fired[1], 1);
      const run = await h.until(async () => (await h.call('OPERADOR', 'GET', `${base}/${created.id}/execucoes`)).body.find((r: { status: string }) => r.status === 'SUCESSO'), 'o disparo');
      assert.deepEqual(run.resultado, { mes_ano: toMesAno(competenciaOf(Date.now(), 'America/Sao_Paulo')), criados: 1, ja_existiam: 0 });
      const agendamento = (await h.call('OPERADOR', 'GET', `${base}/${created.id}`)).body;
      assert.ok(agendamento.ultima_execucao);
      assert.ok(Date.parse(agendamento.proxima_execucao) > slot, 'the next slot after the one fired');
    });

    it('EXECUTAR_DOWNLOADS starts what it can and records what it could not', async () => {
      const clienteId = await h.cliente({ operadora: 'VIVO', cnpj: '77000167000101', login_portal: null });
      await h.call('OPERADOR', 'POST', '/api/v1/faturas/processos/', { cliente_id: clienteId, mes_ano: '02/2026' });
      const created = await criar({
        nome_agendamento: 'Downloads Vivo', cron_expressao: '0 8 * * 1-5', tipo_agendamento: 'EXECUTAR_DOWNLOADS',
        parametros_execucao: { operadora_id: await h.operadoraId('VIVO'), limite_execucoes_simultaneas: 3 },
      });
      const run = await runOnce(created.id);
      assert.equal(run.status, 'SUCESSO', JSON.stringify(run));
      assert.equal(run.resultado.iniciados, 0);
      assert.match(run.resultado.erros[0].mensagem, /login_portal/);
    });

    it('ENVIAR_RELATORIOS, LIMPEZA_LOGS and BACKUP_DADOS do their work and keep the last N backups', async () => {
      const relatorio = await criar({ nome_agendamento: 'Relatório', cron_expressao: '0 17 * * 5', tipo_agendamento: 'ENVIAR_RELATORIOS', parametros_execucao: { competencia: 'atual' } });
      const report = await runOnce(relatorio.id);
      assert.equal(report.status, 'SUCESSO', JSON.stringify(report));
      const csv = await h.runtime.core.storage.get(report.resultado.arquivo);
      assert.match((await bytesOf(csv!.body)).toString('utf8'), /^\ufeffRAZÃO SOCIAL;CNPJ;OPERADORA/);
      const inbox = (await h.call('ADMINISTRADOR', 'GET', '/api/v1/faturas/notificacoes/')).body.results;
      assert.ok(inbox.some((n: { tipo: string }) => n.tipo === 'RELATORIO'));

      const limpeza = await criar({ nome_agendamento: 'Limpeza', cron_expressao: '0 2 * * 0', tipo_agendamento: 'LIMPEZA_LOGS', parametros_execucao: { dias: 30 } });
      assert.equal((await runOnce(limpeza.id)).status, 'SUCESSO');

      const backup = await criar({ nome_agendamento: 'Backup', cron_expressao: '0 1 * * *', tipo_agendamento: 'BACKUP_DADOS', parametros_execucao: { manter_ultimos_backups: 1 } });
      const first = await runOnce(backup.id);
      assert.equal(first.status, 'SUCESSO', JSON.stringify(first));
      const second = await runOnce(backup.id);
      assert.equal(second.resultado.removidos, 1);
      const keys = await h.runtime.core.storage.list('faturas/backups/');
      assert.deepEqual(keys, [second.resultado.arquivo]);
      const copy = await bytesOf((await h.runtime.core.storage.get(keys[0]))!.body);
      if (dialect === 'sqlite') assert.equal(copy.subarray(0, 15).toString('latin1'), 'SQLite format 3');
      else assert.ok(JSON.parse(copy.toString('utf8')).tabelas.faturas_agendamentos.length >= 1);
    });
  });
}
