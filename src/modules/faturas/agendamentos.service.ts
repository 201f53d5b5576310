import { randomUUID } from 'node:crypto';
import { Value } from 'typebox/value';
import { conflict, notFound, unprocessable } from '../../core/http/errors.js';
import { InvalidScheduleError, type Schedule, type Scheduler } from '../../core/scheduler/index.js';
import type { FaturasContext } from './faturas.context.js';
import { isoTimestamp } from './processos.rules.js';
import type { AgendamentoRow } from './processos.tables.js';
import { PARAMETROS, type AgendamentoCreate, type AgendamentoUpdate, type TipoAgendamento } from './agendamentos.schemas.js';
import { AGENDAMENTO_JOB } from './agendamentos.jobs.js';

const agendamentoNotFound = () => notFound('Agendamento não encontrado');

function parametros(tipo: TipoAgendamento, value: Record<string, unknown> | undefined): Record<string, unknown> {
  const params = value ?? {};
  const schema = PARAMETROS[tipo];
  if (!Value.Check(schema, params)) {
    const issues = [...Value.Errors(schema, params)].map((e) => ({
      loc: ['body', 'parametros_execucao', ...e.instancePath.split('/').filter(Boolean)],
      msg: e.message,
      type: 'value_error',
    }));
    throw unprocessable(`Parâmetros inválidos para ${tipo}.`, issues);
  }
  return params;
}

/** A scheduler error as the field it is about. */
function scheduleError(error: unknown): never {
  if (error instanceof InvalidScheduleError) {
    const field = error.field === 'cron' ? 'cron_expressao' : error.field === 'name' ? 'nome_agendamento' : error.field;
    throw unprocessable(error.message, [{ loc: ['body', field], msg: error.message, type: 'value_error' }]);
  }
  throw error;
}

/**
 * Agendamentos are rows of their own that each own a core schedule (cron as data, fired once per slot
 * cluster-wide); the schedule's next slot is the `proxima_execucao` shown.
 */
