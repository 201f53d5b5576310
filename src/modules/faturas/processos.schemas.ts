import { Type, type Static, type TSchema } from 'typebox';
import { PROCESSO_ORDERINGS } from './processos.repository.js';
import { STATUS_EXECUCAO, STATUS_PROCESSO, TIPO_EXECUCAO } from './processos.tables.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const Timestamp = Type.String({ format: 'date-time' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: 'YYYY-MM-DD' });
const Money = Type.Number({ minimum: 0, maximum: 1_000_000_000, description: 'Reais, no máximo duas casas: 123.45' });

export const StatusProcesso = Type.Enum([...STATUS_PROCESSO]);
export const StatusExecucao = Type.Enum([...STATUS_EXECUCAO]);
export const TipoExecucao = Type.Enum([...TIPO_EXECUCAO]);
export const IdParams = Type.Object({ id: Uuid });

export const Processo = Type.Object({
  id: Type.String(),
  cliente_id: Type.String(),
  cliente: Type.Object({ id: Type.String(), razao_social: Type.String(), nome_sat: Type.String(), cnpj: Type.String() }),
  operadora: Type.Object({ id: Type.String(), codigo: Type.String(), nome: Type.String() }),
  mes_ano: Type.String({ description: 'MM/AAAA' }),
  status_processo: StatusProcesso,
  valor_fatura: Nullable(Type.Number()),
  data_vencimento: Nullable(Type.String()),
  linha_digitavel: Nullable(Type.String()),
  fatura_filename: Nullable(Type.String()),
  fatura_url: Nullable(Type.String()),
  fatura_sha256: Nullable(Type.String()),
  upload_manual: Type.Boolean(),
  data_upload_manual: Nullable(Timestamp),
  criado_automaticamente: Type.Boolean(),
  aprovado_por_usuario_id: Nullable(Type.String()),
  data_aprovacao: Nullable(Timestamp),
  enviado_para_sat: Type.Boolean(),
  data_envio_sat: Nullable(Timestamp),
  protocolo_sat: Nullable(Type.String()),
  tentativas_download: Type.Integer(),
  ultima_tentativa_download: Nullable(Timestamp),
  tentativas_upload_sat: Type.Integer(),
  ultima_tentativa_upload_sat: Nullable(Timestamp),
  ultimo_erro: Nullable(Type.String()),
  observacoes: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const Alertas = Type.Object({
  variacao_valor: Nullable(
    Type.Object({
      media_ultimos_meses: Type.Number(),
      meses_comparados: Type.Integer(),
      percentual: Type.Number({ description: 'Diferença em relação à média, em %' }),
      fora_da_faixa: Type.Boolean({ description: 'Mais de 10 % acima ou abaixo da média' }),
    }),
  ),
  fatura_duplicada: Type.Array(Type.Object({ processo_id: Type.String(), cliente_id: Type.String(), mes_ano: Type.String() })),
});

export const ProcessoDetalhe = Type.Object({ ...Processo.properties, alertas: Alertas });

const page = <T extends TSchema>(item: T) =>
  Type.Object({ count: Type.Integer(), next: Nullable(Type.String()), previous: Nullable(Type.String()), results: Type.Array(item) });

export const ProcessoPage = page(Processo);

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
};

export const ProcessoQuery = Type.Object(
  {
    ...PageQuery,
    status_processo: Type.Optional(StatusProcesso),
    mes_ano: Type.Optional(Type.String({ maxLength: 10 })),
    operadora_id: Type.Optional(Uuid),
    cliente_id: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    vencimento_de: Type.Optional(IsoDate),
    vencimento_ate: Type.Optional(IsoDate),
    ordering: Type.Optional(Type.Enum(PROCESSO_ORDERINGS)),
  },
  { additionalProperties: false },
);
export type ProcessoQuery = Static<typeof ProcessoQuery>;

export const ProcessoCreate = Type.Object(
  {
    cliente_id: Uuid,
    mes_ano: Type.String({ minLength: 1, maxLength: 10 }),
    valor_fatura: Type.Optional(Nullable(Money)),
    data_vencimento: Type.Optional(Nullable(IsoDate)),
    observacoes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type ProcessoCreate = Static<typeof ProcessoCreate>;

export const ProcessoUpdate = Type.Object(
  {
    valor_fatura: Type.Optional(Nullable(Money)),
    data_vencimento: Type.Optional(Nullable(IsoDate)),
    linha_digitavel: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    observacoes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type ProcessoUpdate = Static<typeof ProcessoUpdate>;

export const CriarMensais = Type.Object(
  { mes_ano: Type.String({ minLength: 1, maxLength: 10 }), operadora_id: Type.Optional(Nullable(Uuid)) },
  { additionalProperties: false },
);
export const CriarMensaisReply = Type.Object({ mes_ano: Type.String(), criados: Type.Integer(), ja_existiam: Type.Integer() });

export const Aprovar = Type.Object(
  {
    observacoes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    data_vencimento: Type.Optional(IsoDate),
    valor_fatura: Type.Optional(Money),
  },
  { additionalProperties: false },
);
export type Aprovar = Static<typeof Aprovar>;
export const Motivo = Type.Object({ motivo: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });

export const Transition = Type.Object({ message: Type.String(), status_anterior: StatusProcesso, status_novo: StatusProcesso, processo: Processo });
export const JobStarted = Type.Object({ message: Type.String(), job_id: Type.String(), status: Type.String(), execucao_id: Type.String() });

export const Historico = Type.Array(
  Type.Object({
    id: Type.Integer(),
    at: Timestamp,
    usuario: Nullable(Type.Object({ id: Type.String(), nome_completo: Nullable(Type.String()), email: Nullable(Type.String()) })),
    acao: Type.String(),
    status_anterior: Nullable(Type.String()),
    status_novo: Type.String(),
    motivo: Nullable(Type.String()),
    ip_origem: Nullable(Type.String()),
    user_agent: Nullable(Type.String()),
  }),
);
