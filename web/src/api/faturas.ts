import { session } from '../auth/session';
import { endpoint, type HttpMethod } from './endpoint';
import { networkError, readError } from './errors';

/** DRF pagination, as every `/api/v1` list answers. */
export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

type Paging = { page?: number; page_size?: number };

export const STATUS_PROCESSO = ['AGUARDANDO_DOWNLOAD', 'AGUARDANDO_APROVACAO', 'AGUARDANDO_ENVIO_SAT', 'UPLOAD_REALIZADO'] as const;
export type StatusProcesso = (typeof STATUS_PROCESSO)[number];

export const STATUS_EXECUCAO = ['EXECUTANDO', 'CONCLUIDO', 'FALHOU', 'TENTANDO_NOVAMENTE', 'CANCELADO', 'TIMEOUT'] as const;
export type StatusExecucao = (typeof STATUS_EXECUCAO)[number];

export const TIPO_EXECUCAO = ['DOWNLOAD_FATURA', 'UPLOAD_SAT', 'UPLOAD_MANUAL'] as const;
export type TipoExecucao = (typeof TIPO_EXECUCAO)[number];

export const TIPO_AGENDAMENTO = ['CRIAR_PROCESSOS_MENSAIS', 'EXECUTAR_DOWNLOADS', 'ENVIAR_RELATORIOS', 'LIMPEZA_LOGS', 'BACKUP_DADOS'] as const;
export type TipoAgendamento = (typeof TIPO_AGENDAMENTO)[number];

