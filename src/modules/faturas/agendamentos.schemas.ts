import { Type, type Static } from 'typebox';
import { Nullable } from './processos.schemas.js';

export const TIPOS_AGENDAMENTO = ['CRIAR_PROCESSOS_MENSAIS', 'EXECUTAR_DOWNLOADS', 'ENVIAR_RELATORIOS', 'LIMPEZA_LOGS', 'BACKUP_DADOS'] as const;
export type TipoAgendamento = (typeof TIPOS_AGENDAMENTO)[number];

const OperadoraId = Type.Optional(Nullable(Type.String({ format: 'uuid', maxLength: 36 })));
const Competencia = Type.Optional(Type.Enum(['atual', 'anterior'], { description: 'O mês corrente ou o anterior, no fuso APP_TZ' }));

/** Each tipo's `parametros_execucao`; unknown keys are refused, so a typo does not pass silently. */
export const PARAMETROS = {
  CRIAR_PROCESSOS_MENSAIS: Type.Object({ operadora_id: OperadoraId, competencia: Competencia }, { additionalProperties: false }),
  EXECUTAR_DOWNLOADS: Type.Object(
    { operadora_id: OperadoraId, limite_execucoes_simultaneas: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), apenas_processos_pendentes: Type.Optional(Type.Boolean()) },
    { additionalProperties: false },
  ),
  ENVIAR_RELATORIOS: Type.Object({ competencia: Competencia, operadora_id: OperadoraId }, { additionalProperties: false }),
  LIMPEZA_LOGS: Type.Object({ dias: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) }, { additionalProperties: false }),
  BACKUP_DADOS: Type.Object({ manter_ultimos_backups: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) }, { additionalProperties: false }),
} as const;
export type Parametros<T extends TipoAgendamento> = Static<(typeof PARAMETROS)[T]>;

export const Agendamento = Type.Object({
  id: Type.String(),
  nome_agendamento: Type.String(),
  descricao: Nullable(Type.String()),
  cron_expressao: Type.String(),
  tipo_agendamento: Type.Enum([...TIPOS_AGENDAMENTO]),
  parametros_execucao: Type.Record(Type.String(), Type.Unknown()),
  status_ativo: Type.Boolean(),
  proxima_execucao: Nullable(Type.String({ format: 'date-time' })),
  ultima_execucao: Nullable(Type.String({ format: 'date-time' })),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});
export type Agendamento = Static<typeof Agendamento>;

export const AgendamentoCreate = Type.Object(
  {
    nome_agendamento: Type.String({ minLength: 3, maxLength: 255 }),
    descricao: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    cron_expressao: Type.String({ minLength: 1, maxLength: 100, description: 'Cinco campos, no fuso APP_TZ: "0 6 1 * *"' }),
    tipo_agendamento: Type.Enum([...TIPOS_AGENDAMENTO]),
    parametros_execucao: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), Type.Unknown(), { maxProperties: 10 })),
    status_ativo: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AgendamentoCreate = Static<typeof AgendamentoCreate>;
export const AgendamentoUpdate = Type.Partial(AgendamentoCreate, { additionalProperties: false });
export type AgendamentoUpdate = Static<typeof AgendamentoUpdate>;

export const AgendamentoRun = Type.Object({
  id: Type.Integer(),
  job_id: Nullable(Type.String()),
  status: Type.String(),
  resultado: Nullable(Type.Record(Type.String(), Type.Unknown())),
  erro: Nullable(Type.String()),
  inicio: Type.String({ format: 'date-time' }),
  fim: Nullable(Type.String({ format: 'date-time' })),
});
