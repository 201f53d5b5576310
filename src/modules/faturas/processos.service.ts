import type { Updateable } from 'kysely';
import { randomUUID } from 'node:crypto';
import { badRequest, conflict, notFound, unprocessable } from '../../core/http/errors.js';
import { MoneyError, toCentavos } from '../../core/money/index.js';
import type { Actor, FaturasContext } from './faturas.context.js';
import { insertExecucao, unfinishedOf } from './execucoes.repository.js';
import { history, type HistoryEntry } from './processos.outcomes.js';
import {
  countProcessos,
  processosGeneration,
  findProcesso,
  insertHistorico,
  insertProcessosIfAbsent,
  listHistorico,
  listProcessos,
  lockProcesso,
  previousValores,
  sameFatura,
  updateProcesso,
  type ProcessoFilter,
} from './processos.repository.js';
import { toProcesso } from './processos.presenters.js';
import { downloadRequest, enqueueRobot, satRequest, type RobotRequest } from './processos.robots.js';
import { isIsoDate, isoTimestamp, parseMesAno, toMesAno } from './processos.rules.js';
import type { Aprovar, ProcessoCreate, ProcessoQuery, ProcessoUpdate } from './processos.schemas.js';
import type { FaturasExecutor, ProcessoRow, ProcessosTable, StatusProcesso, TipoExecucao } from './processos.tables.js';

export const processoNotFound = () => notFound('Processo não encontrado.');

export function centavos(value: number, field: string): number {
  try {
    return toCentavos(value);
  } catch (error) {
    if (error instanceof MoneyError) throw unprocessable(error.message, [{ loc: ['body', field], msg: error.message, type: 'value_error' }]);
    throw error;
  }
}

function vencimento(value: string | null | undefined): string | null | undefined {
  if (value && !isIsoDate(value)) {
    throw unprocessable('Data de vencimento inválida.', [{ loc: ['body', 'data_vencimento'], msg: 'data inválida: use AAAA-MM-DD', type: 'value_error.date' }]);
  }
  return value;
}

/** What a change does to a locked processo; `null` entry: nothing for the history. */
export interface Change {
  patch: Updateable<ProcessosTable>;
  entry: HistoryEntry;
}

const VARIANCE_LIMIT = 0.1;
/**
 * How long a list's total may be reused. Counting is most of a page's cost over 100,000 processos; a
 * write in this process invalidates at once, one in another instance shows within this delay.
 */
const COUNT_CACHE_MS = 2_000;

