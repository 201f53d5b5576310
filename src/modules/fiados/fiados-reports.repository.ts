import type { FiadosExecutor } from './fiados.tables.js';

export interface StatementPurchaseRow {
  id: number;
  description: string;
  total_value: number;
  created_at: number;
}

export interface StatementPaymentRow {
  id: number;
  purchase_id: number;
  description: string | null;
  method: string;
  amount: number;
  payment_date: number;
}

/** The client's active purchases (what they owe). */
export function statementPurchases(db: FiadosExecutor, clientId: number): Promise<StatementPurchaseRow[]> {
  return db
    .selectFrom('fiados_purchases')
    .select(['id', 'description', 'total_value', 'created_at'])
    .where('client_id', '=', clientId)
    .where('is_active', '=', 1)
    .execute();
}

/** The active payments of the client's active purchases (what they paid). */
export function statementPayments(db: FiadosExecutor, clientId: number): Promise<StatementPaymentRow[]> {
  return db
    .selectFrom('fiados_payments as pay')
    .innerJoin('fiados_purchases as p', 'p.id', 'pay.purchase_id')
    .select(['pay.id', 'pay.purchase_id', 'pay.description', 'pay.method', 'pay.amount', 'pay.payment_date'])
    .where('p.client_id', '=', clientId)
    .where('p.is_active', '=', 1)
    .where('pay.is_active', '=', 1)
    .execute();
}

/** Purchases created after `day31` are 0–30 days old, after `day61` 31–60, after `day91` 61–90, the rest older. */
export interface AgingBounds {
  day31: number;
  day61: number;
  day91: number;
}

export interface OpenBalanceRow {
  client_id: number;
  name: string;
  nickname: string | null;
  open_balance: number;
  open_purchases: number;
  oldest_created_at: number;
  bucket_0_30: number;
  bucket_31_60: number;
  bucket_61_90: number;
  bucket_over_90: number;
}

/** Open balance (total − paid of active unpaid purchases) per client, aged by purchase creation, in one pass. */
export function openBalancesByClient(db: FiadosExecutor, bounds: AgingBounds): Promise<OpenBalanceRow[]> {
  return db
    .selectFrom('fiados_purchases as p')
    .innerJoin('fiados_clients as c', 'c.id', 'p.client_id')
    .where('p.is_active', '=', 1)
    .where('p.status', '<>', 'paid')
    .groupBy(['p.client_id', 'c.name', 'c.nickname'])
    .select((eb) => {
      const open = eb('p.total_value', '-', eb.ref('p.total_paid_value'));
      const agedSum = (newerThan: number | null, notNewerThan: number | null) => {
        const conditions = [];
        if (newerThan !== null) conditions.push(eb('p.created_at', '>', newerThan));
        if (notNewerThan !== null) conditions.push(eb('p.created_at', '<=', notNewerThan));
        return eb.fn.sum<number>(eb.case().when(eb.and(conditions)).then(open).else(0).end());
      };
      return [
        'p.client_id',
        'c.name',
        'c.nickname',
        eb.fn.sum<number>(open).as('open_balance'),
        eb.fn.countAll<number>().as('open_purchases'),
        eb.fn.min<number>('p.created_at').as('oldest_created_at'),
        agedSum(bounds.day31, null).as('bucket_0_30'),
        agedSum(bounds.day61, bounds.day31).as('bucket_31_60'),
        agedSum(bounds.day91, bounds.day61).as('bucket_61_90'),
        agedSum(null, bounds.day91).as('bucket_over_90'),
      ];
    })
    .execute();
}
