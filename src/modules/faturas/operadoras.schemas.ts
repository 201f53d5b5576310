import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
// `type: ['string', 'null']` and not anyOf: Ajv's coercion would turn a null into '' in anyOf's first branch.
const OptionalText = (maxLength: number, pattern?: string) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength, ...(pattern ? { pattern } : {}) });

// The original's ConfiguracaoRPA (faturas-original.md §1.4); other keys are kept as given, within bounds.
const ConfiguracaoRpa = Type.Union([
  Type.Object(
    {
      classe_rpa: Type.Optional(Type.String({ maxLength: 100 })),
      parametros_especiais: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 50 })),
      timeout_padrao: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
      tentativas_maximas: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    },
    { maxProperties: 50 },
  ),
  Type.Null(),
]);

export const Operadora = Type.Object({
  id: Id,
  nome: Type.String(),
  codigo: Type.String(),
  possui_rpa: Type.Boolean(),
  status_ativo: Type.Boolean(),
  url_portal: Type.Union([Type.String(), Type.Null()]),
  instrucoes_acesso: Type.Union([Type.String(), Type.Null()]),
  configuracao_rpa: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Operadora = Static<typeof Operadora>;

export const OperadoraCreate = Type.Object(
  {
    nome: Type.String({ minLength: 1, maxLength: 100 }),
    codigo: Type.String({ minLength: 1, maxLength: 20, pattern: '^\\s*[A-Za-z0-9_-]+\\s*$' }),
    possui_rpa: Type.Optional(Type.Boolean()),
    status_ativo: Type.Optional(Type.Boolean()),
    url_portal: Type.Optional(OptionalText(500, '^\\s*(https?://\\S+)?\\s*$')),
    instrucoes_acesso: Type.Optional(OptionalText(4000)),
    configuracao_rpa: Type.Optional(ConfiguracaoRpa),
  },
  { additionalProperties: false },
);
export type OperadoraCreate = Static<typeof OperadoraCreate>;

export const OperadoraUpdate = Type.Partial(OperadoraCreate, { additionalProperties: false });
export type OperadoraUpdate = Static<typeof OperadoraUpdate>;

export const OperadoraParams = Type.Object({ id: Id });

export const OperadoraQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  status_ativo: Type.Optional(Type.Boolean()),
  possui_rpa: Type.Optional(Type.Boolean()),
  ordering: Type.Optional(
    Type.Enum(['nome', '-nome', 'codigo', '-codigo', 'created_at', '-created_at']),
  ),
});
export type OperadoraQuery = Static<typeof OperadoraQuery>;

export const OperadoraPage = Type.Object({
  count: Type.Integer(),
  next: Type.Union([Type.String(), Type.Null()]),
  previous: Type.Union([Type.String(), Type.Null()]),
  results: Type.Array(Operadora),
});
