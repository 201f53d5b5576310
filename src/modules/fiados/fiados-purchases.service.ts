import { unprocessable } from '../../core/http/errors.js';
import type { FiadosContext, Trx } from './fiados.context.js';
import * as repo from './fiados.repository.js';
import { amountToCentavos, assertTotalCoversPaid, assertWithinBalance, fiadosErrors } from './fiados.rules.js';
import type { PageQuery, PurchaseCreateBody, PurchaseOut, PurchaseUpdateBody } from './fiados.schemas.js';

export interface PurchasesService {
  /** `only_pending` absent: all; false: active; true: active and not paid. Newest first. */
  list(query: PageQuery & { only_pending?: boolean }): Promise<PurchaseOut[]>;
  get(id: number): Promise<PurchaseOut>;
  getByNote(noteNumber: string): Promise<PurchaseOut>;
  /** A purchase for an active client, with an optional first payment (`amount`…). */
  create(clientId: number, body: PurchaseCreateBody): Promise<PurchaseOut>;
  update(id: number, body: PurchaseUpdateBody): Promise<PurchaseOut>;
  /** Deactivates the purchase and its payments (paid total back to 0). */
  deactivate(id: number): Promise<PurchaseOut>;
  /** Reactivates the purchase only: its payments stay deactivated until restored one by one. */
  restore(id: number): Promise<PurchaseOut>;
}

export function createPurchasesService(ctx: FiadosContext): PurchasesService {
  const { db, present } = ctx;

  async function lockExisting(trx: Trx, id: number): Promise<repo.PurchaseRow> {
    const purchase = await repo.lockPurchase(trx, id);
    if (!purchase) throw fiadosErrors.purchaseNotFound();
    return purchase;
  }

  // Shared lock: a concurrent deactivation of the client waits, then sees this purchase and cascades to it.
  async function lockActiveClient(trx: Trx, clientId: number): Promise<void> {
    const client = await repo.lockClientShared(trx, clientId);
    if (!client) throw fiadosErrors.clientNotFound();
    if (client.is_active === 0) throw fiadosErrors.clientInactive();
  }

  return {
    async list(query) {
      const filter = query.only_pending === undefined ? 'all' : query.only_pending ? 'open' : 'active';
      return (await repo.listPurchases(db, filter, query)).map(present.purchase);
    },

    async get(id) {
      const row = await repo.findPurchase(db, id);
      if (!row) throw fiadosErrors.purchaseNotFound();
      return present.purchase(row);
    },

    async getByNote(noteNumber) {
      const row = await repo.findPurchaseByNote(db, noteNumber);
      if (!row) throw fiadosErrors.purchaseNotFound();
      return present.purchase(row);
    },

    async create(clientId, body) {
      const total = amountToCentavos(body.total_value, 'total_value');
      const first = body.amount == null ? null : { amount: amountToCentavos(body.amount, 'amount'), method: body.method };
      if (first) {
        if (!first.method) {
          throw unprocessable('Informe o método do pagamento.', [
            { loc: ['body', 'method'], msg: 'Informe o método do pagamento.', type: 'value_error.missing' },
          ]);
        }
        assertWithinBalance(total, first.amount);
      }
      const purchasedAt = body.purchase_date == null ? null : body.purchase_date * 1000;
      if (purchasedAt !== null && purchasedAt > ctx.now() + 60_000) {
        const msg = 'A data da compra não pode estar no futuro.';
        throw unprocessable(msg, [{ loc: ['body', 'purchase_date'], msg, type: 'value_error.date.future' }]);
      }
      return ctx.transact(async (trx) => {
        await lockActiveClient(trx, clientId);
        const now = ctx.now();
        let purchase = await repo.insertPurchase(trx, {
          client_id: clientId,
          description: body.description,
          total_value: total,
          total_paid_value: 0,
          status: 'pending',
          note_number: await ctx.numberFor(trx, 'note', body.note_number),
          is_active: 1,
          created_at: purchasedAt ?? now,
          updated_at: now,
        });
        if (first?.method) {
          await repo.insertPayment(trx, {
            purchase_id: purchase.id,
            amount: first.amount,
            payment_date: body.payment_date == null ? now : body.payment_date * 1000,
            method: first.method,
            description: body.payment_description ?? null,
            receipt_number: await ctx.numberFor(trx, 'receipt', body.receipt_number),
            is_active: 1,
            created_at: now,
            updated_at: now,
          });
          purchase = await ctx.settle(trx, purchase, now);
        }
        return present.purchase(purchase);
      });
    },

    async update(id, body) {
      const total = body.total_value === undefined ? undefined : amountToCentavos(body.total_value, 'total_value');
      return ctx.transact(async (trx) => {
        const purchase = await lockExisting(trx, id);
        if (body.client_id !== undefined && body.client_id !== purchase.client_id) await lockActiveClient(trx, body.client_id);
        if (total !== undefined) assertTotalCoversPaid(total, purchase.total_paid_value);
        const row = await ctx.settle(trx, purchase, ctx.now(), {
          ...(body.description !== undefined && { description: body.description }),
          ...(total !== undefined && { total_value: total }),
          ...(body.client_id !== undefined && { client_id: body.client_id }),
          ...(body.note_number !== undefined && { note_number: body.note_number }),
        });
        return present.purchase(row);
      });
    },

    async deactivate(id) {
      return ctx.transact(async (trx) => {
        const purchase = await lockExisting(trx, id);
        if (purchase.is_active === 0) throw fiadosErrors.purchaseAlreadyInactive();
        const now = ctx.now();
        await repo.deactivatePaymentsOf(trx, [id], now);
        return present.purchase(await ctx.settle(trx, purchase, now, { is_active: 0 }));
      });
    },

    async restore(id) {
      return ctx.transact(async (trx) => {
        const purchase = await lockExisting(trx, id);
        if (purchase.is_active === 1) throw fiadosErrors.purchaseAlreadyActive();
        await lockActiveClient(trx, purchase.client_id);
        return present.purchase(await ctx.settle(trx, purchase, ctx.now(), { is_active: 1 }));
      });
    },
  };
}
