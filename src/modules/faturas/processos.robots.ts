import { AppError } from '../../core/http/errors.js';
import type { EnqueuedJob } from '../../core/jobs/index.js';
import { RPA_OPERADORAS, RPA_SAT, rpaJobKind, type RpaDownloadPayload, type RpaOperadora, type RpaSatPayload } from '../rpa/index.js';
import type { ClienteForRobot } from './cadastros.js';
import type { FaturasContext } from './faturas.context.js';
import { toBrDate } from './processos.rules.js';
import type { FaturasExecutor, ProcessoRow } from './processos.tables.js';

/** What an execução row keeps of a robot's input: everything but the password. */
export type SafeParameters = Record<string, string>;

export interface RobotRequest<P> {
  kind: string;
  payload: P;
  parameters: SafeParameters;
  idempotencyKey: string;
  group: string;
}

const normalizedCnpj = (cnpj: string) => cnpj.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

function missing(message: string, fields: string[]): AppError {
  return new AppError(422, `${message}: ${fields.join(', ')}.`, {
    issues: fields.map((field) => ({ loc: ['body', field], msg: 'campo obrigatório não preenchido no cadastro', type: 'value_error.missing' })),
  });
}

/** The download robot's input from the cliente's own data; a missing value is a 422 naming it, never a made-up one. */
export function downloadRequest(found: ClienteForRobot, processo: ProcessoRow): RobotRequest<RpaDownloadPayload> {
  const { cliente, operadora } = found;
  const codigo = operadora.codigo;
  if (!operadora.possui_rpa || !(RPA_OPERADORAS as readonly string[]).includes(codigo)) {
    throw new AppError(422, `A operadora ${codigo} não possui robô RPA; envie a fatura pelo upload manual.`);
  }
  const absent = [
    ...(found.loginPortal ? [] : ['login_portal']),
    ...(found.senhaPortal ? [] : ['senha_portal']),
    ...(cliente.filtro ? [] : ['filtro']),
  ];
  if (absent.length > 0) throw missing('Credenciais do portal ausentes no cadastro do cliente', absent);
  const payload: RpaDownloadPayload = {
    operadora: codigo as RpaOperadora,
    login: found.loginPortal!,
    senha: found.senhaPortal!,
    filtro: cliente.filtro!,
    cnpj: cliente.cnpj,
    competencia: processo.competencia,
    processo_id: processo.id,
  };
  const { senha: _senha, ...parameters } = payload;
  return {
    kind: rpaJobKind(codigo as RpaOperadora),
    payload,
    parameters: parameters as SafeParameters,
    // The rpa module's own keys: a robot already fetching this account's invoice is joined, not doubled.
    idempotencyKey: `${codigo}|${normalizedCnpj(cliente.cnpj)}|${cliente.filtro}|${processo.competencia}`,
    group: `${codigo}|${found.loginPortal}`,
  };
}

/** Seed 001 §4.2.3's SAT payload with the stored file and the processo's due date. */
export function satRequest(found: ClienteForRobot, processo: ProcessoRow, satLogin: string | undefined): RobotRequest<RpaSatPayload> {
  const { cliente, operadora } = found;
  const fields = {
    cnpj: cliente.cnpj,
    razao: cliente.razao_social,
    operadora: operadora.codigo,
    nome_filtro: cliente.filtro ?? '',
    unidade: cliente.unidade,
    servico: cliente.servico,
    dados_sat: cliente.dados_sat ?? '',
    nome_arquivo: processo.fatura_key ?? '',
    data_vencimento: processo.data_vencimento ? toBrDate(processo.data_vencimento) : '',
  };
  const absent = Object.entries(fields).filter(([, value]) => !value.trim()).map(([name]) => name);
  if (absent.length > 0) throw missing('Dados ausentes para o envio ao SAT', absent);
  const payload: RpaSatPayload = { ...fields, processo_id: processo.id };
  return {
    kind: rpaJobKind(RPA_SAT),
    payload,
    parameters: payload as SafeParameters,
    idempotencyKey: `${RPA_SAT}|${normalizedCnpj(cliente.cnpj)}|${fields.nome_filtro}|${fields.nome_arquivo}`,
    group: `${RPA_SAT}|${satLogin ?? ''}`,
  };
}

/** Enqueues inside the caller's transaction: the job exists exactly when its execução does. */
export function enqueueRobot<P>(ctx: FaturasContext, trx: FaturasExecutor, request: RobotRequest<P>, runAt?: number): Promise<EnqueuedJob> {
  if (!ctx.jobs.registry.get(request.kind)) throw new AppError(503, 'Os robôs RPA não estão habilitados neste serviço (MODULES sem rpa).');
  return ctx.jobs.enqueue(request.kind, request.payload, {
    trx,
    idempotencyKey: request.idempotencyKey,
    group: request.group,
    ...(runAt === undefined ? {} : { runAt }),
  });
}
