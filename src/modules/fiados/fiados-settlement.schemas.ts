import { Type, type Static } from 'typebox';
import { Money, Nullable, Payment } from './fiados.schemas.js';

export const SettlementBody = Type.Object({
  amount: Money,
  method: Type.String({ minLength: 1, maxLength: 50, description: 'Forma de pagamento (dinheiro, pix, …)' }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  payment_date: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0, maximum: 253_402_300_799 }), Type.Null()], {
      description: 'Unix timestamp em segundos; ausente: agora. Uma data futura é recusada',
    }),
  ),
});
export type SettlementBody = Static<typeof SettlementBody>;

const Allocation = Type.Object({
  purchase_id: Type.Integer(),
  description: Type.String(),
  created_at: Type.String({ description: 'Criação da compra, hora local' }),
  open_before: Type.Number({ description: 'O que faltava pagar da compra' }),
  amount: Type.Number({ description: 'A parte do valor que quita esta compra' }),
  open_after: Type.Number(),
  payment: Nullable(Payment),
});

export const SettlementResult = Type.Object(
  {
    message: Type.String(),
    client_id: Type.Integer(),
    amount: Type.Number(),
    balance_before: Type.Number({ description: 'Saldo em aberto do cliente antes do pagamento' }),
    balance_after: Type.Number(),
    allocations: Type.Array(Allocation, { description: 'Compras em aberto, da mais antiga para a mais nova, até esgotar o valor' }),
  },
  { description: 'Na prévia, `payment` é null em cada parte: nada foi gravado' },
);
export type SettlementResult = Static<typeof SettlementResult>;
