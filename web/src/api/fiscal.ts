import { endpoint } from './endpoint';

export const DOC_TYPES = ['nfse', 'nfe', 'nfce', 'cte', 'mdfe'] as const;
export type DocType = (typeof DOC_TYPES)[number];

export const DOC_LABELS: Record<DocType, string> = { nfse: 'NFSe', nfe: 'NFe', nfce: 'NFCe', cte: 'CTe', mdfe: 'MDFe' };

export const STATUS_LABELS: Record<string, string> = {
  processando_autorizacao: 'Processando',
  autorizado: 'Autorizada',
  erro_autorizacao: 'Recusada',
  cancelado: 'Cancelada',
  denegado: 'Denegada',
  encerrado: 'Encerrada',
  substituido: 'Substituída',
};

export const MANIFESTOS = ['ciencia', 'confirmacao', 'desconhecimento', 'nao_realizada'] as const;
export type Manifesto = (typeof MANIFESTOS)[number];

export interface Nota {
  ref: string;
  tipo: DocType;
  status: string;
  cnpj_emitente: string | null;
  chave: string | null;
  numero: string | null;
  serie: string | null;
  caminho_xml: string | null;
  caminho_pdf: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotaLocal extends Nota {
  arquivos: string[];
  dados_focus: Record<string, unknown> | null;
}

export interface NotasPage {
  total: number;
  limit: number;
  offset: number;
  items: Nota[];
}

export interface Stats {
  total: number;
  por_status: Record<string, number>;
  por_tipo: Record<string, number>;
  webhooks_pendentes: number;
}

export interface Evento {
  evento: string;
  status: string | null;
  mensagem: string | null;
  created_at: string;
}

export interface Recebida {
  chave_nfe: string;
  nome_emitente?: string;
  documento_emitente?: string;
  valor_total?: string;
  data_emissao?: string;
  situacao?: string;
  manifestacao_destinatario: string | null;
}

type FocusAnswer = Record<string, unknown> & { status?: string };
type ListQuery = { status?: string; cnpj_prestador?: string; limit?: number; offset?: number };

/** Seed 000's local API (`src/modules/fiscal`). */
export const fiscalApi = {
  stats: endpoint<Stats>()('GET', '/dashboard/stats'),
  latest: endpoint<Nota[]>()('GET', '/dashboard/list'),
  timeline: endpoint<{ ref: string; status: string; eventos: Evento[] }>()('GET', '/dashboard/{ref}/timeline'),
  local: endpoint<NotaLocal>()('GET', '/local/{ref}'),
  pdf: endpoint<Blob>()('GET', '/local/{ref}/pdf', 'blob'),
  xml: endpoint<Blob>()('GET', '/local/{ref}/xml', 'blob'),
  list: {
    nfse: endpoint<NotasPage, undefined, ListQuery>()('GET', '/nfse/'),
    nfe: endpoint<NotasPage, undefined, ListQuery>()('GET', '/nfe/'),
    nfce: endpoint<NotasPage, undefined, ListQuery>()('GET', '/nfce/'),
    cte: endpoint<NotasPage, undefined, ListQuery>()('GET', '/cte/'),
    mdfe: endpoint<NotasPage, undefined, ListQuery>()('GET', '/mdfe/'),
  },
  emitNfse: endpoint<FocusAnswer, Record<string, unknown>, { ref: string }>()('POST', '/nfse/'),
  cancel: {
    nfse: endpoint<FocusAnswer, undefined, { justificativa: string }>()('DELETE', '/nfse/{ref}'),
    nfe: endpoint<FocusAnswer, undefined, { justificativa: string }>()('DELETE', '/nfe/{ref}'),
    nfce: endpoint<FocusAnswer, undefined, { justificativa: string }>()('DELETE', '/nfce/{ref}'),
    cte: endpoint<FocusAnswer, undefined, { justificativa: string }>()('DELETE', '/cte/{ref}'),
    mdfe: endpoint<FocusAnswer, undefined, { justificativa: string }>()('DELETE', '/mdfe/{ref}'),
  },
  cartaCorrecao: endpoint<FocusAnswer, undefined, { texto: string }>()('POST', '/nfe/{ref}/carta_correcao'),
  recebidas: endpoint<{ cnpj: string; total: number; limit: number; offset: number; items: Recebida[] }, undefined, { cnpj: string; limit?: number; offset?: number }>()(
    'GET',
    '/recebidos/nfe',
  ),
  manifestar: endpoint<FocusAnswer, { tipo: Manifesto; justificativa?: string }>()('POST', '/recebidos/nfe/{chave}/manifestar'),
};
