import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { CoreTables } from '../../core/db/tables.js';
import type { CadastrosTables } from './cadastros.tables.js';

export const STATUS_PROCESSO = ['AGUARDANDO_DOWNLOAD', 'AGUARDANDO_APROVACAO', 'AGUARDANDO_ENVIO_SAT', 'UPLOAD_REALIZADO'] as const;
export type StatusProcesso = (typeof STATUS_PROCESSO)[number];

export const TIPO_EXECUCAO = ['DOWNLOAD_FATURA', 'UPLOAD_SAT', 'UPLOAD_MANUAL'] as const;
export type TipoExecucao = (typeof TIPO_EXECUCAO)[number];

export const STATUS_EXECUCAO = ['EXECUTANDO', 'CONCLUIDO', 'FALHOU', 'TENTANDO_NOVAMENTE', 'CANCELADO', 'TIMEOUT'] as const;
export type StatusExecucao = (typeof STATUS_EXECUCAO)[number];
/** An execução still waiting for its robot (a retry waits for its time first). */
export const UNFINISHED_EXECUCAO: readonly StatusExecucao[] = ['EXECUTANDO', 'TENTANDO_NOVAMENTE'];

/** Times are UTC epoch ms; `competencia` is `YYYYMM`; `data_vencimento` is `YYYY-MM-DD`; money in centavos. */
export interface ProcessosTable {
  id: string;
  cliente_id: string;
  /** The cliente's operadora when the processo was created: the carrier this invoice is from. */
  operadora_id: string;
  competencia: string;
  status_processo: StatusProcesso;
  valor_centavos: number | null;
  data_vencimento: string | null;
  linha_digitavel: string | null;
  fatura_key: string | null;
  fatura_filename: string | null;
  fatura_sha256: string | null;
  data_upload_manual: number | null;
  upload_manual: Generated<number>;
  criado_automaticamente: Generated<number>;
  aprovado_por_usuario_id: string | null;
  data_aprovacao: number | null;
  enviado_para_sat: Generated<number>;
  data_envio_sat: number | null;
  protocolo_sat: string | null;
  tentativas_download: Generated<number>;
  ultima_tentativa_download: number | null;
  tentativas_upload_sat: Generated<number>;
  ultima_tentativa_upload_sat: number | null;
  ultimo_erro: string | null;
  observacoes: string | null;
  created_at: number;
  updated_at: number;
}

export interface ExecucoesTable {
  id: string;
  processo_id: string;
  tipo_execucao: TipoExecucao;
  status_execucao: StatusExecucao;
  job_id: string | null;
  numero_tentativa: Generated<number>;
  /** JSON, never with a secret. */
  parametros_entrada: string;
  resultado_saida: string | null;
  detalhes_erro: string | null;
  mensagem_log: string | null;
  url_arquivo: string | null;
  /** A retry waiting for its time (TENTANDO_NOVAMENTE); null otherwise. */
  agendada_para: number | null;
  data_inicio: number;
  data_fim: number | null;
  executado_por_usuario_id: string | null;
  ip_origem: string | null;
  user_agent: string | null;
}

export interface HistoricoTable {
  id: Generated<number>;
  processo_id: string;
  at: number;
  usuario_id: string | null;
  acao: string;
  status_anterior: string | null;
  status_novo: string;
  motivo: string | null;
  ip_origem: string | null;
  user_agent: string | null;
}

export interface NotificacoesTable {
  id: Generated<number>;
  usuario_id: string;
  tipo: string;
  titulo: string;
  mensagem: string;
  processo_id: string | null;
  /** Same key, same user: one notification (a due-date warning is not repeated every hour). */
  chave: string;
  lida: number;
  created_at: number;
}

export interface AgendamentosTable {
  id: string;
  nome_agendamento: string;
  descricao: string | null;
  cron_expressao: string;
  tipo_agendamento: string;
  parametros_execucao: string;
  status_ativo: number;
  schedule_id: string;
  ultima_execucao: number | null;
  created_at: number;
  updated_at: number;
}

export interface AgendamentoRunsTable {
  id: Generated<number>;
  agendamento_id: string;
  job_id: string | null;
  status: 'EXECUTANDO' | 'SUCESSO' | 'FALHOU';
  resultado: string | null;
  erro: string | null;
  inicio: number;
  fim: number | null;
}

export type ProcessosTables = {
  faturas_processos: ProcessosTable;
  faturas_execucoes: ExecucoesTable;
  faturas_historico: HistoricoTable;
  faturas_notificacoes: NotificacoesTable;
  faturas_agendamentos: AgendamentosTable;
  faturas_agendamento_runs: AgendamentoRunsTable;
};

export type ProcessoRow = Selectable<ProcessosTable>;
export type ExecucaoRow = Selectable<ExecucoesTable>;
export type AgendamentoRow = Selectable<AgendamentosTable>;

/** Everything the faturas module reads: its own tables, the cadastros and core's users. */
export type FaturasTables = CoreTables & CadastrosTables & ProcessosTables;
export type FaturasDb = Kysely<FaturasTables>;
export type FaturasExecutor = FaturasDb | Transaction<FaturasTables>;
