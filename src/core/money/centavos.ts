export type MoneyErrorReason = 'not_a_number' | 'too_many_decimals' | 'out_of_range';

/** A value that cannot be money; `message` is user-safe Portuguese. */
export class MoneyError extends Error {
  constructor(
    readonly reason: MoneyErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}

// Sums of many values must stay exact in a double, hence far below Number.MAX_SAFE_INTEGER.
export const MAX_CENTAVOS = 100_000_000_000_000; // R$ 1 trilhão

const DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Reais as a JSON number → integer centavos, exactly. It reads the number's shortest decimal form
 * (what the client wrote: 150.75, 0.1), never `Math.round(x * 100)`, so 150.75 is 15075 and 1.005
 * is refused instead of silently becoming 100 or 101. Zero and negatives are returned as such.
 */
export function toCentavos(value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MoneyError('not_a_number', 'O valor deve ser um número.');
  }
  const magnitude = Math.abs(value);
  if (magnitude * 100 > MAX_CENTAVOS) {
    throw new MoneyError('out_of_range', 'O valor excede o máximo permitido.');
  }
  // Anything not plain digits here is an exponent form of a tiny number (1e-7): too many decimals.
  const match = DECIMAL.exec(String(magnitude));
  if (!match) throw new MoneyError('too_many_decimals', 'O valor deve ter no máximo duas casas decimais.');
  const centavos = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return value < 0 ? -centavos : centavos;
}

/** Integer centavos → the JSON number the contracts show (15075 → 150.75, 5000 → 50). */
export function fromCentavos(centavos: number): number {
  // One correctly rounded division yields the double nearest to the decimal, which prints as written.
  return centavos / 100;
}
