import { Type, type Static } from 'typebox';
import { defineJob, JobFailure, type AnyJobDefinition, type JobContext } from '../../core/jobs/index.js';
import type { BlobStore } from '../../core/storage/index.js';
import { environmentFor } from './rpa.environment.js';
import {
  DownloadRobotInputSchema,
  OPERADORAS,
  RobotError,
  runDownloadRobot,
  runSatRobot,
  SatRobotInputSchema,
  type Operadora,
  type RobotContext,
} from './robots/index.js';

export const KIND_PREFIX = 'rpa.';
export const SAT = 'SAT';
export type JobOperadora = Operadora | typeof SAT;

export const kindOf = (operadora: JobOperadora) => `${KIND_PREFIX}${operadora}`;
export const RPA_KINDS: readonly string[] = [...OPERADORAS, SAT].map((o) => kindOf(o as JobOperadora));
/** The operadora a job kind stands for, or undefined when the kind is not this module's. */
export const operadoraOfKind = (kind: string): string | undefined =>
  kind.startsWith(KIND_PREFIX) ? kind.slice(KIND_PREFIX.length) : undefined;

const ProcessoId = Type.Optional(Type.String());
export const DownloadJobPayload = Type.Object({ ...DownloadRobotInputSchema.properties, processo_id: ProcessoId });
export type DownloadJobPayload = Static<typeof DownloadJobPayload>;
export const SatJobPayload = Type.Object({ ...SatRobotInputSchema.properties, processo_id: ProcessoId });
export type SatJobPayload = Static<typeof SatJobPayload>;

type Deps = { storage: BlobStore };

/**
 * Robots of one kind running at once in a process. Job kinds are declared before configuration is
 * read, and the queue asks a kind's concurrency only when it dispatches, after `register` set this
 * from RPA_CONCURRENCY (see the module's README).
 */
let concurrency = 5;
export function setRobotConcurrency(value: number): void {
  concurrency = value;
}

/** The progress and its log line; asked for together, they share one commit. */
function step(ctx: JobContext<unknown>, progress: number, message: string): Promise<unknown> {
  return Promise.all([ctx.progress(progress, message), ctx.log('info', message)]);
}

/** Where a failed run's screenshot is: the robots store evidence under their run id, the job id. */
export const screenshotKey = (jobId: string) => `rpa/artifacts/${jobId}/falha.png`;

/** Hands the robot its slice of the job: 31-89 of the progress, the log, cancellation, storage. */
function robotContext(ctx: JobContext<unknown> & Deps): RobotContext {
  return {
    signal: ctx.signal,
    storage: ctx.storage,
    runId: ctx.job.id,
    log: (level, message) => void ctx.log(level, message),
    progress: (value, message) => void ctx.progress(value, message),
  };
}

/** A robot's failure keeps its category (autenticação, navegação, timeout, arquivo) on the job. */
async function asJobFailure<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RobotError) throw new JobFailure(error.category, error.message);
    throw error;
  }
}

async function runDownload(ctx: JobContext<DownloadJobPayload> & Deps): Promise<string> {
  const environment = environmentFor(ctx.storage);
  const { processo_id: _processo, ...input } = ctx.payload;
  const { operadora } = input;
  await Promise.all([ctx.log('info', `Iniciando processamento da operadora ${operadora}`), step(ctx, 30, `Executando RPA para ${operadora}`)]);
  const stored = await asJobFailure(() =>
    runDownloadRobot({ browser: environment.browsers, portal: environment.portals.operadoras[operadora], input, ctx: robotContext(ctx) }),
  );
  await Promise.all([step(ctx, 90, `RPA executado para ${operadora}, finalizando`), step(ctx, 95, `Resultado capturado: ${stored.key}`)]);
  return stored.key;
}

async function runSat(ctx: JobContext<SatJobPayload> & Deps): Promise<string> {
  const environment = environmentFor(ctx.storage);
  const { processo_id: _processo, ...input } = ctx.payload;
  await Promise.all([ctx.log('info', `Iniciando processamento do SAT para ${input.nome_arquivo}`), step(ctx, 30, 'Executando RPA para SAT')]);
  const credentials = environment.sat;
  if (!credentials) {
    throw new JobFailure('authentication', 'Erro de autenticação: credenciais do SAT não configuradas (defina SAT_LOGIN e SAT_SENHA)');
  }
  const sent = await asJobFailure(() =>
    runSatRobot({ browser: environment.browsers, portal: environment.portals.sat, credentials, input, ctx: robotContext(ctx) }),
  );
  await Promise.all([step(ctx, 90, 'RPA executado para SAT, finalizando'), step(ctx, 95, `Resultado capturado: protocolo ${sent.protocolo}`)]);
  return sent.protocolo;
}

/** The queue reads `concurrency` when it dispatches; the getter makes it follow the configuration. */
function withConfiguredConcurrency<D extends AnyJobDefinition>(definition: D): D {
  return Object.freeze({
    ...definition,
    get concurrency() {
      return concurrency;
    },
  });
}

/**
 * One kind per carrier, so a slow portal never holds another carrier's queue. A download may run
 * again after a crash (it only reads the portal); a SAT upload never does, since SAT might already
 * hold the file: an interrupted upload ends FAILED for a person to check.
 */
export const rpaJobs: readonly AnyJobDefinition[] = [
  ...OPERADORAS.map((operadora) =>
    withConfiguredConcurrency(
      defineJob<typeof DownloadJobPayload, Deps>({
        name: kindOf(operadora),
        schema: DownloadJobPayload,
        secretFields: ['senha'],
        maxAttempts: 2,
        handler: runDownload,
      }),
    ),
  ),
  withConfiguredConcurrency(defineJob<typeof SatJobPayload, Deps>({ name: kindOf(SAT), schema: SatJobPayload, handler: runSat })),
];
