import type { RpaDb } from './rpa.tables.js';

/**
 * Every process of a cluster hears every job event; the first to record a job's end is the one
 * that reacts to it. True when this call recorded it.
 */
export async function claimFinishedJob(db: RpaDb, jobId: string, status: string, now: number): Promise<boolean> {
  const result = await db
    .insertInto('rpa_finished_jobs')
    .values({ job_id: jobId, status, finished_at: now })
    .onConflict((oc) => oc.column('job_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Rows outlive their jobs (kept 24 h) by a margin, so a late duplicate event still finds its row. */
export async function forgetFinishedBefore(db: RpaDb, before: number): Promise<void> {
  await db.deleteFrom('rpa_finished_jobs').where('finished_at', '<', before).execute();
}
