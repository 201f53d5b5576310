import { Type, type Static } from 'typebox';
import { Nullable, PageQuery, StatusExecucao, TipoExecucao } from './processos.schemas.js';

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: 'YYYY-MM-DD, no fuso APP_TZ' });
const Json = Nullable(Type.Record(Type.String(), Type.Unknown()));

export const Execucao = Type.Object({
  id: Type.String(),
  processo_id: Type.String(),
  cliente_id: Type.String(),
  razao_social: Type.String(),
  operadora: Type.String(),
  mes_ano: Type.String(),
  tipo_execucao: TipoExecucao,
  status_execucao: StatusExecucao,
  job_id: Nullable(Type.String()),
  numero_tentativa: Type.Integer(),
  parametros_entrada: Json,
  resultado_saida: Json,
  detalhes_erro: Json,
  mensagem_log: Nullable(Type.String()),
  url_arquivo: Nullable(Type.String()),
  agendada_para: Nullable(Type.String({ format: 'date-time' })),
  data_inicio: Type.String({ format: 'date-time' }),
  data_fim: Nullable(Type.String({ format: 'date-time' })),
  duracao_segundos: Nullable(Type.Number()),
  executado_por_usuario_id: Nullable(Type.String()),
  ip_origem: Nullable(Type.String()),
  user_agent: Nullable(Type.String()),
});

export const ExecucaoDetalhe = Type.Object({
  ...Execucao.properties,
  logs: Type.Array(Type.Object({ timestamp: Type.String(), level: Type.String(), message: Type.String() })),
});

export const ExecucaoPage = Type.Object({
  count: Type.Integer(),
  next: Nullable(Type.String()),
  previous: Nullable(Type.String()),
  results: Type.Array(Execucao),
});

export const ExecucaoQuery = Type.Object(
  {
    ...PageQuery,
    status_execucao: Type.Optional(StatusExecucao),
    tipo_execucao: Type.Optional(TipoExecucao),
    processo_id: Type.Optional(Uuid),
    operadora_id: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'job_id, razão social, CNPJ' })),
    data_inicio: Type.Optional(IsoDate),
    data_fim: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type ExecucaoQuery = Static<typeof ExecucaoQuery>;

export const Cancelar = Type.Object({ motivo: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const Cancelado = Type.Object({ message: Type.String(), execucao: Execucao });
