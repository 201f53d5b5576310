import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { testDialects } from '../../core/testing/test-database.js';
import { createCadastrosReader } from './cadastros.js';
import { cnpjFrom, csvForm, startCadastros, type CadastrosHarness } from './cadastros.test-support.js';

const URL = '/api/v1/faturas/clientes/importar';
const SENHA = 'Senha-Do-CSV-9981';
// The real file's headers: trailing spaces, HASH and other ignored columns (faturas-original.md §5.1).
const HEADER = 'HASH,CNPJ,RAZÃO SOCIAL,OPERADORA,NOME SAT,SERVIÇO,UNIDADE / FILTRO SAT,FILTRO,DADOS SAT,SITE PARA EMISSÃO ,LOGIN ,SENHA,CPF,STATUS,OBS';

for (const dialect of testDialects()) {
  describe(`faturas clientes CSV import and export (${dialect})`, () => {
    let h: CadastrosHarness;
    before(async () => {
      h = await startCadastros(dialect);
    });
    after(() => h.close());
    beforeEach(async () => {
      await h.db.deleteFrom('faturas_clientes').execute();
    });

    const importar = (content: Buffer | string, fields: Record<string, string> = {}, perfil: 'ADMINISTRADOR' | 'OPERADOR' = 'ADMINISTRADOR') =>
      h.as(perfil, { method: 'POST', url: URL, ...csvForm(content, fields) });
    const total = async () => Number((await h.db.selectFrom('faturas_clientes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    it("imports the original's file shape, keeps valid rows when others fail and numbers the failing lines", async () => {
      const csv = [
        HEADER,
        `h1,12.345.678/0001-95,Empresa Um Ltda,Embratel,EMPRESA UM,Internet,Campo Grande-MS,00052488515-0000_25,Fixo,https://portal.embratel,login.um,${SENHA},529.982.247-25,1,obs`,
        `h2,11222333000181,Empresa Dois,oi,EMPRESA DOIS,69 3411-6000,Porto Velho-RO,2122064816,Internet,,,,,0,`,
        `h3,12.345.678/0001-96,Empresa Três,VIVO,EMPRESA TRES,Fixo,Cuiabá-MT,,,,,,,,`,
        `h4,00000000000191,Empresa Quatro,Claro,EMPRESA QUATRO,Fixo,Cuiabá-MT,,,,,,,,`,
        `h5,,Sem CNPJ,VIVO,X,Fixo,Cuiabá-MT,,,,,,,,`,
        `h6,00000000000191,,VIVO,,Fixo,Cuiabá-MT,,,,,,,,`,
        `h7,00000000000191,Empresa Sete,digital net,EMPRESA SETE,Link,Cuiabá-MT,HAWJUOGYJF,,,,,111.111.111-11,,`,
        `h8,Q0.SLF.MBD/7VX4-39,Empresa Oito,DIGITALNET,EMPRESA OITO,Link,Cuiabá-MT,HAWJUOGYJF,,,,,,,`,
      ].join('\n');
      const res = await importar(csv);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.processados, 8);
      assert.equal(body.criados, 3);
      assert.equal(body.atualizados, 0);
      assert.deepEqual(body.erros, [
        { linha: 4, mensagem: 'CNPJ inválido.' },
        { linha: 5, mensagem: "Operadora 'Claro' não encontrada. Operadoras disponíveis: DigitalNet, Embratel, Oi, Vivo" },
        { linha: 6, mensagem: 'CNPJ e OPERADORA são obrigatórios' },
        { linha: 7, mensagem: 'Campos obrigatórios em falta: RAZÃO SOCIAL, NOME SAT' },
        { linha: 8, mensagem: 'CPF inválido.' },
      ]);
      assert.equal(await total(), 3);

      const list: { cnpj: string }[] = (await h.as('OPERADOR', { url: '/api/v1/faturas/clientes/' })).json().results;
      const [um, dois, oito] = ['12345678000195', '11222333000181', 'Q0SLFMBD7VX439'].map((cnpj) => list.find((c) => c.cnpj === cnpj) as any);
      assert.equal(um.cnpj, '12345678000195');
      assert.equal(um.operadora.codigo, 'EMBRATEL');
      assert.equal(um.login_portal, 'login.um');
      assert.equal(um.site_emissao, 'https://portal.embratel');
      assert.equal(um.cpf, '52998224725');
      assert.equal(um.possui_senha, true);
      assert.equal(um.status_ativo, true);
      assert.equal(dois.operadora.codigo, 'OI');
      assert.equal(dois.status_ativo, false);
      assert.equal(dois.possui_senha, false);
      assert.equal(oito.operadora.codigo, 'DIGITALNET');
      const reader = createCadastrosReader(h.runtime.core.database.db, h.runtime.core.secrets);
      assert.equal((await reader.getClienteForRobot(um.id))?.senhaPortal, SENHA);
      for (const text of [res.body, ...h.logs]) assert.ok(!text.includes(SENHA));
    });

    it('reads semicolons, Windows-1252, UTF-8 with BOM and folded headers alike', async () => {
      const header = ' cnpj ;Razao Social;Operadora;nome sat;SERVICO;unidade/filtro sat;Login';
      const row = '12.345.678/0001-95;Padaria São João;VIVO;PADARIA SÃO JOÃO;Fixo;São Paulo-SP;joão';
      for (const [label, bytes] of [
        ['win1252', iconv.encode(`${header}\r\n${row}\r\n`, 'win1252')],
        ['utf8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${header}\n${row}\n`)])],
        ['utf8', Buffer.from(`${header}\n${row}`)],
      ] as const) {
        await h.db.deleteFrom('faturas_clientes').execute();
        const res = await importar(bytes);
        assert.equal(res.statusCode, 200, `${label}: ${res.body}`);
        assert.deepEqual(res.json(), { processados: 1, criados: 1, atualizados: 0, erros: [] }, label);
        const [c] = (await h.as('OPERADOR', { url: '/api/v1/faturas/clientes/' })).json().results;
        assert.equal(c.razao_social, 'Padaria São João', label);
        assert.equal(c.unidade, 'São Paulo-SP', label);
        assert.equal(c.login_portal, 'joão', label);
      }
    });

    it('updates only with sobrescrever, keeps the password on a blank SENHA, and simular writes nothing', async () => {
      const header = 'CNPJ,OPERADORA,RAZÃO SOCIAL,NOME SAT,SERVIÇO,UNIDADE / FILTRO SAT,SENHA,FILTRO';
      await importar(`${header}\n12345678000195,VIVO,Antiga,ANTIGA,Fixo,Sede,${SENHA},F1`);
      const again = `${header}\n12345678000195,vivo,Nova Razão,NOVA,Fixo,Sede,,\n11222333000181,VIVO,Outra,OUTRA,Fixo,Sede,,`;

      const refused = await importar(again);
      assert.deepEqual(refused.json(), {
        processados: 2, criados: 1, atualizados: 0, erros: [{ linha: 2, mensagem: 'Cliente já existe (CNPJ: 12345678000195)' }],
      });
      await h.db.deleteFrom('faturas_clientes').where('cnpj', '=', '11222333000181').execute();

      const simulated = await importar(again, { sobrescrever: 'true', simular: 'true' });
      assert.deepEqual(simulated.json(), { processados: 2, criados: 1, atualizados: 1, erros: [] });
      assert.equal(await total(), 1);
      const untouched = (await h.as('OPERADOR', { url: '/api/v1/faturas/clientes/' })).json().results[0];
      assert.equal(untouched.razao_social, 'Antiga');

      const applied = await importar(again, { sobrescrever: '1' });
      assert.deepEqual(applied.json(), { processados: 2, criados: 1, atualizados: 1, erros: [] });
      const updated = (await h.as('OPERADOR', { url: '/api/v1/faturas/clientes/?q=12345678000195' })).json().results[0];
      assert.equal(updated.razao_social, 'Nova Razão');
      assert.equal(updated.filtro, null);
      assert.equal(updated.possui_senha, true);
      const reader = createCadastrosReader(h.runtime.core.database.db, h.runtime.core.secrets);
      assert.equal((await reader.getClienteForRobot(updated.id))?.senhaPortal, SENHA);
    });

    it('treats a repeated account inside one file as already existing', async () => {
      const header = 'CNPJ,OPERADORA,RAZÃO SOCIAL,NOME SAT,SERVIÇO,UNIDADE / FILTRO SAT';
      const row = '12345678000195,OI,Empresa,EMPRESA,Fixo,Sede';
      const plain = await importar(`${header}\n${row}\n${row}`);
      assert.deepEqual(plain.json().erros, [{ linha: 3, mensagem: 'Cliente já existe (CNPJ: 12345678000195)' }]);
      await h.db.deleteFrom('faturas_clientes').execute();
      const overwrite = await importar(`${header}\n${row}\n${row.replace('Empresa,', 'Empresa Dois,')}`, { sobrescrever: 'on' });
      assert.deepEqual(overwrite.json(), { processados: 2, criados: 1, atualizados: 1, erros: [] });
      assert.equal(await total(), 1);
    });

    it('answers garbage, wrong encodings and huge fields with the /api/v1 4xx shape and writes nothing half', async () => {
      const refusals: [string, Buffer | string, number][] = [
        ['empty', '', 422],
        ['blank lines', '\n\n  \n', 422],
        ['binary', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x89, 0x50]), 422],
        ['missing columns', 'CNPJ;OPERADORA\n12345678000195;OI', 422],
        ['bad utf8 after BOM', Buffer.from([0xef, 0xbb, 0xbf, 0x43, 0xc3, 0x28]), 422],
        ['not csv', '%PDF-1.4 garbage\x01\x02 qualquer coisa', 422],
      ];
      for (const [label, content, status] of refusals) {
        const res = await importar(content);
        assert.equal(res.statusCode, status, `${label}: ${res.body}`);
        assert.equal(typeof res.json().error.message, 'string', label);
        assert.equal(typeof res.json().error.request_id, 'string', label);
      }
      const header = 'CNPJ,OPERADORA,RAZÃO SOCIAL,NOME SAT,SERVIÇO,UNIDADE / FILTRO SAT';
      const mixed = [
        header,
        `12345678000195,OI,${'R'.repeat(300)},X,Fixo,Sede`,
        `11222333000181,OI,"${'x'.repeat(70_000)}",X,Fixo,Sede`,
        `00000000000191,OI,Boa,BOA,Fixo,Sede`,
        `12ABC34501DE35,OI,"aspas sem fim,X,Fixo,Sede`,
        `Q0SLFMBD7VX439,OI,Perdida,X,Fixo,Sede`,
      ].join('\n');
      const res = await importar(mixed);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.criados, 1);
      assert.deepEqual(body.erros, [
        { linha: 2, mensagem: 'RAZÃO SOCIAL: Este campo aceita no máximo 255 caracteres.' },
        { linha: 3, mensagem: 'RAZÃO SOCIAL: Este campo aceita no máximo 255 caracteres.' },
        { linha: 5, mensagem: 'Aspas sem fechamento: o restante do arquivo foi lido como uma só célula.' },
      ]);
      const rows = await h.db.selectFrom('faturas_clientes').select(['cnpj', 'razao_social', 'hash_unico', 'busca']).execute();
      assert.deepEqual(rows.map((r) => r.cnpj), ['00000000000191']);
      assert.equal(rows[0]!.hash_unico.length, 50);
    });

    it('refuses a non-multipart body, a missing file, too many files and a file over 20 MB', async () => {
      const json = await h.as('ADMINISTRADOR', { method: 'POST', url: URL, payload: { arquivo: 'x' } });
      assert.equal(json.statusCode, 415);
      assert.equal(json.json().error.code, 'UNSUPPORTED_MEDIA_TYPE');
      const wrongField = await h.as('ADMINISTRADOR', { method: 'POST', url: URL, ...csvForm('CNPJ\n1', {}, 'outro') });
      assert.equal(wrongField.statusCode, 422);
      const twoFiles = csvForm('a', {});
      const boundary = twoFiles.headers['content-type'].split('boundary=')[1];
      const extra = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="arquivo"; filename="b.csv"\r\n\r\nb\r\n--${boundary}--\r\n`);
      const doubled = Buffer.concat([twoFiles.payload.subarray(0, twoFiles.payload.length - `--${boundary}--\r\n`.length), extra]);
      const tooMany = await h.as('ADMINISTRADOR', { method: 'POST', url: URL, payload: doubled, headers: twoFiles.headers });
      assert.equal(tooMany.statusCode, 413);
      for (const [type, payload] of [
        ['multipart/form-data; boundary=abc', 'sem fronteira nenhuma'],
        ['multipart/form-data; boundary=abc', '--abc\r\nContent-Disposition: form-data; name="arquivo"; filename="a.csv"\r\n\r\nCNPJ,OPER'],
        ['multipart/form-data', '--abc\r\n'],
      ]) {
        const broken = await h.as('ADMINISTRADOR', { method: 'POST', url: URL, payload, headers: { 'content-type': type! } });
        assert.equal(broken.statusCode, 400, broken.body);
        assert.equal(broken.json().error.message, 'Formulário multipart inválido.');
      }
      const big = await importar(Buffer.alloc(21 * 1024 * 1024, 0x61));
      assert.equal(big.statusCode, 413);
      assert.equal(big.json().error.code, 'PAYLOAD_TOO_LARGE');
      assert.equal(await total(), 0);
    });

    it('lets only ADMINISTRADOR import and any logged user export; nobody without a token', async () => {
      assert.equal((await importar('CNPJ\n1', {}, 'OPERADOR')).statusCode, 403);
      assert.equal((await h.as(null, { method: 'POST', url: URL, ...csvForm('CNPJ\n1') })).statusCode, 401);
      assert.equal((await h.as(null, { url: '/api/v1/faturas/clientes/exportar.csv' })).statusCode, 401);
      assert.equal((await h.as('APROVADOR', { url: '/api/v1/faturas/clientes/exportar.csv' })).statusCode, 200);
    });

    it('exports without passwords, in a file the import reads back unchanged', async () => {
      const header = 'CNPJ,OPERADORA,RAZÃO SOCIAL,NOME SAT,SERVIÇO,UNIDADE / FILTRO SAT,FILTRO,DADOS SAT,LOGIN,SENHA,CPF,STATUS';
      const rows = Array.from({ length: 30 }, (_, i) =>
        `${cnpjFrom(String(10_000_000_0000 + i).padStart(12, '0'))},EMBRATEL,"Empresa ""${i}"", Ltda",=SOMA(A1),Serv ${i},Unidade,-F${i},Fixo,login${i},${SENHA},52998224725,${i % 2}`,
      );
      const first = await importar([header, ...rows].join('\n'));
      assert.equal(first.json().criados, 30, first.body);
      const exported = await h.as('OPERADOR', { url: '/api/v1/faturas/clientes/exportar.csv' });
      assert.equal(exported.statusCode, 200);
      assert.match(String(exported.headers['content-type']), /^text\/csv/);
      assert.ok(!exported.body.includes(SENHA));
      assert.ok(!/SENHA/.test(exported.body.split('\n')[0]!));
      assert.ok(exported.body.includes(`"'=SOMA(A1)"`), 'formulas are neutralized');
      const before = (await h.as('OPERADOR', { url: '/api/v1/faturas/clientes/?page_size=100&ordering=servico' })).json().results;
      const again = await importar(exported.rawPayload, { sobrescrever: 'true' });
      assert.deepEqual(again.json(), { processados: 30, criados: 0, atualizados: 30, erros: [] });
      const afterwards = (await h.as('OPERADOR', { url: '/api/v1/faturas/clientes/?page_size=100&ordering=servico' })).json().results;
      const strip = (list: Record<string, unknown>[]) => list.map(({ updated_at: _u, ...rest }) => rest);
      assert.deepEqual(strip(afterwards), strip(before));
      assert.equal(afterwards[0].nome_sat, '=SOMA(A1)');
      const filtered = await h.as('OPERADOR', { url: '/api/v1/faturas/clientes/exportar.csv?status_ativo=false' });
      assert.equal(filtered.body.trim().split('\n').length, 16);
    });

    it('exports every cliente exactly once across its pages', async () => {
      const rows = Array.from({ length: 2_345 }, (_, i) => `${cnpjFrom(String(30_000_000 + i).padStart(8, '0') + '0001')};VIVO;Empresa ${i};E${i};Fixo;Sede`);
      const created = await importar(['CNPJ;OPERADORA;RAZÃO SOCIAL;NOME SAT;SERVIÇO;UNIDADE / FILTRO SAT', ...rows].join('\n'));
      assert.equal(created.json().criados, 2_345);
      const exported = await h.as('OPERADOR', { url: '/api/v1/faturas/clientes/exportar.csv' });
      const lines = exported.body.trim().split('\r\n').slice(1);
      assert.equal(lines.length, 2_345);
      assert.equal(new Set(lines.map((l) => l.split(';')[0])).size, 2_345);
    });
  });
}
