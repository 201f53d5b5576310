import { randomUUID } from 'node:crypto';
import { badRequest } from '../../core/http/errors.js';
import { sendBlob } from '../../core/storage/index.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, FaturasContext } from './faturas.context.js';
import { isPdf, readFatura } from './fatura-pdf.js';
import { insertExecucao } from './execucoes.repository.js';
import { faturaChanges, notifyAprovacao } from './processos.outcomes.js';
import { findProcesso } from './processos.repository.js';
import { processoNotFound, type ProcessosService } from './processos.service.js';

export const ONLY_PDF = 'Apenas arquivos PDF são permitidos';

/** The last segment of a storage key: letters, digits, dot, dash and underscore only. */
function safeName(filename: string): string {
  const base = filename.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return (base || 'fatura.pdf').slice(-120);
}

/** Manual upload (an operadora without a robot, or a person's override) and the stored invoice's download. */
export function createUploadService(ctx: FaturasContext, processos: ProcessosService) {
  async function upload(id: string, file: { filename: string; bytes: Buffer }, actor: Actor) {
    if (!isPdf(file.bytes)) throw badRequest(ONLY_PDF);
    if (!(await findProcesso(ctx.db, id))) throw processoNotFound();
    const data = await readFatura(file.bytes, ctx.logger);
    const filename = safeName(file.filename);
    const key = `faturas/manual/${id}/${ctx.now()}-${filename}`;
    await ctx.storage.put(key, file.bytes, 'application/pdf');
    try {
      const result = await processos.change(id, actor, async (row, trx, at) => {
        if (row.status_processo === 'UPLOAD_REALIZADO') throw badRequest('Processo já enviado ao SAT não aceita nova fatura; reabra-o antes');
        const execucaoId = randomUUID();
        await insertExecucao(trx, {
          id: execucaoId, processo_id: id, tipo_execucao: 'UPLOAD_MANUAL', status_execucao: 'CONCLUIDO', job_id: null,
          parametros_entrada: JSON.stringify({ arquivo: file.filename.slice(0, 255), tamanho: file.bytes.length, sha256: data.sha256 }),
          url_arquivo: key, data_inicio: at, data_fim: at, executado_por_usuario_id: actor.usuarioId, ip_origem: actor.ip, user_agent: actor.userAgent,
          mensagem_log: `Fatura enviada manualmente: ${filename}`,
        });
        await notifyAprovacao(trx, row, execucaoId, at);
        return {
          patch: {
            ...faturaChanges(row, key, file.filename, data),
            status_processo: 'AGUARDANDO_APROVACAO', upload_manual: 1, data_upload_manual: at, aprovado_por_usuario_id: null, data_aprovacao: null, ultimo_erro: null,
          },
          entry: { acao: 'UPLOAD_MANUAL', from: row.status_processo, to: 'AGUARDANDO_APROVACAO', motivo: filename },
        };
      });
      return { message: `Fatura "${filename}" enviada com sucesso! Processo aguardando aprovação.`, ...result };
    } catch (error) {
      await ctx.storage.delete(key);
      throw error;
    }
  }

  /** Streams the processo's invoice; false when it has none (the route answers 404). */
  async function send(id: string, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const row = await findProcesso(ctx.db, id);
    if (!row) throw processoNotFound();
    if (!row.fatura_key) return false;
    // sendBlob's reply is thenable: awaiting it here would wait for the response itself.
    const sent = await sendBlob(reply, ctx.storage, row.fatura_key, { request, filename: row.fatura_filename ?? 'fatura.pdf', inline: true });
    return sent !== null;
  }

  return { upload, send };
}
