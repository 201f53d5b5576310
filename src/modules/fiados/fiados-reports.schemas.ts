import { Type, type Static } from 'typebox';
import { Client, Nullable } from './fiados.schemas.js';

const Buckets = Type.Object(
  {
    '0_30': Type.Number(),
    '31_60': Type.Number(),
    '61_90': Type.Number(),
    over_90: Type.Number(),
  },
  { description: 'Saldo em aberto por idade da compra, em dias desde a criação' },
);

const StatementEntry = Type.Object({
  date: Type.String({ description: 'Criação da compra ou data do pagamento, hora local' }),
  type: Type.Unsafe<'purchase' | 'payment'>({ type: 'string', enum: ['purchase', 'payment'] }),
  purchase_id: Type.Integer(),
  payment_id: Nullable(Type.Integer()),
  description: Type.String(),
  amount: Type.Number({ description: 'Sempre positivo; o tipo diz se soma (compra) ou abate (pagamento)' }),
  balance: Type.Number({ description: 'Saldo devedor acumulado após este lançamento' }),
});

export const Statement = Type.Object(
  {
    message: Type.String(),
    client: Client,
    entries: Type.Array(StatementEntry),
    total_owed: Type.Number({ description: 'Compras ativas menos pagamentos ativos' }),
  },
  {
    description: 'Compras ativas e pagamentos ativos do cliente em ordem de data, com saldo acumulado',
    examples: [
      {
        message: 'Extrato do cliente.',
        client: {
          id: 38,
          name: 'Maria Souza',
          nickname: 'maria',
          phone: '99999-1111',
          email: 'maria@email.com',
          is_active: 1,
          created_at: '2025-12-11T15:28:18',
          updated_at: '2025-12-11T15:28:18',
        },
        entries: [
          { date: '2025-12-12T09:19:00', type: 'purchase', purchase_id: 52, payment_id: null, description: 'Compra de produtos agrícolas', amount: 150.75, balance: 150.75 },
          { date: '2025-12-14T14:48:09', type: 'payment', purchase_id: 52, payment_id: 29, description: 'Pagamento adicional', amount: 60, balance: 90.75 },
        ],
        total_owed: 90.75,
      },
    ],
  },
);

const ReceivableClient = Type.Object({
  client_id: Type.Integer(),
  name: Type.String(),
  nickname: Nullable(Type.String()),
  open_balance: Type.Number(),
  open_purchases: Type.Integer(),
  oldest_open_purchase_at: Type.String({ description: 'Criação da compra em aberto mais antiga, hora local' }),
  days_oldest: Type.Integer({ description: 'Dias completos desde essa criação' }),
  buckets: Buckets,
});

export const Receivables = Type.Object(
  {
    message: Type.String(),
    generated_at: Type.String({ description: 'Hora local da geração; as idades contam a partir dela' }),
    clients: Type.Array(ReceivableClient),
    totals: Type.Object({ open_balance: Type.Number(), buckets: Buckets }),
  },
  {
    description: 'Contas a receber: clientes com compras ativas não quitadas, com o saldo envelhecido',
    examples: [
      {
        message: 'Contas a receber.',
        generated_at: '2026-01-20T06:06:40',
        clients: [
          {
            client_id: 36,
            name: 'João da Silva',
            nickname: 'joao',
            open_balance: 227.65,
            open_purchases: 2,
            oldest_open_purchase_at: '2025-11-30T12:07:45',
            days_oldest: 50,
            buckets: { '0_30': 76.9, '31_60': 150.75, '61_90': 0, over_90: 0 },
          },
        ],
        totals: { open_balance: 227.65, buckets: { '0_30': 76.9, '31_60': 150.75, '61_90': 0, over_90: 0 } },
      },
    ],
  },
);

export const ReceivablesQuery = Type.Object({
  sort: Type.Optional(
    Type.Enum(['amount', 'age'], { default: 'amount', description: 'amount: maior saldo primeiro; age: compra mais antiga primeiro' }),
  ),
});

export type StatementOut = Static<typeof Statement>;
export type ReceivablesOut = Static<typeof Receivables>;
export type ReceivablesSort = 'amount' | 'age';
