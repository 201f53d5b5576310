import { ConfigError } from '../../core/config/config.js';
import type { CoreContext } from '../../core/module.js';
import { createScheduler, InvalidScheduleError } from '../../core/scheduler/index.js';
import { reconcileJob } from './fiscal.jobs.js';

export const RECONCILE_SCHEDULE = 'fiscal.reconciliacao';
export const DEFAULT_RECONCILE_CRON = '*/5 * * * *';

/**
 * Keeps the reconciliation schedule row in step with FOCUS_NFE_RECONCILE_CRON. Core's scheduler
 * (running in every non-API process) fires it once per slot cluster-wide; this only writes the row.
 */
export async function ensureReconcileSchedule(core: CoreContext, cron: string): Promise<void> {
  const scheduler = createScheduler({ database: core.database, queue: core.jobs, timeZone: core.config.timeZone, logger: core.logger });
  const input = { name: RECONCILE_SCHEDULE, cron, jobKind: reconcileJob.name, payload: {}, overlap: 'skip' as const, catchUp: 'skip' as const };
  try {
    const existing = (await scheduler.list()).find((s) => s.name === RECONCILE_SCHEDULE);
    if (!existing) await scheduler.create(input);
    else if (existing.cron !== cron || !existing.active) await scheduler.update(existing.id, { ...input, active: true });
  } catch (error) {
    if (error instanceof InvalidScheduleError) throw new ConfigError(`FOCUS_NFE_RECONCILE_CRON: ${error.message}`);
    // Another process created it at the same moment: its row serves both.
    if ((await scheduler.list()).some((s) => s.name === RECONCILE_SCHEDULE)) return;
    throw error;
  }
}
