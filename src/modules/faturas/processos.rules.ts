import { AppError, badRequest } from '../../core/http/errors.js';
import { formatLocalTime } from '../../core/time/index.js';

export const MES_ANO_INVALIDO = 'Formato de mês/ano inválido. Use MM/AAAA.';

/** `1/2025`, `01/2025` → `202501`; anything else is a 422 with the original's message. */
export function parseMesAno(value: string, field = 'mes_ano'): string {
  const match = /^\s*(\d{1,2})\/(\d{4})\s*$/.exec(value);
  const mes = match ? Number(match[1]) : 0;
  const ano = match ? Number(match[2]) : 0;
  if (!match || mes < 1 || mes > 12 || ano < 2000) {
    throw new AppError(422, MES_ANO_INVALIDO, { issues: [{ loc: ['body', field], msg: MES_ANO_INVALIDO, type: 'value_error' }] });
  }
  return `${ano}${String(mes).padStart(2, '0')}`;
}

/** `202501` → `01/2025`. */
export const toMesAno = (competencia: string): string => `${competencia.slice(4, 6)}/${competencia.slice(0, 4)}`;

/** The competência `now` falls in, as the calendar reads in `timeZone`; `back` months earlier when asked. */
export function competenciaOf(now: number, timeZone: string, back = 0): string {
  const local = formatLocalTime(now, timeZone);
  const months = Number(local.slice(0, 4)) * 12 + Number(local.slice(5, 7)) - 1 - back;
  return `${Math.floor(months / 12)}${String((months % 12) + 1).padStart(2, '0')}`;
}

/** The competência `count` months before (negative: after) `competencia`. */
export function shiftCompetencia(competencia: string, count: number): string {
  const months = Number(competencia.slice(0, 4)) * 12 + Number(competencia.slice(4, 6)) - 1 - count;
  return `${Math.floor(months / 12)}${String((months % 12) + 1).padStart(2, '0')}`;
}

/** Today's date (`YYYY-MM-DD`) in `timeZone`. */
export const localDate = (now: number, timeZone: string): string => formatLocalTime(now, timeZone).slice(0, 10);

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const at = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(at).toISOString().slice(0, 10);
}

/** A real calendar date in `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** `2026-01-15` → `15/01/2026` (SAT's format, seed 001 §5.2). */
export const toBrDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export const isoTimestamp = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

export const wrongStatus = (message: string) => badRequest(message);
