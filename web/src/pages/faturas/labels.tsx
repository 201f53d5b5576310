import { Badge, type BadgeProps } from '@mantine/core';
import type { Perfil } from '../../api/auth';
import type { StatusExecucao, StatusProcesso, TipoAgendamento, TipoExecucao } from '../../api/faturas';

interface Label {
  label: string;
  color: string;
}

/** One colour per status, the same on every page, badge and chart. */
export const STATUS_PROCESSO_LABEL: Record<StatusProcesso, Label & { short: string }> = {
  AGUARDANDO_DOWNLOAD: { label: 'Aguardando download', short: 'Download', color: 'blue' },
  AGUARDANDO_APROVACAO: { label: 'Aguardando aprovação', short: 'Aprovação', color: 'yellow' },
  AGUARDANDO_ENVIO_SAT: { label: 'Aguardando envio SAT', short: 'Envio SAT', color: 'cyan' },
  UPLOAD_REALIZADO: { label: 'Upload realizado', short: 'Concluído', color: 'green' },
};

export const STATUS_EXECUCAO_LABEL: Record<StatusExecucao, Label> = {
  EXECUTANDO: { label: 'Executando', color: 'blue' },
  CONCLUIDO: { label: 'Concluída', color: 'green' },
  FALHOU: { label: 'Falhou', color: 'red' },
  TENTANDO_NOVAMENTE: { label: 'Nova tentativa agendada', color: 'orange' },
  CANCELADO: { label: 'Cancelada', color: 'gray' },
  TIMEOUT: { label: 'Tempo esgotado', color: 'grape' },
};

export const TIPO_EXECUCAO_LABEL: Record<TipoExecucao, string> = {
  DOWNLOAD_FATURA: 'Download da fatura',
  UPLOAD_SAT: 'Envio ao SAT',
  UPLOAD_MANUAL: 'Upload manual',
};

export const TIPO_AGENDAMENTO_LABEL: Record<TipoAgendamento, string> = {
  CRIAR_PROCESSOS_MENSAIS: 'Criar processos do mês',
  EXECUTAR_DOWNLOADS: 'Executar downloads',
  ENVIAR_RELATORIOS: 'Enviar relatório do mês',
  LIMPEZA_LOGS: 'Limpeza de logs',
  BACKUP_DADOS: 'Backup dos dados',
};

/** Sentence case and never cut: a status must be read whole, in a narrow column or a phone card too. */
const BADGE = { tt: 'none', styles: { root: { flexShrink: 0 }, label: { overflow: 'visible' } } } as const;

export function StatusBadge({ status, ...props }: { status: StatusProcesso } & BadgeProps) {
  const { label, color } = STATUS_PROCESSO_LABEL[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={color} {...BADGE} {...props}>
      {label}
    </Badge>
  );
}

export function ExecucaoBadge({ status, ...props }: { status: StatusExecucao } & BadgeProps) {
  const { label, color } = STATUS_EXECUCAO_LABEL[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={color} {...BADGE} {...props}>
      {label}
    </Badge>
  );
}

export const isExecucaoRunning = (status: StatusExecucao) => status === 'EXECUTANDO';
export const canRetry = (status: StatusExecucao) => status === 'FALHOU' || status === 'TIMEOUT' || status === 'CANCELADO';

/** What each perfil may do in faturas (the API enforces the same). */
export const can = {
  approve: (perfil: Perfil) => perfil === 'APROVADOR' || perfil === 'ADMINISTRADOR',
  reopen: (perfil: Perfil) => perfil === 'ADMINISTRADOR',
  manage: (perfil: Perfil) => perfil === 'ADMINISTRADOR',
};

/** `2026-01-15` → `15/01/2026`. */
export const formatIsoDate = (value: string | null | undefined): string =>
  value && /^\d{4}-\d{2}-\d{2}/.test(value) ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : '—';

/** `MM/AAAA` of a date (this month by default). */
export const mesAnoOf = (date = new Date()): string => `${String(date.getMonth() + 1).padStart(2, '0')}/${date.getFullYear()}`;

/** `1/2026` and `01/2026` → `01/2026`; null unless it is a month. */
export function normalizeMesAno(value: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{4})\s*$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[1]) > 12) return null;
  return `${match[1].padStart(2, '0')}/${match[2]}`;
}

/** Today plus `days`, as `YYYY-MM-DD` in the browser's calendar. */
export function isoDay(days = 0, from = new Date()): string {
  const date = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
