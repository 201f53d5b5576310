import { MoneyError, toCentavos } from '../../core/money/index.js';
import { conflict, notFound, unprocessable } from '../../core/http/errors.js';
import type { PurchaseStatus, SequenceKind } from './fiados.tables.js';

/** pending: nothing paid; partial: some; paid: the total (or more, which the rules below refuse). */
export function purchaseStatus(totalValue: number, totalPaid: number): PurchaseStatus {
  if (totalPaid <= 0) return 'pending';
  return totalPaid >= totalValue ? 'paid' : 'partial';
}

// Far above any real store credit, far below where sums of centavos stop being exact.
const MAX_AMOUNT_CENTAVOS = 100_000_000_000; // R$ 1 bilhão

/** A body amount in reais → positive centavos, or a 422 naming the field (FastAPI's `{loc, msg, type}`). */
export function amountToCentavos(value: number, field: string): number {
  const refuse = (msg: string, type: string) => unprocessable(msg, [{ loc: ['body', field], msg, type }]);
  let centavos: number;
  try {
    centavos = toCentavos(value);
  } catch (error) {
    if (error instanceof MoneyError) throw refuse(error.message, `value_error.money.${error.reason}`);
    throw error;
  }
  if (centavos <= 0) throw refuse('O valor deve ser maior que zero.', 'value_error.money.not_positive');
  if (centavos > MAX_AMOUNT_CENTAVOS) throw refuse('O valor excede o máximo permitido (R$ 1.000.000.000,00).', 'value_error.money.out_of_range');
  return centavos;
}

/** Overpaying is refused: a fiado records debt, and a surplus would have nowhere to go. */
export function assertWithinBalance(totalValue: number, paidAfter: number): void {
  if (paidAfter > totalValue) throw unprocessable('Pagamento excede o saldo devedor da compra.');
}

export function assertTotalCoversPaid(totalValue: number, paid: number): void {
  if (totalValue < paid) throw unprocessable('O valor total não pode ser menor que o total já pago.');
}

const PREFIX: Record<SequenceKind, string> = { note: 'NF', receipt: 'REC' };

/** `NF-000123`, `REC-000045`: six digits keep them sortable up to a million, then they just grow. */
export function formatAutoNumber(kind: SequenceKind, value: number): string {
  return `${PREFIX[kind]}-${String(value).padStart(6, '0')}`;
}

/** The sequence value a number sent by a client would collide with (`NF-000124` → 124), if any. */
export function autoNumberValue(kind: SequenceKind, text: string): number | undefined {
  const match = /^[A-Z]+-(\d{6,16})$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  return formatAutoNumber(kind, value) === text ? value : undefined;
}

export const fiadosErrors = {
  clientNotFound: () => notFound('Cliente não encontrado.'),
  purchaseNotFound: () => notFound('Compra não encontrada.'),
  paymentNotFound: () => notFound('Pagamento não encontrado.'),
  clientInactive: () => conflict('Cliente desativado. Restaure o cliente antes.'),
  clientAlreadyInactive: () => conflict('Cliente já desativado.'),
  clientAlreadyActive: () => conflict('Cliente já está ativo.'),
  purchaseInactive: () => conflict('Compra desativada. Restaure a compra antes.'),
  purchaseAlreadyInactive: () => conflict('Compra já desativada.'),
  purchaseAlreadyActive: () => conflict('Compra já está ativa.'),
  paymentAlreadyInactive: () => conflict('Pagamento já desativado.'),
  paymentAlreadyActive: () => conflict('Pagamento já está ativo.'),
  paymentNotOfPurchase: () => conflict('Pagamento não pertence à compra especificada.'),
  duplicateNumber: (kind: SequenceKind) =>
    conflict(kind === 'note' ? 'Número de nota já cadastrado.' : 'Número de recibo já cadastrado.'),
};