export interface Operadora {
  id: string;
  nome: string;
  codigo: string;
  possui_rpa: boolean;
  status_ativo: boolean;
  url_portal: string | null;
  instrucoes_acesso: string | null;
  configuracao_rpa: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

export interface OperadoraInput {
  nome: string;
  codigo: string;
  possui_rpa: boolean;
  status_ativo: boolean;
  url_portal: string | null;
  instrucoes_acesso: string | null;
}

export interface Cliente {
  id: string;
  hash_unico: string;
  razao_social: string;
  nome_sat: string;
  /** 14 characters, no mask (numeric or alphanumeric). */
  cnpj: string;
  operadora_id: string;
  operadora: Pick<Operadora, 'id' | 'nome' | 'codigo' | 'possui_rpa' | 'status_ativo'>;
  filtro: string | null;
  servico: string;
  dados_sat: string | null;
  unidade: string;
  site_emissao: string | null;
  login_portal: string | null;
  /** The password itself is write-only. */
  possui_senha: boolean;
  cpf: string | null;
  status_ativo: boolean;
  created_at: string;
  updated_at: string;
}

export interface ClienteInput {
  razao_social: string;
  nome_sat: string;
  cnpj: string;
  operadora_id: string;
  filtro: string | null;
  servico: string;
  dados_sat: string | null;
  unidade: string;
  site_emissao: string | null;
  login_portal: string | null;
  /** Absent or blank keeps the stored one. */
  senha_portal?: string;
  cpf: string | null;
  status_ativo: boolean;
}

export interface ImportReport {
  processados: number;
  criados: number;
  atualizados: number;
  erros: { linha: number; mensagem: string }[];
}

export interface Processo {
  id: string;
  cliente_id: string;
  cliente: { id: string; razao_social: string; nome_sat: string; cnpj: string };
  operadora: { id: string; codigo: string; nome: string };
  /** `MM/AAAA`. */
  mes_ano: string;
  status_processo: StatusProcesso;
  /** Reais (`123.45`). */
  valor_fatura: number | null;
  /** `YYYY-MM-DD`. */
  data_vencimento: string | null;
  linha_digitavel: string | null;
  fatura_filename: string | null;
  fatura_url: string | null;
  fatura_sha256: string | null;
  upload_manual: boolean;
  data_upload_manual: string | null;
  criado_automaticamente: boolean;
  aprovado_por_usuario_id: string | null;
  data_aprovacao: string | null;
  enviado_para_sat: boolean;
  data_envio_sat: string | null;
  protocolo_sat: string | null;
  tentativas_download: number;
  ultima_tentativa_download: string | null;
  tentativas_upload_sat: number;
  ultima_tentativa_upload_sat: string | null;
  ultimo_erro: string | null;
  observacoes: string | null;
  created_at: string;
  updated_at: string;
}

export interface Alertas {
  variacao_valor: { media_ultimos_meses: number; meses_comparados: number; percentual: number; fora_da_faixa: boolean } | null;
  fatura_duplicada: { processo_id: string; cliente_id: string; mes_ano: string }[];
}

export type ProcessoDetalhe = Processo & { alertas: Alertas };

export interface HistoricoEntry {
  id: number;
  at: string;
  usuario: { id: string; nome_completo: string | null; email: string | null } | null;
  acao: string;
  status_anterior: string | null;
  status_novo: string;
  motivo: string | null;
  ip_origem: string | null;
  user_agent: string | null;
}

export type ProcessoQuery = Paging & {
  status_processo?: string;
  mes_ano?: string;
  operadora_id?: string;
  cliente_id?: string;
  q?: string;
  vencimento_de?: string;
  vencimento_ate?: string;
  ordering?: string;
};

export interface Transition {
  message: string;
  status_anterior: StatusProcesso;
  status_novo: StatusProcesso;
  processo: Processo;
}

export interface JobStarted {
  message: string;
  job_id: string;
  status: string;
  execucao_id: string;
}

export interface Execucao {
  id: string;
  processo_id: string;
  cliente_id: string;
  razao_social: string;
  /** The operadora's código. */
  operadora: string;
  mes_ano: string;
  tipo_execucao: TipoExecucao;
  status_execucao: StatusExecucao;
  job_id: string | null;
  numero_tentativa: number;
  parametros_entrada: Record<string, unknown> | null;
  resultado_saida: Record<string, unknown> | null;
  detalhes_erro: Record<string, unknown> | null;
  mensagem_log: string | null;
  url_arquivo: string | null;
  agendada_para: string | null;
  data_inicio: string;
  data_fim: string | null;
  duracao_segundos: number | null;
  executado_por_usuario_id: string | null;
  ip_origem: string | null;
  user_agent: string | null;
}

export interface ExecucaoLog {
  timestamp: string;
  message: string;
  level?: string | null;
}

export type ExecucaoDetalhe = Execucao & { logs?: ExecucaoLog[] };

export type ExecucaoQuery = Paging & {
  status_execucao?: string;
  tipo_execucao?: string;
  processo_id?: string;
  operadora_id?: string;
  q?: string;
  /** `YYYY-MM-DD`, the service's calendar. */
  data_inicio?: string;
  data_fim?: string;
};

export interface Agendamento {
  id: string;
  nome_agendamento: string;
  descricao: string | null;
  cron_expressao: string;
  tipo_agendamento: TipoAgendamento;
  parametros_execucao: Record<string, unknown>;
  status_ativo: boolean;
  proxima_execucao: string | null;
  ultima_execucao: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgendamentoInput {
  nome_agendamento: string;
  descricao: string | null;
  cron_expressao: string;
  tipo_agendamento: TipoAgendamento;
  parametros_execucao: Record<string, unknown>;
  status_ativo: boolean;
}

export interface AgendamentoRun {
  id: number;
  job_id: string | null;
  status: string;
  resultado: Record<string, unknown> | null;
  erro: string | null;
  inicio: string;
  fim: string | null;
}

/** Counts keyed by status. */
export type StatusCounts = Partial<Record<StatusProcesso, number>>;

export interface Dashboard {
  mes_ano: string;
  total: number;
  valor_total: number;
  por_status: StatusCounts;
  por_operadora: { operadora_id: string; codigo: string; nome: string; total: number; por_status: StatusCounts }[];
  /** Not yet sent to SAT, by days left to the due date. */
  risco_vencimento: { vencidas: number; ate_3_dias: number; de_3_a_7_dias: number; acima_7_dias: number };
  aprovacoes_pendentes: number;
  taxa_sucesso_robos: { operadora: string; execucoes: number; concluidas: number; falhas: number; taxa_sucesso: number }[];
  falhas_ultimos_7_dias: {
    total: number;
    recentes: {
      execucao_id: string;
      processo_id: string;
      tipo_execucao: string;
      status_execucao: string;
      razao_social: string;
      operadora: string;
      mensagem: string | null;
      data_inicio: string;
    }[];
  };
}

export interface Notificacao {
  id: number;
  tipo: string;
  titulo: string;
  mensagem: string;
  processo_id: string | null;
  lida: boolean;
  created_at: string;
}

const V1 = '/api/v1/faturas';
// endpoint.ts's method union has no PATCH yet; fetch sends whatever method it is given.
const PATCH = 'PATCH' as HttpMethod;

export const faturasApi = {
  listOperadoras: endpoint<Page<Operadora>, undefined, Paging & { q?: string; status_ativo?: boolean; possui_rpa?: boolean; ordering?: string }>()(
    'GET',
    `${V1}/operadoras/`,
  ),
  createOperadora: endpoint<Operadora, OperadoraInput>()('POST', `${V1}/operadoras/`),
  updateOperadora: endpoint<Operadora, Partial<OperadoraInput>>()('PUT', `${V1}/operadoras/{id}`),
  deleteOperadora: endpoint<void>()('DELETE', `${V1}/operadoras/{id}`, 'empty'),

  listClientes: endpoint<Page<Cliente>, undefined, Paging & { q?: string; operadora_id?: string; status_ativo?: boolean; ordering?: string }>()(
    'GET',
    `${V1}/clientes/`,
  ),
  getCliente: endpoint<Cliente>()('GET', `${V1}/clientes/{id}`),
  createCliente: endpoint<Cliente, ClienteInput>()('POST', `${V1}/clientes/`),
  updateCliente: endpoint<Cliente, Partial<ClienteInput>>()('PUT', `${V1}/clientes/{id}`),
  deactivateCliente: endpoint<void>()('DELETE', `${V1}/clientes/{id}`, 'empty'),
  exportClientes: endpoint<Blob>()('GET', `${V1}/clientes/exportar.csv`, 'blob'),

  listProcessos: endpoint<Page<Processo>, undefined, ProcessoQuery>()('GET', `${V1}/processos/`),
  getProcesso: endpoint<ProcessoDetalhe>()('GET', `${V1}/processos/{id}`),
  historico: endpoint<HistoricoEntry[]>()('GET', `${V1}/processos/{id}/historico`),
  fatura: endpoint<Blob>()('GET', `${V1}/processos/{id}/fatura`, 'blob'),
  criarMensais: endpoint<{ mes_ano: string; criados: number; ja_existiam: number }, { mes_ano: string; operadora_id?: string | null }>()(
    'POST',
    `${V1}/processos/criar-mensais`,
  ),
  executarDownload: endpoint<JobStarted>()('POST', `${V1}/processos/{id}/executar-download`),
  aprovar: endpoint<Transition, { data_vencimento?: string; valor_fatura?: number; observacoes?: string | null }>()(
    'POST',
    `${V1}/processos/{id}/aprovar`,
  ),
  rejeitar: endpoint<Transition, { motivo: string }>()('POST', `${V1}/processos/{id}/rejeitar`),
  enviarSat: endpoint<JobStarted>()('POST', `${V1}/processos/{id}/enviar-sat`),
  reabrir: endpoint<Transition, { motivo: string }>()('POST', `${V1}/processos/{id}/reabrir`),

  listExecucoes: endpoint<Page<Execucao>, undefined, ExecucaoQuery>()('GET', `${V1}/execucoes/`),
  getExecucao: endpoint<ExecucaoDetalhe>()('GET', `${V1}/execucoes/{id}`),
  cancelarExecucao: endpoint<{ message: string; execucao: Execucao }, { motivo?: string }>()('POST', `${V1}/execucoes/{id}/cancelar`),
  tentarNovamente: endpoint<JobStarted>()('POST', `${V1}/execucoes/{id}/tentar-novamente`),

  listAgendamentos: endpoint<Agendamento[]>()('GET', `${V1}/agendamentos/`),
  createAgendamento: endpoint<Agendamento, AgendamentoInput>()('POST', `${V1}/agendamentos/`),
  updateAgendamento: endpoint<Agendamento, Partial<AgendamentoInput>>()(PATCH, `${V1}/agendamentos/{id}`),
  deleteAgendamento: endpoint<void>()('DELETE', `${V1}/agendamentos/{id}`, 'empty'),
  executarAgora: endpoint<{ message: string; job_id: string }>()('POST', `${V1}/agendamentos/{id}/executar-agora`),
  agendamentoRuns: endpoint<AgendamentoRun[]>()('GET', `${V1}/agendamentos/{id}/execucoes`),

  dashboard: endpoint<Dashboard, undefined, { mes_ano?: string }>()('GET', `${V1}/dashboard/`),

  listNotificacoes: endpoint<Page<Notificacao>, undefined, Paging & { lida?: boolean }>()('GET', `${V1}/notificacoes/`),
  markRead: endpoint<unknown>()('POST', `${V1}/notificacoes/{id}/marcar-lida`),
  markAllRead: endpoint<unknown>()('POST', `${V1}/notificacoes/marcar-todas-lidas`),
};

export const IMPORT_PATH = `${V1}/clientes/importar`;
export const uploadFaturaPath = (id: string) => `${V1}/processos/${encodeURIComponent(id)}/upload-fatura`;
export const liveLogPath = (jobId: string) => `/api/v2/logs-tempo-real/stream/${encodeURIComponent(jobId)}`;

/**
 * A multipart POST with the session's token (the JSON client sends only JSON): CSV imports and PDF
 * uploads. On a 401 the session is renewed once and the request repeated.
 */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const attempt = async () => {
    const token = session.accessToken();
    try {
      return await fetch(path, { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : {} });
    } catch {
      throw networkError();
    }
  };
  let response = await attempt();
  if (response.status === 401 && (await session.start())) response = await attempt();
  if (!response.ok) throw await readError(response);
  return (await response.json()) as T;
}
