import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { EventBus } from '../../core/events/index.js';
import { notFound } from '../../core/http/errors.js';
import { openSse, readLastEventId, type SseEvent } from '../../core/http/sse.js';
import type { JobEvent, JobEventMap, JobRecord } from '../../core/jobs/index.js';
import { rpaOperadoraOfKind } from '../rpa/index.js';
import { execucoesOfJob } from './execucoes.repository.js';
import { acceptEmptyBody, type FaturasContext } from './faturas.context.js';
import type { Outcomes } from './processos.outcomes.js';
import { StatusExecucao } from './processos.schemas.js';

const Params = Type.Object({ job_id: Type.String({ format: 'uuid', maxLength: 36 }) });
const StatusBody = Type.Object(
  { status: Type.Optional(Type.String({ maxLength: 40 })), mensagem: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
const StatusReply = Type.Object({ success: Type.Boolean(), message: Type.String(), execucao_id: Type.String(), novo_status: StatusExecucao });
const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'];

const stamp = (at: number) => new Date(at).toISOString();

/** The original's event shapes (faturas-original.md §2.9.1), from one job event; progress is not shown. */
function toSse(event: JobEvent, operadora: string): SseEvent | undefined {
  const base = { job_id: event.job_id, operadora, timestamp: stamp(event.at) };
  if (event.type === 'log') {
    const level = String(event.data.level).toUpperCase();
    return { id: event.id, data: { type: 'log', level: level === 'WARNING' ? 'WARN' : level, message: String(event.data.message), ...base, service: 'rpa-api', logger: 'app.main' } };
  }
  if (event.type !== 'status' || !FINISHED.includes(String(event.data.status))) return undefined;
  return { id: event.id, data: finished(String(event.data.status), base) };
}

function finished(status: string, base: { job_id: string; operadora: string; timestamp: string }) {
  const done = status === 'COMPLETED';
  return { type: done ? 'job_completed' : 'job_failed', job_status: done ? 'COMPLETED' : 'FAILED', message: `Job ${base.job_id} concluído com status ${status}`, ...base };
}

/**
 * Seed 004 §11's live log stream, from the job event log instead of a proxy of the rpa API: the job's
 * events are replayed (after `Last-Event-ID` when given), then followed as they are written until it ends.
 */
export const logsTempoRealRoutes: FastifyPluginAsyncTypebox<{ ctx: FaturasContext; events: EventBus<JobEventMap>; outcomes: Outcomes }> = async (
  app,
  { ctx, events, outcomes },
) => {
  const tags = ['faturas'];
  acceptEmptyBody(app);

  async function rpaJob(jobId: string): Promise<JobRecord & { operadora: string }> {
    const job = await ctx.jobs.get(jobId);
    const operadora = job && rpaOperadoraOfKind(job.kind);
    if (!job || !operadora) throw notFound(`Job ${jobId} não encontrado`);
    return { ...job, operadora };
  }

  app.get(
    '/api/v2/logs-tempo-real/stream/:job_id',
    { config: { tokenInQuery: true }, schema: { tags, params: Params, summary: 'Logs do robô em tempo real (SSE; aceita ?token=)' } },
    async (request, reply) => {
      const job = await rpaJob(request.params.job_id);
      const stream = openSse(request, reply);
      stream.send({ data: { type: 'connection', message: `Conectado ao stream de logs para job ${job.id}`, timestamp: stamp(ctx.now()) } });
      let ended = false;
      const emit = (event: JobEvent) => {
        const sse = toSse(event, job.operadora);
        if (!sse || ended) return;
        stream.send(sse);
        if ((sse.data as { type: string }).type !== 'log') {
          ended = true;
          stream.close();
        }
      };
      // A live event only says "look again": the events are read from the log after the last one sent, so
      // none is lost or reordered when the bus (Redis) delivers them out of order.
      let lastId = Number(readLastEventId(request) ?? 0) || 0;
      const drain = async () => {
        for (let batch = [] as JobEvent[]; !ended && (batch.length === 0 || batch.length === 500); ) {
          batch = await ctx.jobs.eventsAfter(lastId, { jobId: job.id, limit: 500 });
          for (const event of batch) {
            lastId = event.id;
            emit(event);
          }
          if (batch.length === 0) break;
        }
      };
      let running = false;
      let again = false;
      const pump = async (): Promise<void> => {
        again = true;
        if (running) return;
        running = true;
        try {
          while (again && !ended) {
            again = false;
            await drain();
          }
          // A job whose end was not in its log (written before it was kept, or past its retention) still says how it ended.
          const current = ended ? undefined : await ctx.jobs.get(job.id);
          if (current && FINISHED.includes(current.status) && !ended) {
            await drain();
            if (!ended) {
              ended = true;
              stream.send({ data: finished(current.status, { job_id: job.id, operadora: job.operadora, timestamp: stamp(current.completedAt ?? ctx.now()) }) });
              stream.close();
            }
          }
        } finally {
          running = false;
        }
      };
      const unsubscribe = events.subscribe('job.event', (event) => {
        if (event.job_id === job.id) pump().catch((err: unknown) => request.log.warn({ err }, 'Falha ao ler os eventos do job'));
      });
      stream.onClose(() => {
        ended = true;
        unsubscribe();
      });
      await events.ready();
      await pump();
    },
  );

  app.post(
    '/api/v2/logs-tempo-real/atualizar-status/:job_id',
    { schema: { tags, params: Params, body: StatusBody, response: { 200: StatusReply }, summary: 'Reconfere o job e aplica o que ele diz (o corpo não é considerado)' } },
    async (request) => {
      const jobId = request.params.job_id.toLowerCase();
      if ((await execucoesOfJob(ctx.db, jobId)).length === 0) throw notFound(`Execução não encontrada para job_id: ${jobId}`);
      await outcomes.applyJob(jobId);
      const [execucao] = (await execucoesOfJob(ctx.db, jobId)).slice(-1);
      return { success: true, message: 'Status atualizado com sucesso', execucao_id: execucao.id, novo_status: execucao.status_execucao };
    },
  );
};
