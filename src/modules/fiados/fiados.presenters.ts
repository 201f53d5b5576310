import { fromCentavos } from '../../core/money/index.js';
import { localTimeFormatter } from '../../core/time/index.js';
import type { ClientRow, PaymentRow, PurchaseRow } from './fiados.repository.js';
import type { ClientOut, PaymentOut, PurchaseOut } from './fiados.schemas.js';

export type Presenters = ReturnType<typeof createPresenters>;

/** Rows → API objects, in one place: centavos as reais, epoch ms as local time in APP_TZ. */
export function createPresenters(timeZone: string) {
  const localTime = localTimeFormatter(timeZone);
  return {
    localTime,
    client: (row: ClientRow): ClientOut => ({
      id: row.id,
      name: row.name,
      nickname: row.nickname,
      phone: row.phone,
      email: row.email,
      is_active: row.is_active,
      created_at: localTime(row.created_at),
      updated_at: localTime(row.updated_at),
    }),
    purchase: (row: PurchaseRow): PurchaseOut => ({
      id: row.id,
      client_id: row.client_id,
      description: row.description,
      total_value: fromCentavos(row.total_value),
      total_paid_value: fromCentavos(row.total_paid_value),
      status: row.status,
      note_number: row.note_number,
      is_active: row.is_active,
      created_at: localTime(row.created_at),
      updated_at: localTime(row.updated_at),
    }),
    payment: (row: PaymentRow): PaymentOut => ({
      id: row.id,
      purchase_id: row.purchase_id,
      amount: fromCentavos(row.amount),
      payment_date: localTime(row.payment_date),
      method: row.method,
      description: row.description,
      receipt_number: row.receipt_number,
      is_active: row.is_active,
      created_at: localTime(row.created_at),
      updated_at: localTime(row.updated_at),
    }),
  };
}
