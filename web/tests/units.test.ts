import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, readError } from '../src/api/errors';
import { buildUrl } from '../src/api/http';
import { toCsv } from '../src/csv';
import { formatDateTime, formatMoney, moneyValue, parseBrDateTime } from '../src/format';
import { formatMoneyField, parseMoney, sanitizeMoneyTyping } from '../src/money';
import { brDate, cnpj, optionalUuid } from '../src/validation';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('formatação pt-BR', () => {
  it('dinheiro em reais', () => {
    assert.equal(formatMoney(1234.56).replace(/\s/g, ' '), 'R$ 1.234,56');
    assert.equal(formatMoney(0).replace(/\s/g, ' '), 'R$ 0,00');
  });

  it('lê o valor dos campos de dinheiro, inclusive com zero à direita', () => {
    assert.equal(moneyValue(150.75), 150.75);
    assert.equal(moneyValue('89.90'), 89.9);
    assert.equal(moneyValue(''), null);
    assert.equal(moneyValue('12.'), 12);
  });

  it('datas dd/mm/aaaa HH:mm; horários sem fuso mostrados como escritos', () => {
    assert.equal(formatDateTime('2025-12-01T16:19:06'), '01/12/2025 16:19');
    assert.equal(formatDateTime(null), '—');
    assert.match(formatDateTime('2025-12-01T16:19:06Z'), /^\d{2}\/12\/2025 \d{2}:19$/);
  });

  it('campos de data em DD/MM/AAAA HH:mm, lidos no fuso do navegador', () => {
    const moment = new Date(2025, 0, 31, 14, 5);
    assert.equal(parseBrDateTime('31/01/2025 14:05')?.getTime(), moment.getTime());
    assert.equal(parseBrDateTime('31/02/2025 14:05'), null);
    assert.equal(parseBrDateTime('31/01/2025 24:00'), null);
  });
});

describe('dinheiro digitado em pt-BR', () => {
  it('ponto agrupa milhares e vírgula é o decimal', () => {
    assert.equal(parseMoney('1.500'), 1500);
    assert.equal(parseMoney('1.234,56'), 1234.56);
    assert.equal(parseMoney('1234,56'), 1234.56);
    assert.equal(parseMoney('1.234.567,8'), 1234567.8);
    assert.equal(parseMoney('R$ 1.234,56'), 1234.56);
    assert.equal(parseMoney('R$\u00a01.234,56'), 1234.56);
    assert.equal(parseMoney('0,5'), 0.5);
  });

  it('lê também o que não pode ser milhar: 1,234.56 e 89.9', () => {
    assert.equal(parseMoney('1,234.56'), 1234.56);
    assert.equal(parseMoney('89.9'), 89.9);
    assert.equal(parseMoney('89.90'), 89.9);
  });

  it('recusa vazio, negativo e mais de duas casas', () => {
    assert.equal(parseMoney(''), null);
    assert.equal(parseMoney('R$'), null);
    assert.equal(parseMoney('-5'), null);
    assert.equal(parseMoney('1,234'), null);
  });

  it('a digitação descarta letras, uma segunda vírgula e a terceira casa', () => {
    assert.equal(sanitizeMoneyTyping('1a.5b00'), '1.500');
    assert.equal(sanitizeMoneyTyping('12,345'), '12,34');
    assert.equal(sanitizeMoneyTyping('1,2,3'), '1,23');
    assert.equal(formatMoneyField(1500), '1.500,00');
  });
});

describe('CSV', () => {
  it('ponto e vírgula, BOM, números com vírgula e campos entre aspas quando preciso', () => {
    const csv = toCsv(['Nome', 'Saldo'], [['Ana; "Aninha"', 1234.5], ['Zé', null]]);
    assert.equal(csv, '\uFEFFNome;Saldo\r\n"Ana; ""Aninha""";1234,5\r\nZé;\r\n');
  });
});

describe('validação', () => {
  it('CNPJ numérico e alfanumérico pela forma, como a API (a conta de demonstração passa)', () => {
    assert.equal(cnpj('11.222.333/0001-81'), null);
    assert.equal(cnpj('12.ABC.345/01DE-35'), null);
    assert.equal(cnpj('12.345.678/0001-90'), null);
    assert.equal(cnpj('12345678000190'), null);
    assert.equal(cnpj('12.345.678/0001'), 'CNPJ inválido: informe os 14 caracteres.');
    assert.equal(cnpj(' '), 'Campo obrigatório.');
  });

  it('datas DD/MM/AAAA reais e UUID opcional', () => {
    assert.equal(brDate('29/02/2024'), null);
    assert.equal(brDate('29/02/2025'), 'Data inválida.');
    assert.equal(brDate('2025-01-15'), 'Use o formato DD/MM/AAAA.');
    assert.equal(optionalUuid(''), null);
    assert.equal(optionalUuid('b4148f5f-e820-408a-b623-8f1ba3fd2578'), null);
    assert.equal(optionalUuid('123'), 'Informe um UUID válido.');
  });
});

describe('cliente HTTP', () => {
  it('monta caminho e query, omitindo vazios', () => {
    assert.equal(buildUrl('/clients/{client_id}/purchases', { params: { client_id: 7 }, query: { only_active: false, x: undefined } }), '/clients/7/purchases?only_active=false');
  });

  it('lê os erros do /api/v1 com mensagens por campo', async () => {
    const error = await readError(
      json(400, { error: { code: 'INVALID_PAYLOAD', message: 'Dados inválidos.', details: { email: ['E-mail já cadastrado.'] }, request_id: '1', timestamp: '' } }),
    );
    assert.ok(error instanceof ApiError);
    assert.equal(error.message, 'Dados inválidos.');
    assert.deepEqual(error.fields, { email: 'E-mail já cadastrado.' });
  });

  it('lê os erros FastAPI: detail texto e lista 422 por campo', async () => {
    assert.equal((await readError(json(404, { detail: 'Cliente não encontrado.' }))).message, 'Cliente não encontrado.');
    const error = await readError(json(422, { detail: [{ loc: ['body', 'login'], msg: 'field required', type: 'value_error.missing' }] }));
    assert.deepEqual(error.fields, { login: 'field required' });
    assert.equal(error.message, 'Verifique os campos destacados.');
  });

  it('sem corpo, usa a mensagem do status', async () => {
    assert.match((await readError(new Response('', { status: 429 }))).message, /Muitas tentativas/);
  });
});
