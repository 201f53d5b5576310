import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Required = (maxLength: number) => Type.String({ minLength: 1, maxLength });
// `type: ['string', 'null']` and not anyOf: Ajv's coercion would turn a null into '' in anyOf's first branch.
const NullableInput = (options: { maxLength: number; description?: string }) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });
const Optional = (maxLength: number) => Type.Optional(NullableInput({ maxLength }));

export const OperadoraResumo = Type.Object({
  id: Id,
  nome: Type.String(),
  codigo: Type.String(),
  possui_rpa: Type.Boolean(),
  status_ativo: Type.Boolean(),
});

/** A cliente as the API shows it: the portal password never, only whether one is stored. */
export const Cliente = Type.Object({
  id: Id,
  hash_unico: Type.String(),
  razao_social: Type.String(),
  nome_sat: Type.String(),
  cnpj: Type.String({ description: '14 caracteres sem máscara (numérico ou alfanumérico)' }),
  operadora_id: Id,
  operadora: OperadoraResumo,
  filtro: Nullable(Type.String()),
  servico: Type.String(),
  dados_sat: Nullable(Type.String()),
  unidade: Type.String(),
  site_emissao: Nullable(Type.String()),
  login_portal: Nullable(Type.String()),
  possui_senha: Type.Boolean(),
  cpf: Nullable(Type.String({ description: '11 dígitos sem máscara' })),
  status_ativo: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Cliente = Static<typeof Cliente>;

export const ClienteCreate = Type.Object(
  {
    razao_social: Required(255),
    nome_sat: Required(255),
    cnpj: Type.String({ minLength: 1, maxLength: 32, description: 'Com ou sem máscara; dígitos verificadores conferidos' }),
    operadora_id: Id,
    filtro: Optional(255),
    servico: Required(255),
    dados_sat: Optional(2000),
    unidade: Required(100),
    site_emissao: Optional(500),
    login_portal: Optional(254),
    senha_portal: Type.Optional(
      NullableInput({ maxLength: 256, description: 'Somente escrita. Em branco mantém a senha guardada; null a apaga.' }),
    ),
    cpf: Optional(20),
    status_ativo: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ClienteCreate = Static<typeof ClienteCreate>;

export const ClienteUpdate = Type.Partial(ClienteCreate, { additionalProperties: false });
export type ClienteUpdate = Static<typeof ClienteUpdate>;

export const ClienteParams = Type.Object({ id: Id });

export const CLIENTE_ORDERING = [
  'razao_social', '-razao_social', 'nome_sat', '-nome_sat', 'cnpj', '-cnpj',
  'unidade', '-unidade', 'servico', '-servico', 'created_at', '-created_at', 'updated_at', '-updated_at',
] as const;

export const ClienteQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  q: Type.Optional(Type.String({ maxLength: 255, description: 'Razão social, nome SAT, CNPJ (com ou sem máscara) ou filtro' })),
  operadora_id: Type.Optional(Id),
  status_ativo: Type.Optional(Type.Boolean()),
  ordering: Type.Optional(Type.Enum(CLIENTE_ORDERING)),
});
export type ClienteQuery = Static<typeof ClienteQuery>;

export const ClientePage = Type.Object({
  count: Type.Integer(),
  next: Type.Union([Type.String(), Type.Null()]),
  previous: Type.Union([Type.String(), Type.Null()]),
  results: Type.Array(Cliente),
});