export function createAgendamentosService(ctx: FaturasContext, scheduler: Scheduler) {
  const { db } = ctx;

  function present(row: AgendamentoRow, schedule: Schedule | undefined) {
    return {
      id: row.id,
      nome_agendamento: row.nome_agendamento,
      descricao: row.descricao,
      cron_expressao: row.cron_expressao,
      tipo_agendamento: row.tipo_agendamento as TipoAgendamento,
      parametros_execucao: JSON.parse(row.parametros_execucao) as Record<string, unknown>,
      status_ativo: row.status_ativo === 1,
      proxima_execucao: isoTimestamp(schedule?.nextRunAt ?? null),
      ultima_execucao: isoTimestamp(row.ultima_execucao === null ? null : Number(row.ultima_execucao)),
      created_at: isoTimestamp(Number(row.created_at))!,
      updated_at: isoTimestamp(Number(row.updated_at))!,
    };
  }

  async function find(id: string): Promise<AgendamentoRow> {
    const row = await db.selectFrom('faturas_agendamentos').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw agendamentoNotFound();
    return row;
  }

  async function assertFreeName(nome: string, exceptId?: string): Promise<void> {
    const other = await db.selectFrom('faturas_agendamentos').select('id').where('nome_agendamento', '=', nome).executeTakeFirst();
    if (other && other.id !== exceptId) throw conflict('Já existe um agendamento com este nome.');
  }

  async function create(body: AgendamentoCreate) {
    const params = parametros(body.tipo_agendamento, body.parametros_execucao);
    const nome = body.nome_agendamento.trim();
    await assertFreeName(nome);
    const id = randomUUID();
    const active = body.status_ativo ?? true;
    const schedule = await scheduler
      .create({ name: `faturas.agendamento:${id}`, cron: body.cron_expressao.trim(), jobKind: AGENDAMENTO_JOB, payload: { agendamento_id: id }, active })
      .catch(scheduleError);
    const at = ctx.now();
    const row: AgendamentoRow = {
      id, nome_agendamento: nome, descricao: body.descricao ?? null, cron_expressao: schedule.cron, tipo_agendamento: body.tipo_agendamento,
      parametros_execucao: JSON.stringify(params), status_ativo: active ? 1 : 0, schedule_id: schedule.id, ultima_execucao: null, created_at: at, updated_at: at,
    };
    try {
      await db.insertInto('faturas_agendamentos').values(row).execute();
    } catch (error) {
      // A concurrent create took the name: its schedule must not outlive it.
      await scheduler.remove(schedule.id);
      if (await db.selectFrom('faturas_agendamentos').select('id').where('nome_agendamento', '=', nome).executeTakeFirst()) {
        throw conflict('Já existe um agendamento com este nome.');
      }
      throw error;
    }
    return present(row, schedule);
  }

  async function update(id: string, body: AgendamentoUpdate) {
    const current = await find(id);
    const tipo = body.tipo_agendamento ?? (current.tipo_agendamento as TipoAgendamento);
    const params = parametros(tipo, body.parametros_execucao ?? (body.tipo_agendamento ? {} : JSON.parse(current.parametros_execucao)));
    const nome = body.nome_agendamento?.trim() ?? current.nome_agendamento;
    if (nome !== current.nome_agendamento) await assertFreeName(nome, id);
    const active = body.status_ativo ?? current.status_ativo === 1;
    const schedule = await scheduler.update(current.schedule_id, { cron: body.cron_expressao?.trim() ?? current.cron_expressao, active }).catch(scheduleError);
    const changes = {
      nome_agendamento: nome, descricao: body.descricao === undefined ? current.descricao : body.descricao, cron_expressao: schedule?.cron ?? current.cron_expressao,
      tipo_agendamento: tipo, parametros_execucao: JSON.stringify(params), status_ativo: active ? 1 : 0, updated_at: ctx.now(),
    };
    await db.updateTable('faturas_agendamentos').set(changes).where('id', '=', id).execute();
    return present({ ...current, ...changes }, schedule);
  }

  async function remove(id: string): Promise<void> {
    const current = await find(id);
    await scheduler.remove(current.schedule_id);
    await db.deleteFrom('faturas_agendamento_runs').where('agendamento_id', '=', id).execute();
    await db.deleteFrom('faturas_agendamentos').where('id', '=', id).execute();
  }

  async function list() {
    const [rows, schedules] = await Promise.all([db.selectFrom('faturas_agendamentos').selectAll().orderBy('nome_agendamento').execute(), scheduler.list()]);
    const byId = new Map(schedules.map((s) => [s.id, s]));
    return rows.map((row) => present(row, byId.get(row.schedule_id)));
  }

  async function get(id: string) {
    const row = await find(id);
    return present(row, await scheduler.get(row.schedule_id));
  }

  /** Runs it now, as a job of its own (recorded like a scheduled run). */
  async function executarAgora(id: string) {
    await find(id);
    const job = await ctx.jobs.enqueue(AGENDAMENTO_JOB, { agendamento_id: id }, { idempotencyKey: `faturas.agendamento:${id}:agora` });
    return { message: job.deduplicated ? 'Agendamento já está em execução' : 'Execução do agendamento iniciada', job_id: job.id };
  }

  async function runs(id: string) {
    await find(id);
    const rows = await db.selectFrom('faturas_agendamento_runs').selectAll().where('agendamento_id', '=', id).orderBy('id', 'desc').limit(100).execute();
    return rows.map((r) => ({
      id: Number(r.id), job_id: r.job_id, status: r.status, resultado: r.resultado === null ? null : (JSON.parse(r.resultado) as Record<string, unknown>),
      erro: r.erro, inicio: isoTimestamp(Number(r.inicio))!, fim: isoTimestamp(r.fim === null ? null : Number(r.fim)),
    }));
  }

  return { create, update, remove, list, get, executarAgora, runs };
}
