import type { Generated, Kysely, Transaction } from 'kysely';
import type { CoreTables } from '../../core/db/tables.js';

export type PurchaseStatus = 'pending' | 'partial' | 'paid';
export type SequenceKind = 'note' | 'receipt';

/** Times are UTC epoch milliseconds; money is integer centavos; `is_active` is 1 or 0. */
export interface FiadosClientsTable {
  id: Generated<number>;
  name: string;
  nickname: string | null;
  phone: string | null;
  email: string | null;
  is_active: number;
  created_at: number;
  updated_at: number;
}

export interface FiadosPurchasesTable {
  id: Generated<number>;
  client_id: number;
  description: string;
  total_value: number;
  total_paid_value: number;
  status: PurchaseStatus;
  note_number: string | null;
  is_active: number;
  created_at: number;
  updated_at: number;
}

export interface FiadosPaymentsTable {
  id: Generated<number>;
  purchase_id: number;
  amount: number;
  payment_date: number;
  method: string;
  description: string | null;
  receipt_number: string | null;
  is_active: number;
  created_at: number;
  updated_at: number;
}

/** One row per kind of automatic number; the row lock serializes who takes the next value. */
export interface FiadosSequencesTable {
  kind: SequenceKind;
  last_value: number;
}

// A type alias, not an interface: Kysely's `withTables` wants an indexable shape.
export type FiadosTables = {
  fiados_clients: FiadosClientsTable;
  fiados_purchases: FiadosPurchasesTable;
  fiados_payments: FiadosPaymentsTable;
  fiados_sequences: FiadosSequencesTable;
};

/** What `core.database.db.withTables<FiadosTables>()` gives. */
export type FiadosDb = Kysely<CoreTables & FiadosTables>;
export type FiadosExecutor = FiadosDb | Transaction<CoreTables & FiadosTables>;
