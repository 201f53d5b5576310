import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../../core/auth/guard.plugin.js';
import { notFound } from '../../core/http/errors.js';
import { sendBlob, type BlobStore } from '../../core/storage/index.js';
import {
  Detail,
  DownloadBody,
  FileResponse,
  HealthResponse,
  JobCreated,
  JobParams,
  JobsList,
  JobsQuery,
  JobStatusResponse,
  LevelledLogLine,
  OperadoraParams,
  SatBody,
  TokenResponse,
} from './rpa.schemas.js';
import { screenshotKey } from './rpa.jobs.js';
import type { RpaService } from './rpa.service.js';

export interface RpaRoutesOptions {
  service: RpaService;
  storage: BlobStore;
}

const tags = ['rpa'];
const errors = { 404: Detail, 422: Detail };

/** Seed 001 §4.2 plus the job routes the console and seed 004 use. Handlers validate, call, present. */
export async function rpaRoutes(app: FastifyInstance, { service, storage }: RpaRoutesOptions): Promise<void> {
  app.get(
    '/health',
    { config: { public: true }, schema: { tags, summary: 'Saúde da API e tamanho da fila', response: { 200: HealthResponse } } },
    async () => {
      const { pending, running } = await service.counts();
      return { status: 'healthy', message: 'API está funcionando', jobs_pending: pending, jobs_active: running };
    },
  );

  const executarSat = { tags, body: SatBody, response: { 200: JobCreated, ...errors } };
  app.post('/executar/sat', { schema: { ...executarSat, summary: 'Cria um job de envio ao SAT' } }, async (request) =>
    service.createSat(request.body as SatBody),
  );

  app.post(
    '/executar/sat/sync',
    { schema: { ...executarSat, summary: 'Envia ao SAT e responde quando terminar', response: { 200: JobStatusResponse, ...errors, 504: Detail } } },
    async (request) => {
      const { job_id } = await service.createSat(request.body as SatBody);
      await service.waitFinished(job_id);
      return service.status(job_id, { fresh: true });
    },
  );

  const executar = { tags, params: OperadoraParams, body: DownloadBody };
  app.post(
    '/executar/:operadora',
    { schema: { ...executar, summary: 'Cria um job de download de fatura', response: { 200: JobCreated, ...errors } } },
    async (request) => {
      const { operadora } = request.params as { operadora: string };
      return service.createDownload(operadora, request.body as DownloadBody);
    },
  );

  app.post(
    '/executar/:operadora/sync',
    { schema: { ...executar, summary: 'Baixa a fatura e responde quando terminar', response: { 200: JobStatusResponse, ...errors, 504: Detail } } },
    async (request) => {
      const { operadora } = request.params as { operadora: string };
      const { job_id } = await service.createDownload(operadora, request.body as DownloadBody);
      await service.waitFinished(job_id);
      return service.status(job_id, { fresh: true });
    },
  );

  const byId = { tags, params: JobParams };
  const jobId = (params: unknown) => (params as { job_id: string }).job_id;

  app.get('/status/:job_id', { schema: { ...byId, summary: 'Status de um job', response: { 200: JobStatusResponse, 404: Detail } } }, async (request) =>
    service.status(jobId(request.params)),
  );
  app.get('/jobs/:job_id', { schema: { ...byId, summary: 'Status de um job', response: { 200: JobStatusResponse, 404: Detail } } }, async (request) =>
    service.status(jobId(request.params)),
  );
  app.delete('/jobs/:job_id', { schema: { ...byId, summary: 'Cancela um job', response: { 200: JobStatusResponse, 404: Detail } } }, async (request) =>
    service.cancel(jobId(request.params)),
  );
  app.get(
    '/jobs/:job_id/logs',
    { schema: { ...byId, summary: 'Logs de um job', response: { 200: Type.Array(LevelledLogLine), 404: Detail } } },
    async (request) => service.logs(jobId(request.params)),
  );

  app.get(
    '/jobs/:job_id/result',
    { schema: { ...byId, summary: 'PDF baixado pelo job', response: { 200: FileResponse, 404: Detail } } },
    async (request, reply) => {
      const id = jobId(request.params);
      const job = await service.require(id);
      const key = job.status === 'COMPLETED' && typeof job.result === 'string' ? job.result : undefined;
      const sent = key && (await sendBlob(reply, storage, key, { request, filename: key.slice(key.lastIndexOf('/') + 1) }));
      if (!sent) throw notFound(`Job '${id}' não possui arquivo de resultado`);
      return reply;
    },
  );

  app.get(
    '/jobs/:job_id/artifacts/screenshot',
    { schema: { ...byId, summary: 'Captura de tela da falha', response: { 200: FileResponse, 404: Detail } } },
    async (request, reply) => {
      const id = jobId(request.params);
      await service.require(id);
      const sent = await sendBlob(reply, storage, screenshotKey(id), { request, filename: `falha_${id}.png`, inline: true });
      if (!sent) throw notFound(`Job '${id}' não possui captura de tela`);
      return reply;
    },
  );

  app.get('/jobs', { schema: { tags, querystring: JobsQuery, summary: 'Lista os jobs', response: { 200: JobsList, 422: Detail } } }, async (request) =>
    service.list(request.query as JobsQuery),
  );

  app.get('/auth/token', { schema: { tags, summary: 'Token atual', response: { 200: TokenResponse } } }, async (request) => {
    const principal = principalOf(request);
    const minutes = Math.max(0, Math.floor((principal.expiresAt - Date.now()) / 60_000));
    return { token: principal.token, expires_in: minutes, message: 'Token atual' };
  });
}
