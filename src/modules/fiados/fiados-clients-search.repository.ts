import { sql, type Expression, type RawBuilder } from 'kysely';
import type { ClientRow } from './fiados.repository.js';
import type { FiadosExecutor } from './fiados.tables.js';

// Accented letters of Portuguese (and a few neighbours) and their plain forms, both cases.
const ACCENTS: readonly (readonly [string, string])[] = [
  ...[...'áàâãäÁÀÂÃÄ'].map((c) => [c, 'a'] as const),
  ...[...'éèêëÉÈÊË'].map((c) => [c, 'e'] as const),
  ...[...'íìîïÍÌÎÏ'].map((c) => [c, 'i'] as const),
  ...[...'óòôõöÓÒÔÕÖ'].map((c) => [c, 'o'] as const),
  ...[...'úùûüÚÙÛÜ'].map((c) => [c, 'u'] as const),
  ...[...'çÇ'].map((c) => [c, 'c'] as const),
  ...[...'ñÑ'].map((c) => [c, 'n'] as const),
];

/**
 * Text without accents, in lower case, the same in SQLite and PostgreSQL: SQLite's `lower()` only
 * knows ASCII and it has no `unaccent`/`translate`, so accented letters are replaced one by one.
 */
function folded(expr: Expression<string | null>): RawBuilder<string> {
  let out: RawBuilder<string> = sql<string>`coalesce(${expr}, '')`;
  for (const [from, to] of ACCENTS) out = sql<string>`replace(${out}, ${sql.lit(from)}, ${sql.lit(to)})`;
  return sql<string>`lower(${out})`;
}

/** What the search compares against: `folded` applied in JavaScript. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ClientSearch {
  /** Already folded. */
  text?: string;
  /** Digits of the text, when it has some: phones are compared without their punctuation. */
  digits?: string;
  situacao: 'ativos' | 'desativados' | 'todos' | 'devendo';
  sort: { by: 'name' | 'balance' | 'created_at'; desc: boolean };
  limit: number;
  offset: number;
}

export type ClientBalanceRow = ClientRow & { balance: number; open_purchases: number; oldest_open: number | null };

function filtered(db: FiadosExecutor, search: ClientSearch) {
  // Open balance per client: active purchases not yet paid, in one grouped pass.
  const balances = db
    .selectFrom('fiados_purchases')
    .where('is_active', '=', 1)
    .where('status', '<>', 'paid')
    .groupBy('client_id')
    .select((eb) => [
      'client_id',
      eb.fn.sum<number>(eb('total_value', '-', eb.ref('total_paid_value'))).as('balance'),
      eb.fn.countAll<number>().as('open_purchases'),
      eb.fn.min<number>('created_at').as('oldest_open'),
    ]);
  return db
    .selectFrom('fiados_clients as c')
    .leftJoin(balances.as('b'), 'b.client_id', 'c.id')
    .$if(search.situacao === 'ativos' || search.situacao === 'devendo', (q) => q.where('c.is_active', '=', 1))
    .$if(search.situacao === 'desativados', (q) => q.where('c.is_active', '=', 0))
    .$if(search.situacao === 'devendo', (q) => q.where('b.balance', '>', 0))
    .$if(Boolean(search.text), (q) =>
      q.where((eb) => {
        const pattern = likePattern(search.text!);
        const like = (column: Expression<string | null>) => sql<boolean>`${folded(column)} like ${pattern} escape '\\'`;
        const alternatives = [like(eb.ref('c.name')), like(eb.ref('c.nickname')), like(eb.ref('c.email'))];
        if (search.digits) {
          const phoneDigits = sql<string>`replace(replace(replace(replace(replace(coalesce(c.phone, ''), ' ', ''), '-', ''), '(', ''), ')', ''), '+', '')`;
          alternatives.push(sql<boolean>`${phoneDigits} like ${likePattern(search.digits)} escape '\\'`);
        }
        return eb.or(alternatives);
      }),
    );
}

/** One page of clients with their open balance, and how many match with their balances summed. */
export async function searchClients(db: FiadosExecutor, search: ClientSearch): Promise<{ rows: ClientBalanceRow[]; total: number; totalBalance: number }> {
  const direction = search.sort.desc ? 'desc' : 'asc';
  const order =
    search.sort.by === 'name'
      ? folded(sql.ref('c.name'))
      : search.sort.by === 'balance'
        ? sql`coalesce(b.balance, 0)`
        : sql.ref('c.created_at');
  const [rows, summary] = await Promise.all([
    filtered(db, search)
      .selectAll('c')
      .select((eb) => [
        eb.fn.coalesce('b.balance', sql<number>`0`).as('balance'),
        eb.fn.coalesce('b.open_purchases', sql<number>`0`).as('open_purchases'),
        'b.oldest_open',
      ])
      .orderBy(order, direction)
      .orderBy('c.id', direction)
      .limit(search.limit)
      .offset(search.offset)
      .execute(),
    filtered(db, search)
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.coalesce(eb.fn.sum<number>('b.balance'), sql<number>`0`).as('total_balance')])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    // PostgreSQL answers sums and counts as bigint text.
    rows: rows.map((row) => ({
      ...row,
      balance: Number(row.balance),
      open_purchases: Number(row.open_purchases),
      oldest_open: row.oldest_open === null ? null : Number(row.oldest_open),
    })),
    total: Number(summary.total),
    totalBalance: Number(summary.total_balance),
  };
}
