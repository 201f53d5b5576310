import { fromCentavos } from '../../core/money/index.js';
import type { FiadosContext } from './fiados.context.js';
import * as repo from './fiados.repository.js';
import * as reports from './fiados-reports.repository.js';
import type { ReceivablesOut, ReceivablesSort, StatementOut } from './fiados-reports.schemas.js';
import { fiadosErrors } from './fiados.rules.js';

const DAY_MS = 86_400_000;

export interface ReportsService {
  statement(clientId: number): Promise<Omit<StatementOut, 'message'>>;
  receivables(sort: ReceivablesSort): Promise<Omit<ReceivablesOut, 'message'>>;
}

interface Movement {
  at: number;
  type: 'purchase' | 'payment';
  purchaseId: number;
  paymentId: number | null;
  description: string;
  centavos: number;
}

export function createReportsService(ctx: FiadosContext): ReportsService {
  const { db, present } = ctx;

  return {
    async statement(clientId) {
      const client = await repo.findClient(db, clientId);
      if (!client) throw fiadosErrors.clientNotFound();
      const [purchases, payments] = await Promise.all([
        reports.statementPurchases(db, clientId),
        reports.statementPayments(db, clientId),
      ]);
      // A payment dated before its own purchase (a down payment in the same second, or a past date)
      // is placed at the purchase, so the running balance never dips below zero.
      const purchasedAt = new Map(purchases.map((p) => [p.id, p.created_at]));
      const movements: Movement[] = [
        ...purchases.map((p) => ({
          at: p.created_at,
          type: 'purchase' as const,
          purchaseId: p.id,
          paymentId: null,
          description: p.description,
          centavos: p.total_value,
        })),
        ...payments.map((p) => ({
          at: Math.max(p.payment_date, purchasedAt.get(p.purchase_id) ?? p.payment_date),
          type: 'payment' as const,
          purchaseId: p.purchase_id,
          paymentId: p.id,
          description: p.description ?? `Pagamento (${p.method})`,
          centavos: p.amount,
        })),
      ];
      // Same instant: the purchase first, so a payment made at checkout never shows a negative balance.
      movements.sort(
        (a, b) =>
          a.at - b.at ||
          (a.type === b.type ? 0 : a.type === 'purchase' ? -1 : 1) ||
          a.purchaseId - b.purchaseId ||
          (a.paymentId ?? 0) - (b.paymentId ?? 0),
      );
      let balance = 0;
      const entries = movements.map((m) => {
        balance += m.type === 'purchase' ? m.centavos : -m.centavos;
        return {
          date: present.localTime(m.at),
          type: m.type,
          purchase_id: m.purchaseId,
          payment_id: m.paymentId,
          description: m.description,
          amount: fromCentavos(m.centavos),
          balance: fromCentavos(balance),
        };
      });
      return { client: present.client(client), entries, total_owed: fromCentavos(balance) };
    },

    async receivables(sort) {
      const now = ctx.now();
      const rows = await reports.openBalancesByClient(db, {
        day31: now - 31 * DAY_MS,
        day61: now - 61 * DAY_MS,
        day91: now - 91 * DAY_MS,
      });
      rows.sort((a, b) =>
        sort === 'age'
          ? a.oldest_created_at - b.oldest_created_at || b.open_balance - a.open_balance || a.client_id - b.client_id
          : b.open_balance - a.open_balance || a.client_id - b.client_id,
      );
      const totals = { open: 0, b0: 0, b31: 0, b61: 0, b91: 0 };
      const clients = rows.map((r) => {
        totals.open += r.open_balance;
        totals.b0 += r.bucket_0_30;
        totals.b31 += r.bucket_31_60;
        totals.b61 += r.bucket_61_90;
        totals.b91 += r.bucket_over_90;
        return {
          client_id: r.client_id,
          name: r.name,
          nickname: r.nickname,
          open_balance: fromCentavos(r.open_balance),
          open_purchases: r.open_purchases,
          oldest_open_purchase_at: present.localTime(r.oldest_created_at),
          days_oldest: Math.max(0, Math.floor((now - r.oldest_created_at) / DAY_MS)),
          buckets: buckets(r.bucket_0_30, r.bucket_31_60, r.bucket_61_90, r.bucket_over_90),
        };
      });
      return {
        generated_at: present.localTime(now),
        clients,
        totals: { open_balance: fromCentavos(totals.open), buckets: buckets(totals.b0, totals.b31, totals.b61, totals.b91) },
      };
    },
  };
}

function buckets(b0: number, b31: number, b61: number, b91: number) {
  return { '0_30': fromCentavos(b0), '31_60': fromCentavos(b31), '61_90': fromCentavos(b61), over_90: fromCentavos(b91) };
}
