import { Badge, Progress } from '@mantine/core';
import type { JobStatus } from '../../api/rpa';
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

export function JobProgress({ status, progress, size = 'lg' }: { status: JobStatus; progress: number; size?: string }) {
  return (
    <Progress
      value={progress}
      size={size}
      color={JOB_STATUS[status]?.color ?? 'gray'}
      animated={status === 'RUNNING'}
      aria-label="Progresso da execução"
    />
  );
}

const FEED: Record<FeedStatus, { label: string; color: string }> = {
  idle: { label: 'Desconectado', color: 'gray' },
  connecting: { label: 'Conectando…', color: 'gray' },
  open: { label: 'Ao vivo', color: 'green' },
  reconnecting: { label: 'Reconectando…', color: 'yellow' },
};

/** Says whether the page is receiving live updates. */
export function FeedBadge({ status }: { status: FeedStatus }) {
  return (
    <Badge variant="dot" color={FEED[status].color} role="status">
      {FEED[status].label}
    </Badge>
  );
}
