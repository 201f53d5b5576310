import { Type, type Static, type TSchema } from 'typebox';

/**
 * Response-only nullable: OpenAPI 3.0's `nullable`, which also keeps fast-json-stringify on its fast
 * path (an anyOf would be validated value by value). Request bodies use a Union with Null instead.
 */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });
}

const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

// Ids are PostgreSQL `integer`: anything larger would be a database error, not a 404.
const MAX_ID = 2_147_483_647;
export const Id = (description: string) => Type.Integer({ minimum: 1, maximum: MAX_ID, description });
const LocalTime = Type.String({ description: 'Hora local (APP_TZ), sem fuso', examples: ['2025-12-03T17:20:14'] });
/** Reais as a JSON number; exactness (two decimals, positive) is checked when converted to centavos. */
export const Money = Type.Number({ description: 'Valor em reais: positivo, no máximo duas casas decimais', examples: [150.75] });
const UnixSeconds = Type.Integer({ minimum: 0, maximum: 253_402_300_799, description: 'Unix timestamp em segundos' });
const Active = Type.Integer({ minimum: 0, maximum: 1, description: '1 ativo, 0 desativado' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Code = Type.String({ minLength: 1, maxLength: 64 });

export const Page = {
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ID, description: 'Máximo de itens (ausente: todos)' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ID, default: 0 })),
};

// ---- clients

export const Client = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  nickname: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  is_active: Active,
  created_at: LocalTime,
  updated_at: LocalTime,
});

export const ClientCreate = Type.Object({
  name: Text(200),
  nickname: Type.Optional(OrNull(Type.String({ maxLength: 100 }))),
  phone: Type.Optional(OrNull(Type.String({ maxLength: 40 }))),
  email: Type.Optional(OrNull(Type.String({ maxLength: 254 }))),
});

export const ClientUpdate = Type.Object({
  ...Type.Partial(ClientCreate).properties,
  is_active: Type.Optional(
    Type.Union([Type.Literal(0), Type.Literal(1), Type.Boolean()], {
      description: '1 restaura um cliente desativado (sem restaurar compras); 0 desativa como o DELETE',
    }),
  ),
});

export const ClientParams = Type.Object({ client_id: Id('ID do cliente') });

export const ClientListQuery = Type.Object({
  ...Page,
  is_active: Type.Optional(Type.Boolean({ default: true, description: 'false: ativos e inativos' })),
});

export const ClientPurchasesQuery = Type.Object({
  ...Page,
  only_active: Type.Optional(Type.Boolean({ default: true, description: 'false: ativas e inativas' })),
});

export const ClientEnvelope = Type.Object({ message: Type.String(), client: Client });
export const ClientRemoved = Type.Object({ message: Type.String(), client: Type.Null() });
export const ClientList = Type.Object({ message: Type.String(), clients: Type.Array(Client) });

// ---- purchases

const Status = Type.Unsafe<'pending' | 'partial' | 'paid'>({
  type: 'string',
  enum: ['pending', 'partial', 'paid'],
  description: 'pending: nada pago; partial: pago em parte; paid: quitada',
});

export const Purchase = Type.Object({
  id: Type.Integer(),
  client_id: Type.Integer(),
  description: Type.String(),
  total_value: Type.Number(),
  total_paid_value: Type.Number({ description: 'Soma dos pagamentos ativos' }),
  status: Status,
  note_number: Nullable(Type.String()),
  is_active: Active,
  created_at: LocalTime,
  updated_at: LocalTime,
});

export const PurchaseCreate = Type.Object({
  description: Text(500),
  total_value: Money,
  note_number: Type.Optional(OrNull(Code)),
  amount: Type.Optional(OrNull(Money)),
  payment_date: Type.Optional(OrNull(UnixSeconds)),
  /** Beyond seed 003: the day the client took the goods (yesterday's notebook); absent, now. */
  purchase_date: Type.Optional(OrNull(Type.Integer({ ...UnixSeconds, description: 'Data da compra, Unix timestamp em segundos; ausente: agora; futura é recusada' }))),
  method: Type.Optional(OrNull(Text(50))),
  payment_description: Type.Optional(OrNull(Type.String({ maxLength: 500 }))),
  receipt_number: Type.Optional(OrNull(Code)),
});

