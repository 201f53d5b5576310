import type { FastifyInstance } from 'fastify';
import { localTimeFormatter } from '../../core/time/index.js';
import type { JobQueue } from '../../core/jobs/index.js';
import { jobInputs, searchJobs } from './rpa-jobs-list.service.js';
import { JobInputs, JobsSearchQuery, JobsSearchResult } from './rpa-jobs-list.schemas.js';
import type { createRerun } from './rpa-jobs-rerun.js';
import { operadoraOfKind, SAT } from './rpa.jobs.js';
import { Detail, JobCreated, JobParams } from './rpa.schemas.js';
import type { RpaService } from './rpa.service.js';

export interface RpaJobsListOptions {
  service: RpaService;
  jobs: JobQueue;
  timeZone: string;
  rerun: ReturnType<typeof createRerun>;
}

/** Beyond seed 001: the console's job list (paged, counted, identifiable rows), a job's inputs, and re-run. */
export async function rpaJobsListRoutes(app: FastifyInstance, { service, jobs, timeZone, rerun }: RpaJobsListOptions): Promise<void> {
  const tags = ['rpa'];
  const format = localTimeFormatter(timeZone);
  const jobId = (params: unknown) => (params as { job_id: string }).job_id;

  app.get(
    '/jobs/search',
    {
      schema: {
        tags,
        summary: 'Lista os jobs por página, com conta, CNPJ, competência, duração e erro, e a contagem por status',
        querystring: JobsSearchQuery,
        response: { 200: JobsSearchResult, 422: Detail },
      },
    },
    async (request) => searchJobs(jobs, request.query as JobsSearchQuery, format),
  );

  app.get(
    '/jobs/:job_id/inputs',
    { schema: { tags, params: JobParams, summary: 'O que foi pedido ao robô (sem a senha)', response: { 200: JobInputs, 404: Detail } } },
    async (request) => {
      const job = await service.require(jobId(request.params));
      const operadora = operadoraOfKind(job.kind)!;
      return { job_id: job.id, operadora, tipo: operadora === SAT ? 'sat' : 'download', inputs: jobInputs(job) };
    },
  );

  app.post(
    '/jobs/:job_id/rerun',
    {
      schema: {
        tags,
        params: JobParams,
        summary: 'Reexecuta um job terminado com as mesmas entradas (a senha guardada, cifrada); cria um novo job',
        response: { 200: JobCreated, 404: Detail, 409: Detail, 422: Detail },
      },
    },
    async (request) => rerun(jobId(request.params)),
  );
}
