import { Type, type Static } from 'typebox';
import { Client, Nullable } from './fiados.schemas.js';

export const SITUACOES = ['ativos', 'desativados', 'todos', 'devendo'] as const;
export const CLIENT_SORTS = ['name', '-name', 'balance', '-balance', 'created_at', '-created_at'] as const;

const Literals = <T extends readonly string[]>(values: T, description: string) =>
  Type.Union(values.map((value) => Type.Literal(value)), { description });

export const ClientSearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Parte do nome, apelido, telefone ou e-mail; sem diferença de acentos ou maiúsculas' })),
  situacao: Type.Optional(Literals(SITUACOES, 'ativos (padrão), desativados, todos, ou devendo: ativos com saldo em aberto')),
  sort: Type.Optional(Literals(CLIENT_SORTS, 'Campo de ordenação; `-` na frente inverte. Padrão: name')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, default: 0 })),
});
export type ClientSearchQuery = Static<typeof ClientSearchQuery>;

const ClientWithBalance = Type.Object({
  ...Client.properties,
  balance: Type.Number({ description: 'Saldo em aberto: compras ativas menos seus pagamentos ativos' }),
  open_purchases: Type.Integer({ description: 'Compras ativas não quitadas' }),
  oldest_open_purchase_at: Nullable(Type.String({ description: 'Criação da compra em aberto mais antiga, hora local' })),
});

export const ClientSearchResult = Type.Object(
  {
    message: Type.String(),
    total: Type.Integer({ description: 'Clientes que atendem aos filtros (todas as páginas)' }),
    total_balance: Type.Number({ description: 'Soma dos saldos desses clientes' }),
    clients: Type.Array(ClientWithBalance),
  },
  {
    examples: [
      {
        message: 'Clientes encontrados.',
        total: 1,
        total_balance: 90.75,
        clients: [
          {
            id: 38,
            name: 'João Souza',
            nickname: 'joao',
            phone: '99999-1111',
            email: null,
            is_active: 1,
            created_at: '2025-12-11T15:28:18',
            updated_at: '2025-12-11T15:28:18',
            balance: 90.75,
            open_purchases: 1,
            oldest_open_purchase_at: '2025-12-12T09:19:00',
          },
        ],
      },
    ],
  },
);
export type ClientSearchResult = Static<typeof ClientSearchResult>;
