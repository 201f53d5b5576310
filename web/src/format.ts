const money = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
const zoned = new Intl.DateTimeFormat('pt-BR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `R$ 1.234,56`. */
export function formatMoney(value: number): string {
  return money.format(value);
}

/** Money arrives as floats (150.75); sums are done in centavos so they never drift. */
export function toCents(value: number): number {
  return Math.round(value * 100);
}

/** A money field's value (`MoneyInput` gives a number, or '' when empty) as a number, or null. */
export function moneyValue(value: number | string): number | null {
  if (typeof value === 'number') return value;
  const parsed = value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/**
 * `dd/mm/aaaa HH:mm`. Seeds 001/003 send local times without a zone (`2025-12-01T16:19:06`): shown
 * as written. Times with a zone are shown in the browser's zone.
 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const naive = NAIVE.exec(value);
  if (naive) {
    const [, year, month, day, hour, minute] = naive;
    return `${day}/${month}/${year} ${hour}:${minute}`;
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const part = Object.fromEntries(zoned.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Now as the seeds write times (`2025-01-31T14:05:09`, local, no zone), for lines pushed without one. */
export function localTimestamp(now = new Date()): string {
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `${date}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

const BR_DATE_TIME = /^(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{2}):(\d{2}))?$/;

/** Reads `dd/mm/aaaa` or `dd/mm/aaaa HH:mm` (browser zone); null unless it names a real moment. */
export function parseBrDateTime(value: string): Date | null {
  const match = BR_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [day, month, year, hour, minute] = match.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(year, month - 1, day, hour, minute);
  const real =
    date.getFullYear() === year &&
    date.getMonth() === month - 1 &&
    date.getDate() === day &&
    date.getHours() === hour &&
    date.getMinutes() === minute;
  return real ? date : null;
}
