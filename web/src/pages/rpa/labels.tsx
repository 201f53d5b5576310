import { Badge, Progress } from '@mantine/core';
import type { JobRow, JobStatus } from '../../api/rpa';
import type { FeedStatus } from '../../rpa/notifications';

export const JOB_STATUS: Record<JobStatus, { label: string; color: string }> = {
  PENDING: { label: 'Pendente', color: 'gray' },
  RUNNING: { label: 'Executando', color: 'blue' },
  COMPLETED: { label: 'Concluído', color: 'green' },
  FAILED: { label: 'Falhou', color: 'red' },
  CANCELLED: { label: 'Cancelado', color: 'orange' },
};

export const isRunning = (status: JobStatus) => status === 'PENDING' || status === 'RUNNING';

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const { label, color } = JOB_STATUS[status] ?? { label: status, color: 'gray' };
  return <Badge color={color}>{label}</Badge>;
}

/** The bar itself carries the progressbar role and its name (a name on the wrapper is not allowed). */
export function JobProgress({ status, progress, size = 'lg' }: { status: JobStatus; progress: number; size?: string }) {
  return (
    <Progress.Root size={size}>
      <Progress.Section value={progress} color={JOB_STATUS[status]?.color ?? 'gray'} animated={status === 'RUNNING'} aria-label="Progresso da execução" />
    </Progress.Root>
  );
}

/** "OI · download · 12345678" / "SAT · envio · OI FIXO": what tells one job from another. */
export const jobTitle = (job: Pick<JobRow, 'operadora' | 'tipo' | 'filtro'>) =>
  `${job.operadora}${job.tipo === 'download' ? ' · download' : ' · envio'}${job.filtro ? ` · ${job.filtro}` : ''}`;

/** `202610` → `10/2026`. */
export const competencia = (value: string | null | undefined) => (value && /^\d{6}$/.test(value) ? `${value.slice(4)}/${value.slice(0, 4)}` : '—');

/** `3.4` → `3,4 s`; `75` → `1 min 15 s`. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${seconds.toLocaleString('pt-BR', { maximumFractionDigits: 1 })} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

const FEED: Record<FeedStatus, { label: string; color: string }> = {
  idle: { label: 'Desconectado', color: 'gray' },
  connecting: { label: 'Conectando…', color: 'gray' },
  open: { label: 'Ao vivo', color: 'green' },
  reconnecting: { label: 'Reconectando…', color: 'yellow' },
};

/** Says whether the page is receiving live updates; `finished` replaces it once nothing more can change. */
export function FeedBadge({ status, finished = false }: { status: FeedStatus; finished?: boolean }) {
  if (finished) {
    return (
      <Badge variant="dot" color="gray" role="status">
        Finalizada
      </Badge>
    );
  }
  return (
    <Badge variant="dot" color={FEED[status].color} role="status">
      {FEED[status].label}
    </Badge>
  );
}
