import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCnpj, isValidChave, isValidCnpj, isValidCpf, isValidIbge, normalizeCnpj, normalizeCpf } from './identifiers.js';

// Vectors from ../shared/reference/brazil-identifiers.md.
describe('Brazilian identifiers', () => {
  it('accepts the reference CPFs, masked or not, and refuses wrong digits and repeated sequences', () => {
    for (const cpf of ['529.982.247-25', '280.012.389-38', '111.444.777-35', '123.456.789-09', '52998224725']) {
      assert.equal(isValidCpf(cpf), true, cpf);
    }
    for (const cpf of ['529.982.247-24', '111.111.111-11', '00000000000', '5299822472', 'abc']) {
      assert.equal(isValidCpf(cpf), false, cpf);
    }
    assert.equal(normalizeCpf('529.982.247-25'), '52998224725');
  });

  it('accepts numeric and alphanumeric CNPJs and stores them unmasked and upper-cased', () => {
    for (const cnpj of ['12.345.678/0001-95', '11.222.333/0001-81', '00.000.000/0001-91', '12.ABC.345/01DE-35', 'Q0.SLF.MBD/7VX4-39', '12abc34501de35']) {
      assert.equal(isValidCnpj(cnpj), true, cnpj);
    }
    for (const cnpj of ['12ABC34501DE36', '11.222.333/0001-82', '11111111111111', '1122233300018', '12ABC34501DEAB']) {
      assert.equal(isValidCnpj(cnpj), false, cnpj);
    }
    assert.equal(normalizeCnpj('12.abc.345/01de-35'), '12ABC34501DE35');
    assert.equal(normalizeCnpj('12ABC34501DE36'), undefined);
    assert.equal(formatCnpj('11222333000181'), '11.222.333/0001-81');
  });

  it('checks the chave de acesso of every document model, with or without Focus prefix', () => {
    for (const chave of [
      '35170458716523000119550010000000121000123458',
      '13181017921427000125650010000000309887251170',
      '33150308370779000149550010001100931002410775',
      '35240111222333000181570010000001231123456788',
      '35240111222333000181580010000000451123456783',
      'NFe35240111222333000181650010000007891482139756',
    ]) {
      assert.equal(isValidChave(chave), true, chave);
    }
    assert.equal(isValidChave('35170458716523000119550010000000121000123459'), false);
    assert.equal(isValidChave('3517045871652300011955001000000012100012345'), false);
  });

  it('checks IBGE codes and accepts the nine official exceptions', () => {
    for (const code of ['3550308', '3304557', '5300108', '3106200', '4106902', '2201919', '5203962']) {
      assert.equal(isValidIbge(code), true, code);
    }
    for (const code of ['3550309', '355030', 'abcdefg', '33045571']) {
      assert.equal(isValidIbge(code), false, code);
    }
  });
});
