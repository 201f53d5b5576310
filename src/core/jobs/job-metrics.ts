import { Counter, Gauge, Histogram, register } from 'prom-client';
import type { JobCounts } from './job-events.repository.js';

export interface JobMetrics {
  /** A job of `kind` entered `status` in this process. */
  entered(kind: string, status: string): void;
  /** An attempt ended with `outcome` after `seconds`. */
  finished(kind: string, outcome: 'completed' | 'failed' | 'cancelled' | 'retry', seconds: number): void;
}

const STATUS_AFTER = { completed: 'COMPLETED', failed: 'FAILED', cancelled: 'CANCELLED', retry: 'PENDING' } as const;

// Depth is read from the database when Prometheus scrapes, from the queue started last here.
let depthSource: (() => Promise<JobCounts>) | undefined;

export function setDepthSource(source: (() => Promise<JobCounts>) | undefined): void {
  depthSource = source;
}

// The default registry is process-wide and rejects a second metric of the same name, while
// tests and the app may build several queues in one process: register once, reuse after.
function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export function jobMetrics(): JobMetrics {
  const transitions = once(
    'retaguarda_jobs_total',
    () => new Counter({ name: 'retaguarda_jobs_total', help: 'Jobs entering each status', labelNames: ['kind', 'status'] }),
  );
  const durations = once(
    'retaguarda_job_duration_seconds',
    () =>
      new Histogram({
        name: 'retaguarda_job_duration_seconds',
        help: 'Duration of job attempts, by how they ended',
        labelNames: ['kind', 'outcome'],
        buckets: [0.005, 0.05, 0.25, 1, 5, 15, 60, 300, 1800],
      }),
  );
  once(
    'retaguarda_jobs_queue_depth',
    () =>
      new Gauge({
        name: 'retaguarda_jobs_queue_depth',
        help: 'Unfinished jobs by kind and status',
        labelNames: ['kind', 'status'],
        async collect() {
          if (!depthSource) return;
          this.reset();
          for (const [kind, counts] of Object.entries(await depthSource())) {
            this.set({ kind, status: 'PENDING' }, counts.pending);
            this.set({ kind, status: 'RUNNING' }, counts.running);
          }
        },
      }),
  );
  return {
    entered: (kind, status) => transitions.inc({ kind, status }),
    finished: (kind, outcome, seconds) => {
      transitions.inc({ kind, status: STATUS_AFTER[outcome] });
      durations.observe({ kind, outcome }, seconds);
    },
  };
}
