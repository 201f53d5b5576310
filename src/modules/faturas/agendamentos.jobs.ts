import { Type, type Static } from 'typebox';
import { defineJob, JobFailure, type JobContext } from '../../core/jobs/index.js';
import type { BlobStore } from '../../core/storage/index.js';

export const AGENDAMENTO_JOB = 'faturas.agendamento';
const Payload = Type.Object({ agendamento_id: Type.String({ format: 'uuid', maxLength: 36 }) });
type Payload = Static<typeof Payload>;

/** Runs an agendamento: records the run, does its tipo's work, records the outcome. */
export type AgendamentoRunner = (agendamentoId: string, jobId: string) => Promise<unknown>;

/**
 * Job kinds are declared before any module registers, so the runner of each service instance is found
 * through that instance's storage, the dependency every handler receives (as the rpa robots do).
 */
const runners = new WeakMap<BlobStore, AgendamentoRunner>();
export function bindAgendamentoRunner(storage: BlobStore, runner: AgendamentoRunner): void {
  runners.set(storage, runner);
}

export const faturasJobs = [
  defineJob<typeof Payload, { storage: BlobStore }>({
    name: AGENDAMENTO_JOB,
    schema: Payload,
    concurrency: 2,
    // A run that died with its process is not repeated blindly: a person sees FAILED and runs it again.
    maxAttempts: 1,
    async handler(ctx: JobContext<Payload> & { storage: BlobStore }) {
      const runner = runners.get(ctx.storage);
      if (!runner) throw new JobFailure('configuration', 'Módulo faturas não está habilitado neste processo');
      return runner(ctx.payload.agendamento_id, ctx.job.id);
    },
  }),
];
