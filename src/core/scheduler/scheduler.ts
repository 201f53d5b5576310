import { randomUUID } from 'node:crypto';
import type { Database } from '../db/db.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { JobPayloadError } from '../jobs/job-registry.js';
import type { JobLogger } from '../jobs/job-runner.js';
import {
  advanceSlot,
  deleteSchedule,
  earliestDue,
  findSchedule,
  findScheduleByName,
  insertSchedule,
  isJobUnfinished,
  listDue,
  listSchedules,
  recordRun,
  updateSchedule,
  type ScheduleRow,
  type SchedulerDb,
  type SchedulerTables,
} from './schedules.repository.js';
import {
  cronOf,
  InvalidScheduleError,
  nextSlot,
  toSchedule,
  validateSchedule,
  type Schedule,
  type ScheduleInput,
} from './schedule-model.js';

export interface SchedulerOptions {
  database: Pick<Database, 'db'>;
  queue: JobQueue;
  /** Default zone of new schedules (config.timeZone). */
  timeZone: string;
  logger: JobLogger;
  clock?: () => number;
  /** Longest sleep between looks at the table, which other processes may change (default 15 s). */
  pollMs?: number;
  /** A slot found this late counts as missed, and the catch-up policy applies (default 60 s). */
  missedAfterMs?: number;
}

export interface Scheduler {
  create(input: ScheduleInput): Promise<Schedule>;
  update(id: string, patch: Partial<ScheduleInput>): Promise<Schedule | undefined>;
  remove(id: string): Promise<boolean>;
  get(id: string): Promise<Schedule | undefined>;
  list(): Promise<Schedule[]>;
  /** Fires every due slot; the timer calls it. Resolves to how many jobs were enqueued. */
  tick(): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function duplicateName(name: string): InvalidScheduleError {
  return new InvalidScheduleError('name', `Já existe um agendamento chamado '${name}'`);
}

/**
 * Cron schedules as rows. Any number of processes may run a scheduler on one database: each slot
 * fires once, because firing first moves the row's `next_run_at` with a compare-and-set, in the
 * same transaction as the enqueue, whose idempotency key `schedule:{id}:{slot}` backs it up.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { queue, logger } = options;
  const db = options.database.db.withTables<SchedulerTables>() as unknown as SchedulerDb;
  const now = options.clock ?? Date.now;
  const pollMs = options.pollMs ?? 15_000;
  const missedAfterMs = options.missedAfterMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let looping: Promise<void> | undefined;
  let stopped = true;

  async function fire(row: ScheduleRow, at: number): Promise<boolean> {
    // Another process may serve this kind's module; this one leaves the slot to it.
    if (!queue.registry.get(row.job_kind)) return false;
    const slot = row.next_run_at!;
    const next = nextSlot(cronOf(row.cron, row.timezone), at);
    return db.transaction().execute(async (trx) => {
      if (!(await advanceSlot(trx, row.id, slot, next, at))) return false;
      if (at - slot > missedAfterMs && row.catch_up === 'skip') return false;
      if (row.overlap === 'skip' && row.last_job_id && (await isJobUnfinished(trx, row.last_job_id))) return false;
      try {
        const idempotencyKey = `schedule:${row.id}:${slot}`;
        const job = await queue.enqueue(row.job_kind, JSON.parse(row.payload), { trx, idempotencyKey });
        await recordRun(trx, row.id, slot, job.id);
        return true;
      } catch (error) {
        // A payload the kind's schema no longer accepts: the slot is spent, said once, not retried forever.
        if (!(error instanceof JobPayloadError)) throw error;
        logger.error({ err: error, schedule: row.name }, 'Agendamento com payload inválido; horário ignorado');
        return false;
      }
    });
  }

  async function tick(): Promise<number> {
    const at = now();
    let fired = 0;
    for (const row of await listDue(db, at)) {
      try {
        if (await fire(row, at)) fired += 1;
      } catch (error) {
        logger.error({ err: error, schedule: row.name }, 'Falha ao disparar agendamento');
      }
    }
    return fired;
  }

  async function loop(): Promise<void> {
    try {
      await tick();
      const earliest = await earliestDue(db);
      if (stopped) return;
      const delay = earliest === undefined ? pollMs : Math.min(pollMs, Math.max(0, earliest - now()));
      timer = setTimeout(wake, delay);
      timer.unref();
    } catch (error) {
      logger.error({ err: error }, 'Falha no agendador');
      if (!stopped) timer = setTimeout(wake, pollMs).unref();
    }
  }

  function wake(): void {
    if (stopped || looping) return;
    clearTimeout(timer);
    looping = loop().finally(() => (looping = undefined));
  }

  /** Re-reads the table after a local change, so a new earliest slot is not slept through. */
  async function changed(): Promise<void> {
    await looping;
    wake();
  }

  return {
    async create(input) {
      const full = validateSchedule(input, options.timeZone, queue.registry);
      if (await findScheduleByName(db, full.name)) throw duplicateName(full.name);
      const at = now();
      const row: ScheduleRow = {
        id: randomUUID(), name: full.name, cron: full.cron, timezone: full.timezone, job_kind: full.jobKind,
        payload: JSON.stringify(full.payload), active: full.active ? 1 : 0, overlap: full.overlap, catch_up: full.catchUp,
        last_run_at: null, next_run_at: full.active ? nextSlot(cronOf(full.cron, full.timezone), at) : null,
        last_job_id: null, created_at: at, updated_at: at,
      };
      await insertSchedule(db, row);
      void changed();
      return toSchedule(row);
    },
    async update(id, patch) {
      const current = await findSchedule(db, id);
      if (!current) return undefined;
      const before = toSchedule(current);
      const full = validateSchedule({ ...before, ...patch }, options.timeZone, queue.registry);
      if (full.name !== before.name && (await findScheduleByName(db, full.name))) {
        throw duplicateName(full.name);
      }
      const at = now();
      // A new timing starts from now: slots of the old one are not owed.
      const retimed = full.cron !== before.cron || full.timezone !== before.timezone || full.active !== before.active;
      const row = await updateSchedule(db, id, {
        name: full.name, cron: full.cron, timezone: full.timezone, job_kind: full.jobKind, payload: JSON.stringify(full.payload),
        active: full.active ? 1 : 0, overlap: full.overlap, catch_up: full.catchUp, updated_at: at,
        ...(retimed ? { next_run_at: full.active ? nextSlot(cronOf(full.cron, full.timezone), at) : null } : {}),
      });
      void changed();
      return row && toSchedule(row);
    },
    remove: (id) => deleteSchedule(db, id),
    get: async (id) => {
      const row = await findSchedule(db, id);
      return row && toSchedule(row);
    },
    list: async () => (await listSchedules(db)).map(toSchedule),
    tick,
    async start() {
      stopped = false;
      wake();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await looping;
    },
  };
}
