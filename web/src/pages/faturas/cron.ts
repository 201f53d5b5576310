import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import 'cronstrue/locales/pt_BR';

export interface CronPreview {
  /** The expression in words (pt-BR), or null when it is not valid. */
  words: string | null;
  next: Date[];
  error: string | null;
}

const FIELDS = /^\S+(\s+\S+){4}$/;

/** What a cron expression means and its next runs (in the browser's time zone), as it is typed. */
export function previewCron(expression: string, count = 5, from = new Date()): CronPreview {
  const value = expression.trim();
  if (!value) return { words: null, next: [], error: 'Informe a expressão cron.' };
  if (!FIELDS.test(value)) return { words: null, next: [], error: 'Use cinco campos: minuto hora dia mês dia-da-semana.' };
  try {
    const cron = new Cron(value, { paused: true });
    const next = cron.nextRuns(count, from);
    const words = cronstrue.toString(value, { locale: 'pt_BR', use24HourTimeFormat: true, verbose: false });
    return { words, next, error: next.length ? null : 'Essa expressão nunca executa.' };
  } catch {
    return { words: null, next: [], error: 'Expressão cron inválida.' };
  }
}

export const CRON_PRESETS = [
  { label: 'Todo dia 1º às 06:00', value: '0 6 1 * *' },
  { label: 'Dias úteis às 08:00', value: '0 8 * * 1-5' },
  { label: 'A cada hora', value: '0 * * * *' },
  { label: 'Domingo às 03:00', value: '0 3 * * 0' },
];
