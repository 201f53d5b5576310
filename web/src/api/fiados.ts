import { endpoint } from './endpoint';

/** Seed 003 writes flags as 0/1 and times as local `YYYY-MM-DDTHH:mm:ss`. */
type Flag = 0 | 1;

export interface Client {
  id: number;
  name: string;
  nickname: string | null;
  phone: string | null;
  email: string | null;
  is_active: Flag;
  created_at: string;
  updated_at: string;
}

export interface ClientInput {
  name: string;
  nickname?: string | null;
  phone?: string | null;
  email?: string | null;
}

export type PurchaseStatus = 'pending' | 'partial' | 'paid';

export interface Purchase {
  id: number;
  client_id: number;
  description: string;
  total_value: number;
  total_paid_value: number;
  status: PurchaseStatus;
  note_number: string | null;
  is_active: Flag;
  created_at: string;
  updated_at: string;
}

export interface PurchaseCreate {
  description: string;
  total_value: number;
  note_number?: string | null;
  /** Down payment, recorded with the purchase. */
  amount?: number;
  method?: string;
  /** Epoch seconds. */
  payment_date?: number;
  /** Epoch seconds; absent, now. Never in the future. */
  purchase_date?: number;
}

export interface Payment {
  id: number;
  purchase_id: number;
  amount: number;
  payment_date: string;
  method: string;
  description: string | null;
  receipt_number: string | null;
  is_active: Flag;
  created_at: string;
  updated_at: string;
}

export interface PaymentCreate {
  amount: number;
  method: string;
  description?: string | null;
  /** Epoch seconds. */
  payment_date?: number;
}

export interface StatementEntry {
  date: string;
  type: 'purchase' | 'payment';
  purchase_id: number;
  payment_id: number | null;
  description: string;
  amount: number;
  balance: number;
}

export interface Statement {
  message: string;
  client: Client;
  entries: StatementEntry[];
  total_owed: number;
}

export interface AgingBuckets {
  '0_30': number;
  '31_60': number;
  '61_90': number;
  over_90: number;
}

export interface Receivable {
  client_id: number;
  name: string;
  nickname: string | null;
  open_balance: number;
  open_purchases: number;
  oldest_open_purchase_at: string;
  days_oldest: number;
  buckets: AgingBuckets;
}

export interface Receivables {
  message: string;
  generated_at: string;
  clients: Receivable[];
  totals: { open_balance: number; buckets: AgingBuckets };
}

export type Situacao = 'ativos' | 'desativados' | 'todos' | 'devendo';

export interface ClientWithBalance extends Client {
  balance: number;
  open_purchases: number;
  oldest_open_purchase_at: string | null;
}

export interface ClientSearch {
  message: string;
  total: number;
  total_balance: number;
  clients: ClientWithBalance[];
}

export interface SettlementInput {
  amount: number;
  method: string;
  description?: string | null;
  /** Epoch seconds; never in the future. */
  payment_date?: number;
}

export interface Settlement {
  message: string;
  client_id: number;
  amount: number;
  balance_before: number;
  balance_after: number;
  allocations: {
    purchase_id: number;
    description: string;
    created_at: string;
    open_before: number;
    amount: number;
    open_after: number;
    payment: Payment | null;
  }[];
}

type Paging = { limit: number; offset: number };
type ClientReply = { message: string; client: Client };
type PurchaseReply = { message: string; purchase: Purchase };
type PaymentReply = { message: string; payment: Payment };

export const fiadosApi = {
  listClients: endpoint<{ message: string; clients: Client[] }, undefined, Paging & { is_active: boolean }>()('GET', '/clients/'),
  searchClients: endpoint<ClientSearch, undefined, Paging & { q?: string; situacao?: Situacao; sort?: string }>()('GET', '/clients/search'),
  createClient: endpoint<ClientReply, ClientInput>()('POST', '/clients/'),
  previewSettlement: endpoint<Settlement, SettlementInput>()('POST', '/clients/{client_id}/settlements/preview'),
  settle: endpoint<Settlement, SettlementInput>()('POST', '/clients/{client_id}/settlements'),
  getClient: endpoint<Client>()('GET', '/clients/{client_id}'),
  updateClient: endpoint<ClientReply, Partial<ClientInput> & { is_active?: Flag }>()('PUT', '/clients/{client_id}'),
  deactivateClient: endpoint<{ message: string; client: null }>()('DELETE', '/clients/{client_id}'),
  listClientPurchases: endpoint<{ message: string; purchases: Purchase[] }, undefined, { only_active: boolean }>()(
    'GET',
    '/clients/{client_id}/purchases',
  ),
  statement: endpoint<Statement>()('GET', '/clients/{client_id}/statement'),
  createPurchase: endpoint<PurchaseReply, PurchaseCreate>()('POST', '/purchases/{client_id}'),
  deactivatePurchase: endpoint<PurchaseReply>()('DELETE', '/purchases/{purchase_id}'),
  restorePurchase: endpoint<PurchaseReply>()('PUT', '/purchases/{purchase_id}/restore'),
  listPayments: endpoint<{ message: string; payments: Payment[] }, undefined, Paging>()('GET', '/purchases/{purchase_id}/payments/'),
  createPayment: endpoint<PaymentReply, PaymentCreate>()('POST', '/purchases/{purchase_id}/payments/'),
  deactivatePayment: endpoint<PaymentReply>()('DELETE', '/purchases/{purchase_id}/payments/{payment_id}'),
  restorePayment: endpoint<PaymentReply>()('PUT', '/purchases/{purchase_id}/payments/{payment_id}/restore'),
  receivables: endpoint<Receivables>()('GET', '/reports/receivables'),
};
