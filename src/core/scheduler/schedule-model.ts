import { Cron } from 'croner';
import { JobPayloadError, type JobRegistry } from '../jobs/job-registry.js';
import type { ScheduleRow } from './schedules.repository.js';

export type OverlapPolicy = 'skip' | 'allow';
export type CatchUpPolicy = 'run_once' | 'skip';

export interface ScheduleInput {
  name: string;
  /** Five fields, or six with seconds first (croner syntax). */
  cron: string;
  jobKind: string;
  payload?: Record<string, unknown>;
  /** IANA zone the cron is read in; defaults to the scheduler's (APP_TZ). */
  timezone?: string;
  active?: boolean;
  /** `skip`: a slot does not fire while the job of the previous one is unfinished. */
  overlap?: OverlapPolicy;
  /** Slots missed while no process was up: fire once on return, or skip them. */
  catchUp?: CatchUpPolicy;
}

export interface Schedule {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  jobKind: string;
  payload: Record<string, unknown>;
  active: boolean;
  overlap: OverlapPolicy;
  catchUp: CatchUpPolicy;
  lastRunAt: number | null;
  nextRunAt: number | null;
  lastJobId: string | null;
  createdAt: number;
  updatedAt: number;
}

export class InvalidScheduleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidScheduleError';
  }
}

export function toSchedule(row: ScheduleRow): Schedule {
  return {
    id: row.id,
    name: row.name,
    cron: row.cron,
    timezone: row.timezone,
    jobKind: row.job_kind,
    payload: JSON.parse(row.payload),
    active: row.active === 1,
    overlap: row.overlap,
    catchUp: row.catch_up,
    lastRunAt: row.last_run_at,
    nextRunAt: row.next_run_at,
    lastJobId: row.last_job_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function cronOf(pattern: string, timezone: string): Cron {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new InvalidScheduleError('timezone', `Fuso horário inválido: '${timezone}'`);
  }
  try {
    return new Cron(pattern, { timezone, paused: true });
  } catch (error) {
    throw new InvalidScheduleError('cron', `Expressão cron inválida: ${(error as Error).message}`);
  }
}

export function nextSlot(cron: Cron, after: number): number | null {
  return cron.nextRun(new Date(after))?.getTime() ?? null;
}

/** The input with defaults applied, or `InvalidScheduleError` naming the field at fault. */
export function validateSchedule(input: ScheduleInput, defaultTimeZone: string, registry: JobRegistry): Required<ScheduleInput> {
  const full: Required<ScheduleInput> = {
    name: input.name,
    cron: input.cron,
    jobKind: input.jobKind,
    payload: input.payload ?? {},
    timezone: input.timezone ?? defaultTimeZone,
    active: input.active ?? true,
    overlap: input.overlap ?? 'skip',
    catchUp: input.catchUp ?? 'run_once',
  };
  if (!full.name?.trim()) throw new InvalidScheduleError('name', 'Nome do agendamento é obrigatório');
  if (!['skip', 'allow'].includes(full.overlap)) throw new InvalidScheduleError('overlap', "overlap deve ser 'skip' ou 'allow'");
  if (!['run_once', 'skip'].includes(full.catchUp)) throw new InvalidScheduleError('catchUp', "catchUp deve ser 'run_once' ou 'skip'");
  cronOf(full.cron, full.timezone);
  const kind = registry.get(full.jobKind);
  if (!kind) throw new InvalidScheduleError('jobKind', `Tipo de job desconhecido: '${full.jobKind}'`);
  // A schedule's payload sits in plain text; a job that needs a secret must look it up itself.
  if (kind.secretFields.length > 0) {
    throw new InvalidScheduleError('jobKind', `O job '${kind.name}' tem campos secretos e não pode ser agendado`);
  }
  try {
    registry.validate(full.jobKind, full.payload);
  } catch (error) {
    if (error instanceof JobPayloadError) throw new InvalidScheduleError('payload', error.message);
    throw error;
  }
  return full;
}
