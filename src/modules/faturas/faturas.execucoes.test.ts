import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { SANDBOX_CREDENTIALS, startPortalSandbox, type PortalSandbox } from '../../sandbox/portal-sandbox.js';
import { CHROMIUM_MISSING, portalsFile, startFaturas, type FaturasHarness } from './faturas.test-support.js';
import { competenciaOf, toMesAno } from './processos.rules.js';

const processos = '/api/v1/faturas/processos';
const execucoes = '/api/v1/faturas/execucoes';

/** The `data:` payloads of an SSE response, read to its end. */
async function sseEvents(url: string): Promise<{ status: number; events: any[] }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!String(response.headers.get('content-type')).startsWith('text/event-stream')) return { status: response.status, events: [] };
  const text = await response.text();
  const events = text
    .split('\n\n')
    .map((block) => block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n'))
    .filter(Boolean)
    .map((data) => JSON.parse(data));
  return { status: response.status, events };
}

// Execuções against real robots: live logs, cancel, retry by hand, timeout, the dashboard's robot figures.
for (const dialect of testDialects()) {
  describe(`faturas: execuções and live logs (${dialect})`, { skip: CHROMIUM_MISSING }, () => {
    let h: FaturasHarness;
    let dir: string;
    let address: string;
    const portals: PortalSandbox[] = [];
    const mesAno = toMesAno(competenciaOf(Date.now(), 'America/Sao_Paulo'));

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faturas-exec-'));
      const oi = await startPortalSandbox({ operadora: 'OI' });
      // Slow portals, so a robot can be cancelled or timed out while it runs.
      const digitalnet = await startPortalSandbox({ operadora: 'DIGITALNET', delayMs: 500 });
      const embratel = await startPortalSandbox({ operadora: 'EMBRATEL', delayMs: 4_000 });
      portals.push(oi, digitalnet, embratel);
      h = await startFaturas(dialect, { RPA_PORTALS_FILE: portalsFile(dir, { OI: oi.url, DIGITALNET: digitalnet.url, EMBRATEL: embratel.url }) });
      address = await h.runtime.app.listen({ port: 0, host: '127.0.0.1' });
      await h.token('OPERADOR');
    });
    after(async () => {
      await h?.close();
      await Promise.all(portals.map((p) => p.close()));
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function download(operadora: string) {
      const clienteId = await h.cliente({ operadora });
      const created = await h.call('OPERADOR', 'POST', `${processos}/`, { cliente_id: clienteId, mes_ano: mesAno });
      const started = await h.call('OPERADOR', 'POST', `${processos}/${created.body.id}/executar-download`);
      assert.equal(started.status, 200, JSON.stringify(started.body));
      return { id: created.body.id as string, jobId: started.body.job_id as string, execucaoId: started.body.execucao_id as string };
    }
    const execucao = async (id: string) => (await h.call('OPERADOR', 'GET', `${execucoes}/${id}`)).body;

    it('streams a job\'s logs live and then replays them whole, ending with job_completed', async () => {
      const { id, jobId, execucaoId } = await download('OI');
      const token = await h.token('OPERADOR');
      assert.equal((await sseEvents(`${address}/api/v2/logs-tempo-real/stream/${jobId}`)).status, 401);
      assert.equal((await sseEvents(`${address}/api/v2/logs-tempo-real/stream/00000000-0000-4000-8000-000000000000?token=${token}`)).status, 404);
      const live = await sseEvents(`${address}/api/v2/logs-tempo-real/stream/${jobId}?token=${token}`);
      assert.equal(live.events[0].type, 'connection');
      assert.ok(live.events.some((e) => e.type === 'log' && e.message === 'Executando RPA para OI' && e.operadora === 'OI'));
      assert.deepEqual({ ...live.events.at(-1), timestamp: undefined }, {
        type: 'job_completed', job_status: 'COMPLETED', message: `Job ${jobId} concluído com status COMPLETED`, job_id: jobId, operadora: 'OI', timestamp: undefined,
      });
      const replay = await sseEvents(`${address}/api/v2/logs-tempo-real/stream/${jobId}?token=${token}`);
      assert.deepEqual(replay.events.slice(1).map((e) => e.message), live.events.slice(1).map((e) => e.message));

      await h.until(async () => (await execucao(execucaoId)).status_execucao === 'CONCLUIDO', 'a execução concluída');
      const recheck = await h.call('OPERADOR', 'POST', `/api/v2/logs-tempo-real/atualizar-status/${jobId}`, { status: 'FAILED' });
      assert.deepEqual(recheck.body, { success: true, message: 'Status atualizado com sucesso', execucao_id: execucaoId, novo_status: 'CONCLUIDO' });
      assert.equal((await h.call('OPERADOR', 'GET', `${processos}/${id}`)).body.status_processo, 'AGUARDANDO_APROVACAO');
      const detail = await execucao(execucaoId);
      assert.ok(detail.logs.some((l: { message: string }) => l.message === 'Executando RPA para OI'));
      assert.equal(detail.parametros_entrada.senha, undefined);
      assert.equal(detail.parametros_entrada.login, SANDBOX_CREDENTIALS.login);
    });

    it('cancelar stops the robot; tentar-novamente starts a real new job that completes', async () => {
      const { id, jobId, execucaoId } = await download('DIGITALNET');
      await h.until(async () => (await h.runtime.core.jobs.get(jobId))?.status === 'RUNNING', 'o robô rodando');
      const cancelled = await h.call('OPERADOR', 'POST', `${execucoes}/${execucaoId}/cancelar`, { motivo: 'Portal em manutenção' });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.equal(cancelled.body.execucao.status_execucao, 'CANCELADO');
      assert.equal(cancelled.body.execucao.mensagem_log, 'Execução cancelada: Portal em manutenção');
      await h.until(async () => (await h.runtime.core.jobs.get(jobId))?.status === 'CANCELLED', 'o job cancelado');
      assert.equal((await h.call('OPERADOR', 'POST', `${execucoes}/${execucaoId}/cancelar`)).status, 400);

      const retried = await h.call('OPERADOR', 'POST', `${execucoes}/${execucaoId}/tentar-novamente`);
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.notEqual(retried.body.job_id, jobId);
      assert.equal(retried.body.message, 'Nova tentativa criada com sucesso (Tentativa #2)');
      const novo = await h.until(async () => {
        const e = await execucao(retried.body.execucao_id);
        return e.status_execucao === 'CONCLUIDO' && e;
      }, 'a nova tentativa');
      assert.equal(novo.numero_tentativa, 2);
      assert.equal((await h.call('OPERADOR', 'GET', `${processos}/${id}`)).body.status_processo, 'AGUARDANDO_APROVACAO');
      assert.equal((await h.call('OPERADOR', 'POST', `${execucoes}/${retried.body.execucao_id}/tentar-novamente`)).status, 400);
    });

    it('an execução running past its time becomes TIMEOUT, its job cancelled and a retry scheduled', async () => {
      const { id, jobId, execucaoId } = await download('EMBRATEL');
      await h.until(async () => (await h.runtime.core.jobs.get(jobId))?.status === 'RUNNING', 'o robô rodando');
      await h.db.updateTable('faturas_execucoes').set({ data_inicio: Date.now() - 31 * 60_000 }).where('id', '=', execucaoId).execute();
      await h.until(async () => (await execucao(execucaoId)).status_execucao === 'TIMEOUT', 'o TIMEOUT', 30_000);
      await h.until(async () => (await h.runtime.core.jobs.get(jobId))?.status === 'CANCELLED', 'o job cancelado', 30_000);
      const p = (await h.call('OPERADOR', 'GET', `${processos}/${id}`)).body;
      assert.equal(p.tentativas_download, 1);
      const list = await h.call('OPERADOR', 'GET', `${execucoes}/?processo_id=${id}&status_execucao=TENTANDO_NOVAMENTE`);
      assert.equal(list.body.count, 1);
    });

    it('the dashboard counts the month by status and operadora, robots\' success and recent failures', async () => {
      const answer = await h.call('OPERADOR', 'GET', `/api/v1/faturas/dashboard/?mes_ano=${mesAno}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const d = answer.body;
      assert.equal(d.total, 3);
      assert.equal(d.por_status.AGUARDANDO_APROVACAO, 2);
      assert.equal(d.por_status.AGUARDANDO_DOWNLOAD, 1);
      assert.equal(d.aprovacoes_pendentes, 2);
      const oi = d.taxa_sucesso_robos.find((t: { operadora: string }) => t.operadora === 'OI');
      assert.deepEqual(oi, { operadora: 'OI', execucoes: 1, concluidas: 1, falhas: 0, taxa_sucesso: 100 });
      assert.equal(d.falhas_ultimos_7_dias.total, 1);
      assert.equal(d.falhas_ultimos_7_dias.recentes[0].status_execucao, 'TIMEOUT');
      assert.equal((await h.call('OPERADOR', 'GET', '/api/v1/faturas/dashboard/?mes_ano=13/2020')).status, 422);
    });
  });
}