export const PurchaseUpdate = Type.Object({
  description: Type.Optional(Text(500)),
  total_value: Type.Optional(Money),
  client_id: Type.Optional(Id('Transfere a compra para outro cliente ativo')),
  note_number: Type.Optional(OrNull(Code)),
});

// One name for the segment after /purchases/: the router cannot hold two names for the same position.
export const PurchaseParams = Type.Object({ id: Id('ID da compra') });
export const PurchaseClientParams = Type.Object({ id: Id('ID do cliente que faz a compra') });
export const NoteParams = Type.Object({ note_number: Code });

export const PurchaseListQuery = Type.Object({
  ...Page,
  only_pending: Type.Optional(
    Type.Boolean({ description: 'ausente: todas; false: ativas; true: ativas não quitadas' }),
  ),
});

export const PurchaseEnvelope = Type.Object({ message: Type.String(), purchase: Purchase });
export const PurchaseList = Type.Object({ message: Type.String(), purchases: Type.Array(Purchase) });

// ---- payments

export const Payment = Type.Object({
  id: Type.Integer(),
  purchase_id: Type.Integer(),
  amount: Type.Number(),
  payment_date: LocalTime,
  method: Type.String(),
  description: Nullable(Type.String()),
  receipt_number: Nullable(Type.String()),
  is_active: Active,
  created_at: LocalTime,
  updated_at: LocalTime,
});

export const PaymentCreate = Type.Object({
  amount: Money,
  method: Text(50),
  payment_date: Type.Optional(OrNull(UnixSeconds)),
  description: Type.Optional(OrNull(Type.String({ maxLength: 500 }))),
  receipt_number: Type.Optional(OrNull(Code)),
});

export const PaymentUpdate = Type.Object({
  amount: Type.Optional(Money),
  method: Type.Optional(Text(50)),
  payment_date: Type.Optional(UnixSeconds),
  description: Type.Optional(OrNull(Type.String({ maxLength: 500 }))),
});

export const PaymentsParams = Type.Object({
  purchase_id: Type.Integer({ minimum: 0, maximum: MAX_ID, description: 'ID da compra; 0 lista os pagamentos ativos de todas' }),
});
export const PaymentParams = Type.Object({ purchase_id: Id('ID da compra'), payment_id: Id('ID do pagamento') });
export const PaymentListQuery = Type.Object(Page);

export const PaymentEnvelope = Type.Object({ message: Type.String(), payment: Payment });
export const PaymentList = Type.Object({ message: Type.String(), payments: Type.Array(Payment) });

// ---- errors (FastAPI's shapes)

export const ErrorDetail = Type.Object({ detail: Type.String() });
export const ValidationDetail = Type.Object({
  detail: Type.Union([
    Type.String(),
    Type.Array(
      Type.Object({ loc: Type.Array(Type.Union([Type.String(), Type.Integer()])), msg: Type.String(), type: Type.String() }),
    ),
  ]),
});

export type ClientOut = Static<typeof Client>;
export type PurchaseOut = Static<typeof Purchase>;
export type PaymentOut = Static<typeof Payment>;
export type ClientCreateBody = Static<typeof ClientCreate>;
export type ClientUpdateBody = Static<typeof ClientUpdate>;
export type PurchaseCreateBody = Static<typeof PurchaseCreate>;
export type PurchaseUpdateBody = Static<typeof PurchaseUpdate>;
export type PaymentCreateBody = Static<typeof PaymentCreate>;
export type PaymentUpdateBody = Static<typeof PaymentUpdate>;
export type PageQuery = Static<typeof PaymentListQuery>;
