import { fromCentavos } from '../../core/money/index.js';
import type { ExecucaoJoined } from './execucoes.repository.js';
import type { ProcessoJoined } from './processos.repository.js';
import { isoTimestamp, toMesAno } from './processos.rules.js';

const FATURA_PATH = (id: string) => `/api/v1/faturas/processos/${id}/fatura`;

/** The one place a processo row becomes an API object. */
export function toProcesso(row: ProcessoJoined) {
  return {
    id: row.id,
    cliente_id: row.cliente_id,
    cliente: { id: row.cliente_id, razao_social: row.razao_social, nome_sat: row.nome_sat, cnpj: row.cnpj },
    operadora: { id: row.operadora_id, codigo: row.op_codigo, nome: row.op_nome },
    mes_ano: toMesAno(row.competencia),
    status_processo: row.status_processo,
    valor_fatura: row.valor_centavos === null ? null : fromCentavos(Number(row.valor_centavos)),
    data_vencimento: row.data_vencimento,
    linha_digitavel: row.linha_digitavel,
    fatura_filename: row.fatura_filename,
    fatura_url: row.fatura_key ? FATURA_PATH(row.id) : null,
    fatura_sha256: row.fatura_sha256,
    upload_manual: row.upload_manual === 1,
    data_upload_manual: isoTimestamp(row.data_upload_manual),
    criado_automaticamente: row.criado_automaticamente === 1,
    aprovado_por_usuario_id: row.aprovado_por_usuario_id,
    data_aprovacao: isoTimestamp(row.data_aprovacao),
    enviado_para_sat: row.enviado_para_sat === 1,
    data_envio_sat: isoTimestamp(row.data_envio_sat),
    protocolo_sat: row.protocolo_sat,
    tentativas_download: row.tentativas_download,
    ultima_tentativa_download: isoTimestamp(row.ultima_tentativa_download),
    tentativas_upload_sat: row.tentativas_upload_sat,
    ultima_tentativa_upload_sat: isoTimestamp(row.ultima_tentativa_upload_sat),
    ultimo_erro: row.ultimo_erro,
    observacoes: row.observacoes,
    created_at: isoTimestamp(row.created_at)!,
    updated_at: isoTimestamp(row.updated_at)!,
  };
}

const parsed = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

/** An execução as the API shows it: its parameters never held a password. */
export function toExecucao(row: ExecucaoJoined) {
  return {
    id: row.id,
    processo_id: row.processo_id,
    cliente_id: row.cliente_id,
    razao_social: row.razao_social,
    operadora: row.op_codigo,
    mes_ano: toMesAno(row.competencia),
    tipo_execucao: row.tipo_execucao,
    status_execucao: row.status_execucao,
    job_id: row.job_id,
    numero_tentativa: row.numero_tentativa,
    parametros_entrada: parsed(row.parametros_entrada),
    resultado_saida: parsed(row.resultado_saida),
    detalhes_erro: parsed(row.detalhes_erro),
    mensagem_log: row.mensagem_log,
    url_arquivo: row.url_arquivo,
    agendada_para: isoTimestamp(row.agendada_para),
    data_inicio: isoTimestamp(row.data_inicio)!,
    data_fim: isoTimestamp(row.data_fim),
    duracao_segundos: row.data_fim === null ? null : Math.round((row.data_fim - row.data_inicio) / 100) / 10,
    executado_por_usuario_id: row.executado_por_usuario_id,
    ip_origem: row.ip_origem,
    user_agent: row.user_agent,
  };
}
