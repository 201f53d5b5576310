import type { Kysely } from 'kysely';
import type { CoreTables } from '../../core/db/tables.js';

/** One row per finished RPA job whose end was acted upon (event published, processo notified). */
export interface RpaFinishedJobsTable {
  job_id: string;
  status: string;
  finished_at: number;
}

export type RpaTables = { rpa_finished_jobs: RpaFinishedJobsTable };
export type RpaDb = Kysely<CoreTables & RpaTables>;
