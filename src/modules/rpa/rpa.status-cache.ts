import type { EventBus } from '../../core/events/index.js';
import type { JobEventMap } from '../../core/jobs/index.js';
import type { JobStatusResponse } from './rpa.schemas.js';

export interface StatusCache {
  /** The cached answer for the job, else `load()`'s, remembered unless the job changed meanwhile. */
  get(jobId: string, load: () => Promise<JobStatusResponse>): Promise<JobStatusResponse>;
  close(): void;
}

/**
 * `/status/{id}` is what seed 001's clients poll. Every change of a job is a job event, so a rendered
 * answer stays right until its job's next event; the event drops it. The short age limit covers
 * what events cannot: a job removed by retention, or an event lost by a Redis reconnection.
 */
export function createStatusCache(events: EventBus<JobEventMap>, maxAgeMs = 2000, maxEntries = 10_000): StatusCache {
  const entries = new Map<string, { at: number; value: JobStatusResponse }>();
  // When each job last changed, on a local clock: a read that started before a change must not be
  // remembered, even if the database answered it after the change's event arrived.
  const changedAt = new Map<string, number>();
  let clock = 0;
  let forgotAt = 0;
  const unsubscribe = events.subscribe('job.event', (event) => {
    entries.delete(event.job_id);
    if (changedAt.size >= maxEntries) {
      // Forgetting changes is only safe together with the answers they guard.
      changedAt.clear();
      entries.clear();
      forgotAt = clock;
    }
    changedAt.set(event.job_id, ++clock);
  });

  return {
    async get(jobId, load) {
      const now = Date.now();
      const hit = entries.get(jobId);
      if (hit && now - hit.at < maxAgeMs) return hit.value;
      const startedAt = clock;
      const value = await load();
      if (startedAt >= forgotAt && (changedAt.get(jobId) ?? 0) <= startedAt) {
        if (entries.size >= maxEntries) entries.clear();
        entries.set(jobId, { at: now, value });
      }
      return value;
    },
    close: unsubscribe,
  };
}
