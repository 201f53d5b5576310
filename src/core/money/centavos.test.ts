import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_CENTAVOS, MoneyError, fromCentavos, toCentavos } from './centavos.js';

const refused = (value: number, reason: string) =>
  assert.throws(() => toCentavos(value), (error: unknown) => error instanceof MoneyError && error.reason === reason);

describe('toCentavos', () => {
  it('converts what the client wrote exactly', () => {
    assert.equal(toCentavos(150.75), 15075);
    assert.equal(toCentavos(76.9), 7690);
    assert.equal(toCentavos(50), 5000);
    assert.equal(toCentavos(0.1), 10);
    assert.equal(toCentavos(0.29), 29); // 0.29 * 100 is 28.999999999999996
    assert.equal(toCentavos(1.15), 115); // 1.15 * 100 is 114.99999999999999
    assert.equal(toCentavos(9007199254.74), 900719925474);
    assert.equal(toCentavos(JSON.parse('150.750')), 15075);
  });

  it('keeps zero and sign (callers decide what they accept)', () => {
    assert.equal(toCentavos(0), 0);
    assert.equal(toCentavos(-0), 0);
    assert.equal(toCentavos(-12.5), -1250);
  });

  it('refuses more than two decimals instead of rounding', () => {
    refused(1.005, 'too_many_decimals');
    refused(0.001, 'too_many_decimals');
    refused(0.1 + 0.2, 'too_many_decimals');
    refused(1e-7, 'too_many_decimals');
    refused(-0.001, 'too_many_decimals');
  });

  it('refuses what is not a finite number or is too large', () => {
    refused(Number.NaN, 'not_a_number');
    refused(Number.POSITIVE_INFINITY, 'not_a_number');
    refused('10' as unknown as number, 'not_a_number');
    refused(1e21, 'out_of_range');
    refused(MAX_CENTAVOS / 100 + 1, 'out_of_range');
    assert.equal(toCentavos(MAX_CENTAVOS / 100), MAX_CENTAVOS);
  });

  it('gives a Portuguese message', () => {
    assert.throws(() => toCentavos(1.005), { message: 'O valor deve ter no máximo duas casas decimais.' });
  });
});

describe('fromCentavos', () => {
  it('prints as the contracts show', () => {
    assert.equal(JSON.stringify([fromCentavos(15075), fromCentavos(5000), fromCentavos(7690), fromCentavos(30)]), '[150.75,50,76.9,0.3]');
  });

  it('round-trips every centavo value in a range', () => {
    for (let c = 0; c < 200_000; c += 1) assert.equal(toCentavos(fromCentavos(c)), c);
    for (let c = 99_999_000_000; c < 99_999_100_000; c += 7) assert.equal(toCentavos(fromCentavos(c)), c);
  });
});
