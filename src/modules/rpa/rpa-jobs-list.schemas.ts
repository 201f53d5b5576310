import { Type, type Static } from 'typebox';
import { OPERADORAS } from './robots/index.js';

const Status = Type.Union([
  Type.Literal('PENDING'),
  Type.Literal('RUNNING'),
  Type.Literal('COMPLETED'),
  Type.Literal('FAILED'),
  Type.Literal('CANCELLED'),
]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const JobsSearchQuery = Type.Object({
  operadora: Type.Optional(Type.Union([...OPERADORAS, 'SAT'].map((o) => Type.Literal(o)))),
  status: Type.Optional(Status),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
export type JobsSearchQuery = Static<typeof JobsSearchQuery>;

/** A job as the console lists it: enough to tell one from another without opening it. */
export const JobRow = Type.Object({
  job_id: Type.String(),
  operadora: Type.String(),
  tipo: Type.Union([Type.Literal('download'), Type.Literal('sat')]),
  status: Status,
  progress: Type.Integer(),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  completed_at: Nullable(Type.String()),
  duration_seconds: Nullable(Type.Number({ description: 'Do início ao fim (ou até agora, se em execução)' })),
  filtro: Nullable(Type.String({ description: 'Conta/contrato (download) ou nome do filtro (SAT)' })),
  cnpj: Nullable(Type.String()),
  competencia: Nullable(Type.String({ description: 'AAAAMM (download)' })),
  error: Nullable(Type.String({ description: 'Primeira linha do erro de um job FAILED' })),
  result: Nullable(Type.String({ description: 'Arquivo baixado (download) ou protocolo (SAT) de um job COMPLETED' })),
  attempt: Type.Integer(),
});
export type JobRow = Static<typeof JobRow>;

const Counts = Type.Object({
  ALL: Type.Integer(),
  PENDING: Type.Integer(),
  RUNNING: Type.Integer(),
  COMPLETED: Type.Integer(),
  FAILED: Type.Integer(),
  CANCELLED: Type.Integer(),
});

export const JobsSearchResult = Type.Object({
  total: Type.Integer({ description: 'Jobs que atendem aos filtros (todas as páginas)' }),
  counts: Type.Object(Counts.properties, { description: 'Jobs por status com o filtro de operadora (para as abas)' }),
  jobs: Type.Array(JobRow),
});

export const JobInputs = Type.Object({
  job_id: Type.String(),
  operadora: Type.String(),
  tipo: Type.Union([Type.Literal('download'), Type.Literal('sat')]),
  inputs: Type.Record(Type.String(), Type.String(), { description: 'O que foi pedido ao robô; a senha nunca aparece' }),
});
