import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { pdfOfLines } from '../../sandbox/invoice-pdf.js';
import { multipartBody, startFaturas, type FaturasHarness } from './faturas.test-support.js';

const base = '/api/v1/faturas/processos';
const LINHA = '23793.38128 60000.000003 00000.000400 1 84340000012345';
const FATURA = pdfOfLines(['Fatura OI Fixo', 'Vencimento: 15/01/2030', 'Total a pagar: R$ 1.234,56', `Linha digitavel: ${LINHA}`]);

// Processos over HTTP without robots: uploads, approvals, the rules' messages, concurrency, bad input.
for (const dialect of testDialects()) {
  describe(`faturas: processos (${dialect})`, () => {
    let h: FaturasHarness;
    before(async () => {
      h = await startFaturas(dialect);
      // Notifications go to the users that exist when they are raised.
      await Promise.all(['OPERADOR', 'APROVADOR', 'ADMINISTRADOR'].map((perfil) => h.token(perfil as 'OPERADOR')));
    });
    after(() => h?.close());

    async function novoProcesso(mesAno = '03/2026', fields: Record<string, unknown> = {}): Promise<string> {
      const clienteId = await h.cliente({ operadora: 'EMBRATEL', cnpj: String(Math.random()).slice(2, 16).padEnd(14, '0') });
      const created = await h.call('OPERADOR', 'POST', `${base}/`, { cliente_id: clienteId, mes_ano: mesAno, ...fields });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body.id;
    }
    const upload = (id: string, bytes: Buffer, name = 'fatura.pdf') => {
      const { payload, headers } = multipartBody('fatura', name, bytes);
      return h.call('OPERADOR', 'POST', `${base}/${id}/upload-fatura`, payload, headers);
    };

    it('a manual upload stores the PDF, reads its amount, due date and linha digitável, and waits for approval', async () => {
      const id = await novoProcesso();
      const answer = await upload(id, FATURA, 'Fatura março.pdf');
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.status_novo, 'AGUARDANDO_APROVACAO');
      const p = answer.body.processo;
      assert.equal(p.valor_fatura, 1234.56);
      assert.equal(p.data_vencimento, '2030-01-15');
      assert.equal(p.linha_digitavel, LINHA.replace(/\D/g, ''));
      assert.equal(p.upload_manual, true);
      const file = await h.call('OPERADOR', 'GET', p.fatura_url);
      assert.deepEqual(file.raw, FATURA);
      const execucoes = await h.call('OPERADOR', 'GET', `/api/v1/faturas/execucoes/?processo_id=${id}`);
      assert.equal(execucoes.body.results[0].tipo_execucao, 'UPLOAD_MANUAL');
      assert.equal(execucoes.body.results[0].executado_por_usuario_id, await h.userId('OPERADOR'));
      const inbox = await h.call('APROVADOR', 'GET', '/api/v1/faturas/notificacoes/?lida=false');
      assert.ok(inbox.body.results.some((n: { tipo: string; processo_id: string }) => n.tipo === 'APROVACAO_PENDENTE' && n.processo_id === id));
      const naoLidas = await h.call('APROVADOR', 'GET', '/api/v1/faturas/notificacoes/nao-lidas');
      assert.ok(naoLidas.body.nao_lidas >= 1);
      await h.call('APROVADOR', 'POST', '/api/v1/faturas/notificacoes/marcar-todas-lidas');
      assert.equal((await h.call('APROVADOR', 'GET', '/api/v1/faturas/notificacoes/nao-lidas')).body.nao_lidas, 0);
    });

    it('refuses what is not a PDF, by content, and files over 20 MB, writing nothing', async () => {
      const id = await novoProcesso();
      const fake = await upload(id, Buffer.from('<html>não sou um pdf</html>'), 'fatura.pdf');
      assert.equal(fake.status, 400);
      assert.equal(fake.body.error.message, 'Apenas arquivos PDF são permitidos');
      const huge = await upload(id, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024)]));
      assert.equal(huge.status, 413);
      assert.match(huge.body.error.message, /20 MB/);
      const json = await h.call('OPERADOR', 'POST', `${base}/${id}/upload-fatura`, { fatura: 'x' });
      assert.equal(json.status, 415);
      const p = (await h.call('OPERADOR', 'GET', `${base}/${id}`)).body;
      assert.equal(p.status_processo, 'AGUARDANDO_DOWNLOAD');
      assert.equal(p.fatura_url, null);
    });

    it('two approvals at once: one wins, the other is a 400', async () => {
      const id = await novoProcesso();
      await upload(id, FATURA);
      const answers = await Promise.all([1, 2].map(() => h.call('APROVADOR', 'POST', `${base}/${id}/aprovar`, { observacoes: 'ok' })));
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 400]);
      assert.equal(answers.find((a) => a.status === 400)!.body.error.message, 'Processo não pode ser aprovado no status atual');
      const historico = (await h.call('OPERADOR', 'GET', `${base}/${id}/historico`)).body;
      assert.equal(historico.filter((e: { acao: string }) => e.acao === 'APROVADO').length, 1);
    });

    it('criar-mensais twice at once creates each processo once', async () => {
      const operadoraId = await h.operadoraId('DIGITALNET');
      for (let i = 0; i < 30; i++) await h.cliente({ operadora: 'DIGITALNET', cnpj: String(10_000_000_000_000 + i) });
      const answers = await Promise.all([1, 2].map(() => h.call('OPERADOR', 'POST', `${base}/criar-mensais`, { mes_ano: '7/2026', operadora_id: operadoraId })));
      assert.deepEqual(answers.map((a) => a.status), [200, 200]);
      assert.equal(answers[0].body.criados + answers[1].body.criados, 30);
      assert.deepEqual(answers.map((a) => a.body.mes_ano), ['07/2026', '07/2026']);
      const list = await h.call('OPERADOR', 'GET', `${base}/?mes_ano=07/2026&operadora_id=${operadoraId}&page_size=100`);
      assert.equal(list.body.count, 30);
    });

    it('rejeitar needs a motivo and sends the processo back; reabrir is only for UPLOAD_REALIZADO and ADMINISTRADOR', async () => {
      const id = await novoProcesso();
      await upload(id, FATURA);
      const semMotivo = await h.call('APROVADOR', 'POST', `${base}/${id}/rejeitar`, { motivo: '  ' });
      assert.equal(semMotivo.status, 400);
      assert.equal(semMotivo.body.error.message, 'Motivo da rejeição é obrigatório');
      assert.equal((await h.call('OPERADOR', 'POST', `${base}/${id}/rejeitar`, { motivo: 'x' })).status, 403);
      const rejeitado = await h.call('APROVADOR', 'POST', `${base}/${id}/rejeitar`, { motivo: 'Fatura de outro mês' });
      assert.equal(rejeitado.body.status_novo, 'AGUARDANDO_DOWNLOAD');
      assert.equal(rejeitado.body.processo.fatura_url, null);
      const reabrir = await h.call('ADMINISTRADOR', 'POST', `${base}/${id}/reabrir`, { motivo: 'x' });
      assert.equal(reabrir.status, 400);
      assert.equal(reabrir.body.error.message, 'Processo não pode ser reaberto no status atual');
      await h.db.updateTable('faturas_processos').set({ status_processo: 'UPLOAD_REALIZADO' }).where('id', '=', id).execute();
      const depois = await upload(id, FATURA);
      assert.equal(depois.status, 400, 'no new file after UPLOAD_REALIZADO');
    });

    it('flags an amount ±10 % off the last three months and an invoice identical to another processo', async () => {
      const clienteId = await h.cliente({ operadora: 'OI', cnpj: '33000167000101' });
      for (const mes of ['01', '02', '03']) {
        await h.call('OPERADOR', 'POST', `${base}/`, { cliente_id: clienteId, mes_ano: `${mes}/2025`, valor_fatura: 1000 });
      }
      const atual = await h.call('OPERADOR', 'POST', `${base}/`, { cliente_id: clienteId, mes_ano: '04/2025' });
      await upload(atual.body.id, FATURA);
      const outro = await novoProcesso('05/2025');
      await upload(outro, FATURA);
      const detalhe = (await h.call('APROVADOR', 'GET', `${base}/${atual.body.id}`)).body;
      assert.deepEqual(detalhe.alertas.variacao_valor, { media_ultimos_meses: 1000, meses_comparados: 3, percentual: 23.5, fora_da_faixa: true });
      assert.ok(detalhe.alertas.fatura_duplicada.some((d: { processo_id: string }) => d.processo_id === outro));
    });

    it('download needs a robot and the cliente\'s credentials: 422 naming what is missing, no fake values', async () => {
      const semSenha = await h.cliente({ operadora: 'OI', cnpj: '44000167000101', senha_portal: null, filtro: null });
      const p = await h.call('OPERADOR', 'POST', `${base}/`, { cliente_id: semSenha, mes_ano: '01/2026' });
      const answer = await h.call('OPERADOR', 'POST', `${base}/${p.body.id}/executar-download`);
      assert.equal(answer.status, 422);
      assert.equal(answer.body.error.message, 'Credenciais do portal ausentes no cadastro do cliente: senha_portal, filtro.');
      const wrongStatus = await novoProcesso();
      await upload(wrongStatus, FATURA);
      const again = await h.call('OPERADOR', 'POST', `${base}/${wrongStatus}/executar-download`);
      assert.equal(again.status, 400);
      assert.equal(again.body.error.message, 'Processo não está aguardando download');
      assert.equal((await h.call('OPERADOR', 'POST', `${base}/${wrongStatus}/enviar-sat`)).body.error.message, 'Processo não está aguardando envio para SAT');
    });

    it('bad input is a /api/v1 4xx, never a 500', async () => {
      const clienteId = await h.cliente({ operadora: 'VIVO', cnpj: '55000167000101' });
      const bad = await h.call('OPERADOR', 'POST', `${base}/`, { cliente_id: clienteId, mes_ano: '13/2025' });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.message, 'Formato de mês/ano inválido. Use MM/AAAA.');
      const ok = await h.call('OPERADOR', 'POST', `${base}/`, { cliente_id: clienteId, mes_ano: '1/2025' });
      assert.equal(ok.body.mes_ano, '01/2025');
      const dup = await h.call('OPERADOR', 'POST', `${base}/`, { cliente_id: clienteId, mes_ano: '01/2025' });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.message, 'Já existe um processo para este cliente no mês/ano informado.');
      const cases: [string, string, unknown][] = [
        ['POST', `${base}/`, { cliente_id: clienteId, mes_ano: '02/2025', valor_fatura: 1.005 }],
        ['POST', `${base}/`, { cliente_id: clienteId, mes_ano: 'x'.repeat(5000) }],
        ['GET', `${base}/?status_processo=QUALQUER`, undefined],
        ['GET', `${base}/?q=${'a'.repeat(300)}`, undefined],
        ['GET', `${base}/?mes_ano=99/99`, undefined],
        ['GET', `${base}/nao-e-uuid`, undefined],
        ['PATCH', `${base}/${ok.body.id}`, { data_vencimento: '2025-02-30' }],
        ['POST', `${base}/criar-mensais`, { mes_ano: '00/2025' }],
        ['PUT', '/api/processos/nao-e-uuid/status', { status: 'COMPLETED' }],
      ];
      for (const [method, url, body] of cases) {
        const answer = await h.call('OPERADOR', method as 'GET', url, body);
        assert.ok(answer.status >= 400 && answer.status < 500, `${method} ${url}: ${answer.status}`);
        assert.ok(answer.body.error || answer.body.detail, `${method} ${url}: no error shape`);
      }
      assert.equal((await h.call(null, 'POST', `/processos/00000000-0000-4000-8000-000000000000/status`, {})).status, 404);
      assert.equal((await h.call(null, 'GET', `${base}/`)).status, 401);
    });
  });
}
