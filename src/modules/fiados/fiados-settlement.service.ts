import { unprocessable } from '../../core/http/errors.js';
import { fromCentavos } from '../../core/money/index.js';
import { createFiadosContext, type FiadosDeps } from './fiados.context.js';
import * as repo from './fiados.repository.js';
import { amountToCentavos, fiadosErrors } from './fiados.rules.js';
import type { SettlementBody, SettlementResult } from './fiados-settlement.schemas.js';
import type { PaymentOut } from './fiados.schemas.js';
import type { FiadosExecutor } from './fiados.tables.js';

const reais = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** A minute of slack for clocks that differ between the browser and the server. */
const FUTURE_SLACK_MS = 60_000;

interface Share {
  purchase: repo.PurchaseRow;
  amount: number;
}

/** The amount spread over open purchases, oldest first, each taking at most what it still owes. */
export function allocate(purchases: readonly repo.PurchaseRow[], amount: number): Share[] {
  const open = purchases
    .filter((p) => p.total_value > p.total_paid_value)
    .sort((a, b) => a.created_at - b.created_at || a.id - b.id);
  const shares: Share[] = [];
  let left = amount;
  for (const purchase of open) {
    if (left === 0) break;
    const take = Math.min(left, purchase.total_value - purchase.total_paid_value);
    shares.push({ purchase, amount: take });
    left -= take;
  }
  return shares;
}

export interface SettlementService {
  /** Receives one amount from a client and pays their open purchases with it, oldest first, in one transaction. */
  settle(clientId: number, body: SettlementBody): Promise<SettlementResult>;
  /** The same split, written nowhere. */
  preview(clientId: number, body: SettlementBody): Promise<SettlementResult>;
}

export function createSettlementService(deps: FiadosDeps): SettlementService {
  const ctx = createFiadosContext(deps);

  function checked(body: SettlementBody): { amount: number; date: number | null } {
    const amount = amountToCentavos(body.amount, 'amount');
    const date = body.payment_date == null ? null : body.payment_date * 1000;
    if (date !== null && date > ctx.now() + FUTURE_SLACK_MS) {
      const msg = 'A data do pagamento não pode estar no futuro.';
      throw unprocessable(msg, [{ loc: ['body', 'payment_date'], msg, type: 'value_error.date.future' }]);
    }
    return { amount, date };
  }

  async function plan(trx: FiadosExecutor, clientId: number, amount: number) {
    const client = await repo.lockClientShared(trx, clientId);
    if (!client) throw fiadosErrors.clientNotFound();
    if (client.is_active === 0) throw fiadosErrors.clientInactive();
    const purchases = await repo.lockActiveClientPurchases(trx, clientId);
    const owed = purchases.reduce((sum, p) => sum + Math.max(0, p.total_value - p.total_paid_value), 0);
    if (owed === 0) throw unprocessable('O cliente não tem compras em aberto.');
    if (amount > owed) {
      const msg = `O valor passa do saldo devedor do cliente (${reais.format(fromCentavos(owed)).replace(/\s/g, ' ')}).`;
      throw unprocessable(msg, [{ loc: ['body', 'amount'], msg, type: 'value_error.money.over_balance' }]);
    }
    return { owed, shares: allocate(purchases, amount) };
  }

  function result(clientId: number, amount: number, owed: number, shares: Share[], payments: (PaymentOut | null)[]): SettlementResult {
    return {
      message: payments.some(Boolean) ? 'Pagamento recebido e distribuído.' : 'Prévia da distribuição do pagamento.',
      client_id: clientId,
      amount: fromCentavos(amount),
      balance_before: fromCentavos(owed),
      balance_after: fromCentavos(owed - amount),
      allocations: shares.map((share, i) => {
        const open = share.purchase.total_value - share.purchase.total_paid_value;
        return {
          purchase_id: share.purchase.id,
          description: share.purchase.description,
          created_at: ctx.present.localTime(share.purchase.created_at),
          open_before: fromCentavos(open),
          amount: fromCentavos(share.amount),
          open_after: fromCentavos(open - share.amount),
          payment: payments[i] ?? null,
        };
      }),
    };
  }

  return {
    async preview(clientId, body) {
      const { amount } = checked(body);
      const { owed, shares } = await plan(ctx.db, clientId, amount);
      return result(clientId, amount, owed, shares, []);
    },

    async settle(clientId, body) {
      const { amount, date } = checked(body);
      return ctx.transact(async (trx) => {
        const { owed, shares } = await plan(trx, clientId, amount);
        const now = ctx.now();
        const payments: PaymentOut[] = [];
        for (const { purchase, amount: part } of shares) {
          const payment = await repo.insertPayment(trx, {
            purchase_id: purchase.id,
            amount: part,
            payment_date: date ?? now,
            method: body.method,
            description: body.description ?? null,
            receipt_number: await ctx.numberFor(trx, 'receipt', null),
            is_active: 1,
            created_at: now,
            updated_at: now,
          });
          await ctx.settle(trx, purchase, now, {}, purchase.total_paid_value + part);
          payments.push(ctx.present.payment(payment));
        }
        return result(clientId, amount, owed, shares, payments);
      });
    },
  };
}
