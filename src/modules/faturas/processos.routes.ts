import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest, notFound } from '../../core/http/errors.js';
import { pageLinks } from '../../core/http/pagination.js';
import { acceptEmptyBody, actorOf } from './faturas.context.js';
import { MAX_FATURA_BYTES } from './fatura-pdf.js';
import type { ProcessosService } from './processos.service.js';
import {
  Aprovar,
  CriarMensais,
  CriarMensaisReply,
  Historico,
  IdParams,
  JobStarted,
  Motivo,
  Processo,
  ProcessoCreate,
  ProcessoDetalhe,
  ProcessoPage,
  ProcessoQuery,
  ProcessoUpdate,
  Transition,
} from './processos.schemas.js';
import { ONLY_PDF, type createUploadService } from './processos.upload.js';

export interface ProcessosRoutesOptions {
  processos: ProcessosService;
  uploads: ReturnType<typeof createUploadService>;
}

const tags = ['faturas'];
const APROVADOR = { perfil: ['APROVADOR' as const] };
const ADMINISTRADOR = { perfil: ['ADMINISTRADOR' as const] };

/** The `fatura` part of a multipart body, whole in memory (≤ 20 MB), or a 4xx saying what is wrong. */
async function faturaPart(request: FastifyRequest): Promise<{ filename: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw new AppError(415, 'Envie a fatura como multipart/form-data no campo "fatura".');
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'fatura') return { filename: part.filename || 'fatura.pdf', bytes: await part.toBuffer() };
      if (part.type === 'file') await part.toBuffer();
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'Arquivo excede o tamanho máximo de 20 MB.');
    if (code?.startsWith('FST_')) throw badRequest('Corpo multipart inválido.');
    throw error;
  }
  throw badRequest(`Nenhum arquivo foi enviado no campo "fatura". ${ONLY_PDF}.`);
}

/** `/api/v1/faturas/processos/`: the monthly invoice process and its transitions. */
export const processosRoutes: FastifyPluginAsyncTypebox<ProcessosRoutesOptions> = async (app, { processos, uploads }) => {
  await app.register(multipart, { limits: { fileSize: MAX_FATURA_BYTES, files: 1, fields: 10, parts: 12, fieldSize: 1024 } });
  const base = '/api/v1/faturas/processos';
  acceptEmptyBody(app);

  app.get(`${base}/`, { schema: { tags, querystring: ProcessoQuery, response: { 200: ProcessoPage } } }, async (request) => {
    const { count, page, pageSize, results } = await processos.list(request.query);
    return { count, ...pageLinks(request, page, pageSize, count), results };
  });

  app.post(`${base}/`, { schema: { tags, body: ProcessoCreate, response: { 201: Processo } } }, async (request, reply) =>
    reply.status(201).send(await processos.create(request.body, actorOf(request))),
  );

  app.post(`${base}/criar-mensais`, { schema: { tags, body: CriarMensais, response: { 200: CriarMensaisReply } } }, async (request) =>
    processos.criarMensais(request.body.mes_ano, request.body.operadora_id, actorOf(request)),
  );

  app.get(`${base}/:id`, { schema: { tags, params: IdParams, response: { 200: ProcessoDetalhe } } }, async (request) => processos.detail(request.params.id));

  app.patch(`${base}/:id`, { schema: { tags, params: IdParams, body: ProcessoUpdate, response: { 200: Processo } } }, async (request) =>
    processos.update(request.params.id, request.body, actorOf(request)),
  );

  app.get(`${base}/:id/historico`, { schema: { tags, params: IdParams, response: { 200: Historico } } }, async (request) => processos.historico(request.params.id));

  app.get(`${base}/:id/fatura`, { schema: { tags, params: IdParams, summary: 'A fatura em PDF (inline)' } }, async (request, reply) => {
    if (!(await uploads.send(request.params.id, request, reply))) throw notFound('Fatura não disponível para visualização');
    return reply;
  });

  app.post(`${base}/:id/executar-download`, { schema: { tags, params: IdParams, response: { 200: JobStarted } } }, async (request) =>
    processos.executarDownload(request.params.id, actorOf(request)),
  );

  app.post(
    `${base}/:id/upload-fatura`,
    { schema: { tags, params: IdParams, consumes: ['multipart/form-data'], summary: 'Upload manual da fatura (campo "fatura", PDF até 20 MB)', response: { 200: Transition } } },
    async (request) => uploads.upload(request.params.id, await faturaPart(request), actorOf(request)),
  );

  app.post(`${base}/:id/aprovar`, { config: APROVADOR, schema: { tags, params: IdParams, body: Aprovar, response: { 200: Transition } } }, async (request) =>
    processos.aprovar(request.params.id, request.body, actorOf(request)),
  );

  app.post(`${base}/:id/rejeitar`, { config: APROVADOR, schema: { tags, params: IdParams, body: Motivo, response: { 200: Transition } } }, async (request) =>
    processos.rejeitar(request.params.id, request.body.motivo, actorOf(request)),
  );

  app.post(`${base}/:id/enviar-sat`, { schema: { tags, params: IdParams, response: { 200: JobStarted } } }, async (request) =>
    processos.enviarSat(request.params.id, actorOf(request)),
  );

  app.post(`${base}/:id/reabrir`, { config: ADMINISTRADOR, schema: { tags, params: IdParams, body: Motivo, response: { 200: Transition } } }, async (request) =>
    processos.reabrir(request.params.id, request.body.motivo, actorOf(request)),
  );
};
