import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../core/testing/test-database.js';
import { cnpjFrom, csvForm, startCadastros, type CadastrosHarness } from './cadastros.test-support.js';

for (const dialect of testDialects()) {
  describe(`faturas cadastros under concurrent writes (${dialect})`, () => {
    let h: CadastrosHarness;
    before(async () => {
      h = await startCadastros(dialect);
    });
    after(() => h.close());

    const count = async (table: 'faturas_clientes' | 'faturas_operadoras') =>
      Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    it('creates one cliente out of ten simultaneous identical requests; the others get 409', async () => {
      const payload = {
        razao_social: 'Corrida Ltda', nome_sat: 'CORRIDA', cnpj: '11.222.333/0001-81', operadora_id: await h.operadoraId('VIVO'),
        servico: 'Fixo', unidade: 'Sede',
      };
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => h.as('ADMINISTRADOR', { method: 'POST', url: '/api/v1/faturas/clientes/', payload })),
      );
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      assert.equal(await count('faturas_clientes'), 1);
    });

    it('creates one operadora out of five simultaneous ones with the same codigo', async () => {
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          h.as('ADMINISTRADOR', { method: 'POST', url: '/api/v1/faturas/operadoras/', payload: { nome: `Corrida ${i}`, codigo: 'CORRIDA' } }),
        ),
      );
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 409, 409, 409, 409]);
      assert.equal(await count('faturas_operadoras'), 5);
    });

    it('writes each account once when two imports of one file run at once', async () => {
      await h.db.deleteFrom('faturas_clientes').execute();
      const rows = Array.from({ length: 300 }, (_, i) => `${cnpjFrom(String(20_000_000 + i).padStart(8, '0') + '0001')},OI,Empresa ${i},E${i},Fixo,Sede`);
      const csv = ['CNPJ,OPERADORA,RAZÃO SOCIAL,NOME SAT,SERVIÇO,UNIDADE / FILTRO SAT', ...rows].join('\n');
      const answers = await Promise.all(
        [0, 1].map(() => h.as('ADMINISTRADOR', { method: 'POST', url: '/api/v1/faturas/clientes/importar', ...csvForm(csv) })),
      );
      assert.deepEqual(answers.map((a) => a.statusCode), [200, 200]);
      const bodies = answers.map((a) => a.json());
      assert.equal(await count('faturas_clientes'), 300, JSON.stringify(bodies).slice(0, 500));
      assert.equal(bodies[0].criados + bodies[1].criados, 300);
      assert.equal(bodies[0].erros.length + bodies[1].erros.length, 300);
      assert.equal(await count('faturas_clientes'), 300);
    });
  });
}
