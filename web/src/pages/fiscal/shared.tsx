import { Badge } from '@mantine/core';
import type { SessionUser } from '../../api/auth';
import { STATUS_LABELS } from '../../api/fiscal';

const STATUS_COLORS: Record<string, string> = {
  processando_autorizacao: 'blue',
  autorizado: 'green',
  erro_autorizacao: 'red',
  cancelado: 'gray',
  denegado: 'red',
  encerrado: 'teal',
  substituido: 'yellow',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light">
      {STATUS_LABELS[status] ?? status}
    </Badge>
  );
}

/** Emitting, cancelling, correcting and manifesting: ADMINISTRADOR or the permission `fiscal.emitir` (as the API checks). */
export const canEmit = (user: SessionUser) => user.perfil === 'ADMINISTRADOR' || user.permissions.includes('fiscal.emitir');

/** Counts characters as typed against the API's length rule, for the dialogs' hints. */
export function lengthHint(text: string, min: number, max: number): { description: string; ok: boolean } {
  const n = text.trim().length;
  const ok = n >= min && n <= max;
  return { description: `${n} de ${min}–${max} caracteres${ok ? '' : n < min ? ` (faltam ${min - n})` : ` (sobram ${n - max})`}`, ok };
}
