import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { csvLine, decodeCsv, headerKey, readCsv } from './clientes.csv.js';
import { hashUnico } from './clientes.rules.js';

const HEADER = 'CNPJ,OPERADORA,RAZÃO SOCIAL,NOME SAT,SERVIÇO,UNIDADE / FILTRO SAT';

describe('faturas clientes CSV reading', () => {
  it('folds headers: trimmed, case- and accent-insensitive, spaces around the slash ignored', () => {
    assert.equal(headerKey(' Razão  Social '), headerKey('RAZAO SOCIAL'));
    assert.equal(headerKey('UNIDADE/FILTRO SAT'), headerKey('unidade / filtro sat'));
    assert.equal(headerKey('SITE PARA EMISSÃO '), headerKey('site para emissao'));
  });

  it('numbers rows by the line they start on, whatever the line endings and multi-line cells', () => {
    const lf = `${HEADER}\n1,a,"x\ny",b,c,d\n\n2,a,b,c,d,e\n3,a,"sem fim,c,d,e`;
    for (const text of [lf, lf.replace(/\n/g, '\r\n')]) {
      const table = readCsv(Buffer.from(text));
      assert.deepEqual(table.rows.map((r) => [r.linha, r.values.cnpj, r.values.razao_social]), [[2, '1', 'x\ny'], [5, '2', 'b']]);
      assert.deepEqual(table.malformed.map((m) => m.linha), [6]);
    }
  });

  it('decodes UTF-8, UTF-8 with BOM, UTF-16 with BOM and falls back to Windows-1252', () => {
    const text = 'RAZÃO;Ação “aspas” – traço';
    assert.equal(decodeCsv(Buffer.from(text)), text);
    assert.equal(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), text);
    assert.equal(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')])), text);
    assert.equal(decodeCsv(iconv.encode(text, 'win1252')), text);
  });

  it('picks the semicolon when the header has more of them than commas', () => {
    const table = readCsv(Buffer.from(`${HEADER.replace(/,/g, ';')}\n1;OI;Razão, com vírgula;N;S;U`));
    assert.equal(table.rows[0]!.values.razao_social, 'Razão, com vírgula');
  });

  it('neutralizes spreadsheet formulas on export and reads them back as typed', () => {
    const line = csvLine(['=1+1', '-5', '@x', 'texto "citado"', null]);
    assert.equal(line, `"'=1+1";"'-5";"'@x";"texto ""citado""";""\r\n`);
    const table = readCsv(Buffer.from(`${HEADER.replace(/,/g, ';')}\r\n${csvLine(['1', 'OI', '=1+1', '-5', '@x', "'normal"])}`));
    assert.deepEqual(Object.values(table.rows[0]!.values), ['1', 'OI', '=1+1', '-5', '@x', "'normal"]);
  });

  it("computes hash_unico with the original's rule and the operadora's codigo", () => {
    const hash = hashUnico({
      nome_sat: ' Empresa Exemplo LTDA ',
      operadoraCodigo: 'EMBRATEL',
      servico: 'Internet',
      dados_sat: 'Fixo',
      filtro: '00012345678-0001',
      unidade: 'Campo Grande-MS',
    });
    assert.equal(hash, 'ea05699b087ec186ee3bf400ed85fed95c40412119e5cd6a93');
  });
});
