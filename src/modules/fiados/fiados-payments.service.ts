import type { FiadosContext, Trx } from './fiados.context.js';
import * as repo from './fiados.repository.js';
import { amountToCentavos, assertWithinBalance, fiadosErrors } from './fiados.rules.js';
import type { PageQuery, PaymentCreateBody, PaymentOut, PaymentUpdateBody } from './fiados.schemas.js';

export interface PaymentsService {
  /** A purchase's payments, active and inactive; purchase 0: the active payments of every purchase. Newest first. */
  list(purchaseId: number, query: PageQuery): Promise<PaymentOut[]>;
  create(purchaseId: number, body: PaymentCreateBody): Promise<PaymentOut>;
  update(purchaseId: number, paymentId: number, body: PaymentUpdateBody): Promise<PaymentOut>;
  deactivate(purchaseId: number, paymentId: number): Promise<PaymentOut>;
  restore(purchaseId: number, paymentId: number): Promise<PaymentOut>;
}

interface Locked {
  purchase: repo.PurchaseRow;
  payment: repo.PaymentRow;
}

export function createPaymentsService(ctx: FiadosContext): PaymentsService {
  const { db, present } = ctx;

  // Every change to a payment locks its purchase first, so changes to one purchase's totals never interleave.
  async function lockPayment(trx: Trx, purchaseId: number, paymentId: number): Promise<Locked> {
    const purchase = await repo.lockPurchase(trx, purchaseId);
    const payment = await repo.findPayment(trx, paymentId);
    if (!payment) throw fiadosErrors.paymentNotFound();
    if (!purchase || payment.purchase_id !== purchaseId) throw fiadosErrors.paymentNotOfPurchase();
    return { purchase, payment };
  }

  return {
    async list(purchaseId, query) {
      if (purchaseId !== 0 && !(await repo.findPurchase(db, purchaseId))) throw fiadosErrors.purchaseNotFound();
      return (await repo.listPayments(db, purchaseId === 0 ? null : purchaseId, query)).map(present.payment);
    },

    async create(purchaseId, body) {
      const amount = amountToCentavos(body.amount, 'amount');
      return ctx.transact(async (trx) => {
        const purchase = await repo.lockPurchase(trx, purchaseId);
        if (!purchase) throw fiadosErrors.purchaseNotFound();
        if (purchase.is_active === 0) throw fiadosErrors.purchaseInactive();
        const paid = purchase.total_paid_value + amount;
        assertWithinBalance(purchase.total_value, paid);
        const now = ctx.now();
        const payment = await repo.insertPayment(trx, {
          purchase_id: purchaseId,
          amount,
          payment_date: body.payment_date == null ? now : body.payment_date * 1000,
          method: body.method,
          description: body.description ?? null,
          receipt_number: await ctx.numberFor(trx, 'receipt', body.receipt_number),
          is_active: 1,
          created_at: now,
          updated_at: now,
        });
        await ctx.settle(trx, purchase, now, {}, paid);
        return present.payment(payment);
      });
    },

    async update(purchaseId, paymentId, body) {
      const amount = body.amount === undefined ? undefined : amountToCentavos(body.amount, 'amount');
      return ctx.transact(async (trx) => {
        const { purchase, payment } = await lockPayment(trx, purchaseId, paymentId);
        const changesPaid = payment.is_active === 1 && amount !== undefined && amount !== payment.amount;
        const paid = changesPaid ? purchase.total_paid_value - payment.amount + amount : purchase.total_paid_value;
        if (changesPaid) assertWithinBalance(purchase.total_value, paid);
        const now = ctx.now();
        const row = await repo.updatePayment(trx, paymentId, {
          ...(amount !== undefined && { amount }),
          ...(body.method !== undefined && { method: body.method }),
          ...(body.payment_date !== undefined && { payment_date: body.payment_date * 1000 }),
          ...(body.description !== undefined && { description: body.description }),
          updated_at: now,
        });
        if (changesPaid) await ctx.settle(trx, purchase, now, {}, paid);
        return present.payment(row);
      });
    },

    async deactivate(purchaseId, paymentId) {
      return ctx.transact(async (trx) => {
        const { purchase, payment } = await lockPayment(trx, purchaseId, paymentId);
        if (payment.is_active === 0) throw fiadosErrors.paymentAlreadyInactive();
        const now = ctx.now();
        const row = await repo.updatePayment(trx, paymentId, { is_active: 0, updated_at: now });
        await ctx.settle(trx, purchase, now, {}, purchase.total_paid_value - payment.amount);
        return present.payment(row);
      });
    },

    async restore(purchaseId, paymentId) {
      return ctx.transact(async (trx) => {
        const { purchase, payment } = await lockPayment(trx, purchaseId, paymentId);
        if (payment.is_active === 1) throw fiadosErrors.paymentAlreadyActive();
        if (purchase.is_active === 0) throw fiadosErrors.purchaseInactive();
        const paid = purchase.total_paid_value + payment.amount;
        assertWithinBalance(purchase.total_value, paid);
        const now = ctx.now();
        const row = await repo.updatePayment(trx, paymentId, { is_active: 1, updated_at: now });
        await ctx.settle(trx, purchase, now, {}, paid);
        return present.payment(row);
      });
    },
  };
}
