import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { testDialects } from '../../core/testing/test-database.js';
import { SANDBOX_CREDENTIALS, sandboxInvoicePdf, startPortalSandbox, type PortalSandbox } from '../../sandbox/portal-sandbox.js';
import { startSatSandbox, type SatSandbox } from '../../sandbox/sat-sandbox.js';
import { CHROMIUM_MISSING, portalsFile, startFaturas, type FaturasHarness } from './faturas.test-support.js';
import { competenciaOf, toMesAno } from './processos.rules.js';

const SECRET = 'Senha-Portal-7731';

// The whole flow through the rpa module's real robots (system Chromium) against the sandbox portals.
for (const dialect of testDialects()) {
  describe(`faturas: processo flow through the real robots (${dialect})`, { skip: CHROMIUM_MISSING }, () => {
    let h: FaturasHarness;
    let dir: string;
    let oi: PortalSandbox;
    let vivo: PortalSandbox;
    let sat: SatSandbox;
    const competencia = competenciaOf(Date.now(), 'America/Sao_Paulo');
    const base = '/api/v1/faturas/processos';

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faturas-flow-'));
      oi = await startPortalSandbox({ operadora: 'OI', credentials: { login: SANDBOX_CREDENTIALS.login, senha: SECRET } });
      vivo = await startPortalSandbox({ operadora: 'VIVO', failure: 'server_error' });
      sat = await startSatSandbox();
      h = await startFaturas(dialect, {
        RPA_PORTALS_FILE: portalsFile(dir, { OI: oi.url, VIVO: vivo.url, SAT: sat.url }),
        SAT_LOGIN: SANDBOX_CREDENTIALS.login,
        SAT_SENHA: SANDBOX_CREDENTIALS.senha,
      });
    });
    after(async () => {
      await h?.close();
      await Promise.all([oi?.close(), vivo?.close(), sat?.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const processo = async (id: string) => (await h.call('ADMINISTRADOR', 'GET', `${base}/${id}`)).body;

    it('criar-mensais → executar-download → PDF stored → aprovar → enviar-sat → UPLOAD_REALIZADO, no step by hand', async () => {
      const clienteId = await h.cliente({ operadora: 'OI', senha_portal: SECRET });
      const criados = await h.call('OPERADOR', 'POST', `${base}/criar-mensais`, { mes_ano: toMesAno(competencia), operadora_id: await h.operadoraId('OI') });
      assert.deepEqual(criados.body, { mes_ano: toMesAno(competencia), criados: 1, ja_existiam: 0 });
      const list = await h.call('OPERADOR', 'GET', `${base}/?cliente_id=${clienteId}`);
      const id = list.body.results[0].id;
      assert.equal(list.body.results[0].status_processo, 'AGUARDANDO_DOWNLOAD');

      const started = await h.call('OPERADOR', 'POST', `${base}/${id}/executar-download`);
      assert.equal(started.status, 200, JSON.stringify(started.body));
      assert.equal(started.body.message, 'Download iniciado com sucesso');
      const again = await h.call('OPERADOR', 'POST', `${base}/${id}/executar-download`);
      assert.equal(again.status, 409, 'a second click while the robot runs starts nothing');

      const downloaded = await h.until(async () => {
        const p = await processo(id);
        return p.status_processo === 'AGUARDANDO_APROVACAO' && p;
      }, 'o download');
      assert.equal(downloaded.tentativas_download, 0);
      const pdf = await h.call('OPERADOR', 'GET', downloaded.fatura_url);
      assert.equal(pdf.status, 200);
      assert.deepEqual(pdf.raw, sandboxInvoicePdf('OI', '12345678', competencia));

      assert.equal((await h.call('OPERADOR', 'POST', `${base}/${id}/aprovar`, {})).status, 403);
      const semVencimento = await h.call('APROVADOR', 'POST', `${base}/${id}/aprovar`, {});
      assert.equal(semVencimento.status, 400);
      assert.equal(semVencimento.body.error.message, 'Data de vencimento é obrigatória para aprovar o processo');
      const aprovado = await h.call('APROVADOR', 'POST', `${base}/${id}/aprovar`, { data_vencimento: '2030-01-15', valor_fatura: 150.75 });
      assert.equal(aprovado.status, 200, JSON.stringify(aprovado.body));
      assert.equal(aprovado.body.status_novo, 'AGUARDANDO_ENVIO_SAT');
      assert.equal(aprovado.body.processo.aprovado_por_usuario_id, await h.userId('APROVADOR'));

      const envio = await h.call('OPERADOR', 'POST', `${base}/${id}/enviar-sat`);
      assert.equal(envio.status, 200, JSON.stringify(envio.body));
      const enviado = await h.until(async () => {
        const p = await processo(id);
        return p.status_processo === 'UPLOAD_REALIZADO' && p;
      }, 'o envio ao SAT');
      const upload = sat.uploads.at(-1)!;
      assert.equal(enviado.enviado_para_sat, true);
      assert.equal(enviado.protocolo_sat, upload.protocolo);
      assert.deepEqual(upload.bytes, pdf.raw);
      assert.equal(upload.fields.data_vencimento, '15/01/2030');
      assert.equal(upload.fields.operadora, 'OI');

      const historico = (await h.call('OPERADOR', 'GET', `${base}/${id}/historico`)).body;
      assert.deepEqual(
        historico.map((e: { acao: string }) => e.acao),
        ['CRIADO', 'DOWNLOAD_INICIADO', 'DOWNLOAD_CONCLUIDO', 'APROVADO', 'ENVIO_SAT_INICIADO', 'ENVIO_SAT_CONCLUIDO'],
      );
      assert.equal(historico[3].usuario.id, await h.userId('APROVADOR'));
      assert.equal(historico[3].ip_origem, '127.0.0.1');

      // The seed-001 callback, replayed: it re-reads the jobs, which have nothing more to say.
      for (let i = 0; i < 5; i++) {
        const replay = await h.call(null, 'PUT', `/api/processos/${id}/status`, { status: 'FAILED' });
        assert.equal(replay.status, 200);
        assert.deepEqual(replay.body, { success: true, processo_id: id, status_processo: 'UPLOAD_REALIZADO', aplicado: false });
      }
      assert.equal((await h.call('OPERADOR', 'GET', `${base}/${id}/historico`)).body.length, historico.length);

      assert.equal((await h.call('APROVADOR', 'POST', `${base}/${id}/reabrir`, { motivo: 'x' })).status, 403);
      const reaberto = await h.call('ADMINISTRADOR', 'POST', `${base}/${id}/reabrir`, { motivo: 'Valor divergente no SAT' });
      assert.equal(reaberto.body.status_novo, 'AGUARDANDO_APROVACAO');

      const execucoes = await h.db.selectFrom('faturas_execucoes').select(['tipo_execucao', 'status_execucao']).where('processo_id', '=', id).orderBy('data_inicio').execute();
      assert.deepEqual(execucoes, [
        { tipo_execucao: 'DOWNLOAD_FATURA', status_execucao: 'CONCLUIDO' },
        { tipo_execucao: 'UPLOAD_SAT', status_execucao: 'CONCLUIDO' },
      ]);
    });

    it('a failing portal: three attempts with backoff, then a notification; the processo waits for a person', async () => {
      const clienteId = await h.cliente({ operadora: 'VIVO', cnpj: '11222333000181', filtro: '87654321' });
      const created = await h.call('OPERADOR', 'POST', `${base}/`, { cliente_id: clienteId, mes_ano: toMesAno(competencia) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id;
      assert.equal((await h.call('OPERADOR', 'POST', `${base}/${id}/executar-download`)).status, 200);
      for (const tentativas of [1, 2, 3]) {
        await h.until(async () => (await processo(id)).tentativas_download === tentativas, `a falha ${tentativas}`);
        const retries = await h.db.selectFrom('faturas_execucoes').select(['agendada_para']).where('processo_id', '=', id).where('status_execucao', '=', 'TENTANDO_NOVAMENTE').execute();
        if (tentativas < 3) {
          assert.equal(retries.length, 1, 'a retry is scheduled, as data');
          assert.ok(retries[0].agendada_para! > Date.now() + 20 * 60_000, 'with backoff');
          // Backdated, as a clock would: the sweep starts it.
          await h.db.updateTable('faturas_execucoes').set({ agendada_para: 0 }).where('processo_id', '=', id).where('status_execucao', '=', 'TENTANDO_NOVAMENTE').execute();
        } else {
          assert.equal(retries.length, 0);
        }
      }
      const final = await processo(id);
      assert.equal(final.status_processo, 'AGUARDANDO_DOWNLOAD');
      assert.match(final.ultimo_erro, /./);
      const notificacoes = await h.call('OPERADOR', 'GET', '/api/v1/faturas/notificacoes/');
      const falha = notificacoes.body.results.find((n: { tipo: string; processo_id: string }) => n.tipo === 'FALHA_DOWNLOAD' && n.processo_id === id);
      assert.ok(falha, JSON.stringify(notificacoes.body));
      const execucoes = await h.call('OPERADOR', 'GET', `/api/v1/faturas/execucoes/?processo_id=${id}`);
      assert.deepEqual(execucoes.body.results.map((e: { status_execucao: string }) => e.status_execucao), ['FALHOU', 'FALHOU', 'FALHOU']);
    });

    it('senha_portal appears in no response, log line, job row, job event nor execução', async () => {
      const leaks = [...h.answers, ...h.logs].filter((text) => text.includes(SECRET));
      assert.deepEqual(leaks, []);
      const tables = ['jobs', 'job_events', 'job_logs', 'faturas_execucoes', 'faturas_historico', 'faturas_processos'];
      const db = h.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      for (const table of tables) {
        const rows = await db.selectFrom(table).selectAll().execute();
        assert.ok(!JSON.stringify(rows).includes(SECRET), `${table} holds the password`);
      }
    });
  });
}