export function createProcessosService(ctx: FaturasContext) {
  const { db } = ctx;

  async function presented(id: string) {
    const row = await findProcesso(db, id);
    if (!row) throw processoNotFound();
    return toProcesso(row);
  }

  /** Runs `decide` on the locked row and applies its change with a history entry, in one transaction. */
  async function change(id: string, actor: Actor, decide: (row: ProcessoRow, trx: FaturasExecutor, at: number) => Promise<Change> | Change) {
    const result = await db.transaction().execute(async (trx) => {
      const row = await lockProcesso(trx, id);
      if (!row) throw processoNotFound();
      const at = ctx.now();
      const { patch, entry } = await decide(row, trx, at);
      await updateProcesso(trx, id, { ...patch, updated_at: at });
      await insertHistorico(trx, [history(id, actor, entry, at)]);
      return entry;
    });
    return { status_anterior: result.from as StatusProcesso, status_novo: result.to, processo: await presented(id) };
  }

  /** Starts a robot for the processo inside `change`: its execução and job commit with the history entry. */
  async function startRobot(trx: FaturasExecutor, row: ProcessoRow, tipo: TipoExecucao, request: RobotRequest<unknown>, actor: Actor, at: number, tentativa = 1) {
    if (await unfinishedOf(trx, row.id, tipo)) {
      throw conflict(tipo === 'UPLOAD_SAT' ? 'Já existe um envio ao SAT em andamento para este processo.' : 'Já existe um download em andamento para este processo.');
    }
    const job = await enqueueRobot(ctx, trx, request);
    const execucaoId = randomUUID();
    await insertExecucao(trx, {
      id: execucaoId, processo_id: row.id, tipo_execucao: tipo, status_execucao: 'EXECUTANDO', job_id: job.id, numero_tentativa: tentativa,
      parametros_entrada: JSON.stringify(request.parameters), data_inicio: at, executado_por_usuario_id: actor.usuarioId,
      ip_origem: actor.ip, user_agent: actor.userAgent,
    });
    return { job, execucaoId };
  }

  async function robotFor(row: ProcessoRow) {
    const found = await ctx.cadastros.getClienteForRobot(row.cliente_id);
    if (!found) throw unprocessable('Cliente do processo não encontrado.');
    return found;
  }

  /** Download through the rpa robot; `tentativa` > 1 when an execução is retried by hand. */
  async function executarDownload(id: string, actor: Actor, tentativa = 1) {
    const current = await findProcesso(db, id);
    if (!current) throw processoNotFound();
    const found = await robotFor(current);
    let started!: Awaited<ReturnType<typeof startRobot>>;
    await change(id, actor, async (row, trx, at) => {
      if (row.status_processo !== 'AGUARDANDO_DOWNLOAD') throw badRequest('Processo não está aguardando download');
      started = await startRobot(trx, row, 'DOWNLOAD_FATURA', downloadRequest(found, row), actor, at, tentativa);
      return { patch: { ultima_tentativa_download: at }, entry: { acao: 'DOWNLOAD_INICIADO', from: row.status_processo, to: row.status_processo, motivo: `Job ${started.job.id}` } };
    });
    return { message: 'Download iniciado com sucesso', job_id: started.job.id, status: started.job.status, execucao_id: started.execucaoId };
  }

  async function enviarSat(id: string, actor: Actor, tentativa = 1) {
    const current = await findProcesso(db, id);
    if (!current) throw processoNotFound();
    const found = await robotFor(current);
    let started!: Awaited<ReturnType<typeof startRobot>>;
    await change(id, actor, async (row, trx, at) => {
      if (row.status_processo !== 'AGUARDANDO_ENVIO_SAT') throw badRequest('Processo não está aguardando envio para SAT');
      started = await startRobot(trx, row, 'UPLOAD_SAT', satRequest(found, row, ctx.satLogin), actor, at, tentativa);
      return { patch: { ultima_tentativa_upload_sat: at }, entry: { acao: 'ENVIO_SAT_INICIADO', from: row.status_processo, to: row.status_processo, motivo: `Job ${started.job.id}` } };
    });
    return { message: 'Upload para SAT iniciado com sucesso', job_id: started.job.id, status: started.job.status, execucao_id: started.execucaoId };
  }

  async function aprovar(id: string, body: Aprovar, actor: Actor) {
    const valor = body.valor_fatura === undefined ? undefined : centavos(body.valor_fatura, 'valor_fatura');
    vencimento(body.data_vencimento);
    const result = await change(id, actor, (row) => {
      if (row.status_processo !== 'AGUARDANDO_APROVACAO') throw badRequest('Processo não pode ser aprovado no status atual');
      if (!row.fatura_key) throw badRequest('Processo não possui fatura para aprovar');
      const dataVencimento = body.data_vencimento ?? row.data_vencimento;
      if (!dataVencimento) throw badRequest('Data de vencimento é obrigatória para aprovar o processo');
      return {
        patch: {
          status_processo: 'AGUARDANDO_ENVIO_SAT', aprovado_por_usuario_id: actor.usuarioId, data_aprovacao: ctx.now(), data_vencimento: dataVencimento,
          ...(valor === undefined ? {} : { valor_centavos: valor }), ...(body.observacoes ? { observacoes: body.observacoes } : {}),
        },
        entry: { acao: 'APROVADO', from: row.status_processo, to: 'AGUARDANDO_ENVIO_SAT', motivo: body.observacoes ?? null },
      };
    });
    return { message: 'Processo aprovado com sucesso', ...result };
  }

  async function rejeitar(id: string, motivo: string | undefined, actor: Actor) {
    if (!motivo?.trim()) throw badRequest('Motivo da rejeição é obrigatório');
    const result = await change(id, actor, (row) => {
      if (row.status_processo !== 'AGUARDANDO_APROVACAO') throw badRequest('Processo não pode ser rejeitado no status atual');
      // The rejected file stays in storage and in the history; the processo waits for a new one.
      return {
        patch: { status_processo: 'AGUARDANDO_DOWNLOAD', aprovado_por_usuario_id: null, data_aprovacao: null, fatura_key: null, fatura_filename: null, fatura_sha256: null, linha_digitavel: null, observacoes: motivo.trim() },
        entry: { acao: 'REJEITADO', from: row.status_processo, to: 'AGUARDANDO_DOWNLOAD', motivo: motivo.trim() },
      };
    });
    return { message: 'Processo rejeitado. Voltou para aguardando download.', ...result };
  }

  async function reabrir(id: string, motivo: string | undefined, actor: Actor) {
    if (!motivo?.trim()) throw badRequest('Motivo da reabertura é obrigatório');
    const result = await change(id, actor, (row) => {
      if (row.status_processo !== 'UPLOAD_REALIZADO') throw badRequest('Processo não pode ser reaberto no status atual');
      return {
        patch: { status_processo: 'AGUARDANDO_APROVACAO', enviado_para_sat: 0, data_envio_sat: null, aprovado_por_usuario_id: null, data_aprovacao: null },
        entry: { acao: 'REABERTO', from: row.status_processo, to: 'AGUARDANDO_APROVACAO', motivo: motivo.trim() },
      };
    });
    return { message: 'Processo reaberto. Aguardando aprovação.', ...result };
  }

  async function update(id: string, body: ProcessoUpdate, actor: Actor) {
    const patch: Updateable<ProcessosTable> = {};
    if (body.valor_fatura !== undefined) patch.valor_centavos = body.valor_fatura === null ? null : centavos(body.valor_fatura, 'valor_fatura');
    if (body.data_vencimento !== undefined) patch.data_vencimento = vencimento(body.data_vencimento);
    if (body.linha_digitavel !== undefined) patch.linha_digitavel = body.linha_digitavel?.replace(/\D/g, '') || null;
    if (body.observacoes !== undefined) patch.observacoes = body.observacoes;
    const result = await change(id, actor, (row) => {
      if (row.status_processo === 'AGUARDANDO_ENVIO_SAT' || row.status_processo === 'UPLOAD_REALIZADO') {
        throw badRequest('Processo aprovado não pode ser alterado; rejeite ou reabra-o antes');
      }
      return { patch, entry: { acao: 'EDITADO', from: row.status_processo, to: row.status_processo, motivo: Object.keys(body).join(', ') } };
    });
    return result.processo;
  }

  async function create(body: ProcessoCreate, actor: Actor) {
    const competencia = parseMesAno(body.mes_ano);
    const found = await ctx.cadastros.getClienteForRobot(body.cliente_id);
    if (!found) throw unprocessable('Cliente não encontrado.', [{ loc: ['body', 'cliente_id'], msg: 'cliente não encontrado', type: 'value_error' }]);
    const id = randomUUID();
    const at = ctx.now();
    const inserted = await db.transaction().execute(async (trx) => {
      const ids = await insertProcessosIfAbsent(trx, [
        {
          id, cliente_id: body.cliente_id, operadora_id: found.cliente.operadora_id, competencia, status_processo: 'AGUARDANDO_DOWNLOAD',
          valor_centavos: body.valor_fatura == null ? null : centavos(body.valor_fatura, 'valor_fatura'),
          data_vencimento: vencimento(body.data_vencimento) ?? null, observacoes: body.observacoes ?? null, created_at: at, updated_at: at,
        },
      ]);
      if (ids.length === 0) return false;
      await insertHistorico(trx, [history(id, actor, { acao: 'CRIADO', from: null, to: 'AGUARDANDO_DOWNLOAD' }, at)]);
      return true;
    });
    if (!inserted) throw conflict('Já existe um processo para este cliente no mês/ano informado.');
    return presented(id);
  }

  /** One AGUARDANDO_DOWNLOAD processo per active cliente; the unique index makes a concurrent run skip, not fail. */
  async function criarMensais(mesAno: string, operadoraId: string | null | undefined, actor: Actor) {
    const competencia = parseMesAno(mesAno);
    const clientes = await ctx.cadastros.listActiveClientes(operadoraId ? { operadoraId } : {});
    const at = ctx.now();
    const rows = clientes.map((cliente) => ({
      id: randomUUID(), cliente_id: cliente.id, operadora_id: cliente.operadora_id, competencia, status_processo: 'AGUARDANDO_DOWNLOAD' as const, criado_automaticamente: 1, created_at: at, updated_at: at,
    }));
    const criados = await db.transaction().execute(async (trx) => {
      const ids = await insertProcessosIfAbsent(trx, rows);
      await insertHistorico(trx, ids.map((pid) => history(pid, actor, { acao: 'CRIADO', from: null, to: 'AGUARDANDO_DOWNLOAD', motivo: 'Criação mensal' }, at)));
      return ids.length;
    });
    return { mes_ano: toMesAno(competencia), criados, ja_existiam: rows.length - criados };
  }

  const counts = new Map<string, { at: number; generation: number; value: Promise<number> }>();
  function cachedCount(filter: ProcessoFilter): Promise<number> {
    const key = JSON.stringify(filter);
    const at = ctx.now();
    const hit = counts.get(key);
    if (hit && hit.generation === processosGeneration() && at - hit.at < COUNT_CACHE_MS) return hit.value;
    if (counts.size > 1000) counts.clear();
    const value = countProcessos(db, filter);
    counts.set(key, { at, generation: processosGeneration(), value });
    value.catch(() => counts.delete(key));
    return value;
  }

  async function list(query: ProcessoQuery) {
    const filter: ProcessoFilter = {
      status_processo: query.status_processo, operadora_id: query.operadora_id, cliente_id: query.cliente_id, q: query.q,
      vencimento_de: query.vencimento_de, vencimento_ate: query.vencimento_ate,
      ...(query.mes_ano ? { competencia: parseMesAno(query.mes_ano) } : {}),
    };
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 20;
    const [count, rows] = await Promise.all([
      cachedCount(filter),
      listProcessos(db, filter, query.ordering ?? '-created_at', pageSize, (page - 1) * pageSize),
    ]);
    return { count, page, pageSize, results: rows.map(toProcesso) };
  }

  /** The processo with what an approver must see first: an amount off its recent months, an invoice seen before. */
  async function detail(id: string) {
    const row = await findProcesso(db, id);
    if (!row) throw processoNotFound();
    const [previous, duplicates] = await Promise.all([
      row.valor_centavos === null ? [] : previousValores(db, row.cliente_id, row.competencia, 3),
      row.fatura_sha256 ? sameFatura(db, row.fatura_sha256, row.id) : [],
    ]);
    let variacao = null;
    if (row.valor_centavos !== null && previous.length > 0) {
      const media = previous.reduce((sum, p) => sum + Number(p.valor_centavos), 0) / previous.length;
      const percentual = media === 0 ? 0 : ((Number(row.valor_centavos) - media) / media) * 100;
      variacao = {
        media_ultimos_meses: Math.round(media) / 100,
        meses_comparados: previous.length,
        percentual: Math.round(percentual * 10) / 10,
        fora_da_faixa: Math.abs(percentual) > VARIANCE_LIMIT * 100,
      };
    }
    return {
      ...toProcesso(row),
      alertas: {
        variacao_valor: variacao,
        fatura_duplicada: duplicates.map((d) => ({ processo_id: d.id, cliente_id: d.cliente_id, mes_ano: toMesAno(d.competencia) })),
      },
    };
  }

  async function historico(id: string) {
    if (!(await findProcesso(db, id))) throw processoNotFound();
    return (await listHistorico(db, id)).map((h) => ({
      id: Number(h.id), at: isoTimestamp(Number(h.at))!, acao: h.acao, status_anterior: h.status_anterior, status_novo: h.status_novo,
      usuario: h.usuario_id ? { id: h.usuario_id, nome_completo: h.nome_completo ?? null, email: h.email ?? null } : null,
      motivo: h.motivo, ip_origem: h.ip_origem, user_agent: h.user_agent,
    }));
  }

  return { list, detail, create, update, criarMensais, executarDownload, enviarSat, aprovar, rejeitar, reabrir, historico, change, presented };
}

export type ProcessosService = ReturnType<typeof createProcessosService>;
