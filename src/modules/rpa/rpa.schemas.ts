import { Type, type Static } from 'typebox';
import { OPERADORAS, SatRobotInputSchema } from './robots/index.js';

/** Seed 001's status values, plus CANCELLED (a job can be cancelled here; see the README). */
const Status = Type.Union([
  Type.Literal('PENDING'),
  Type.Literal('RUNNING'),
  Type.Literal('COMPLETED'),
  Type.Literal('FAILED'),
  Type.Literal('CANCELLED'),
]);

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const UUID = new RegExp(UUID_PATTERN);

/** Logins, names, filters: far shorter than this in every portal; the bound keeps a 1 MB string out. */
const Text = Type.String({ minLength: 1, maxLength: 255 });
/** Optional here, validated by the route: pydantic's "value is not a valid uuid" needs its own error. */
const ProcessoId = Type.Optional(Type.String({ pattern: UUID_PATTERN, maxLength: 36 }));

/** §5.1 AutomacaoPayload; `competencia` (YYYYMM) is an addition: absent, the previous month. */
export const DownloadBody = Type.Object({
  login: Text,
  senha: Text,
  filtro: Text,
  cnpj: Text,
  processo_id: ProcessoId,
  competencia: Type.Optional(Type.String({ pattern: '^\\d{4}(0[1-9]|1[0-2])$', maxLength: 6 })),
});
export type DownloadBody = Static<typeof DownloadBody>;

/** §5.2 AutomacaoPayloadSat: the SAT robot's own input, plus `processo_id` as for the carriers (§3.3). */
export const SatBody = Type.Object({
  ...SatRobotInputSchema.properties,
  cnpj: Text,
  razao: Text,
  operadora: Text,
  nome_filtro: Text,
  unidade: Text,
  servico: Text,
  dados_sat: Type.String({ minLength: 1, maxLength: 4096 }),
  nome_arquivo: Type.String({ minLength: 1, maxLength: 1024 }),
  data_vencimento: Type.String({ pattern: '^\\d{2}/\\d{2}/\\d{4}$', maxLength: 10 }),
  processo_id: ProcessoId,
});
export type SatBody = Static<typeof SatBody>;

export const OperadoraParams = Type.Object({ operadora: Type.String({ maxLength: 32 }) });
export const JobParams = Type.Object({ job_id: Type.String({ maxLength: 100 }) });

export const JobsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  operadora: Type.Optional(Type.Union([...OPERADORAS, 'SAT'].map((o) => Type.Literal(o)))),
  status: Type.Optional(Status),
});
export type JobsQuery = Static<typeof JobsQuery>;

export const EventsQuery = Type.Object({
  job_id: Type.Optional(Type.String({ maxLength: 100 })),
  token: Type.Optional(Type.String({ maxLength: 4096 })),
  lastEventId: Type.Optional(Type.String({ maxLength: 64 })),
});
export type EventsQuery = Static<typeof EventsQuery>;

/** §5.3 JobResponse. */
export const JobCreated = Type.Object({
  job_id: Type.String(),
  status: Status,
  message: Type.String(),
  status_url: Type.String(),
});
export type JobCreated = Static<typeof JobCreated>;

export const LogLine = Type.Object({ timestamp: Type.String(), message: Type.String() });
export const LevelledLogLine = Type.Object({ timestamp: Type.String(), level: Type.String(), message: Type.String() });
export type LevelledLogLine = Static<typeof LevelledLogLine>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** §5.4 JobStatusResponse; times are local `YYYY-MM-DDTHH:mm:ss` in APP_TZ. */
export const JobStatusResponse = Type.Object({
  job_id: Type.String(),
  operadora: Type.String(),
  status: Status,
  progress: Type.Integer(),
  result: Nullable(Type.String()),
  error: Nullable(Type.String()),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  completed_at: Nullable(Type.String()),
  logs: Type.Array(LogLine),
});
export type JobStatusResponse = Static<typeof JobStatusResponse>;

export const JobSummary = Type.Object({
  job_id: Type.String(),
  operadora: Type.String(),
  status: Status,
  progress: Type.Integer(),
  created_at: Type.String(),
});
export type JobSummary = Static<typeof JobSummary>;

export const JobsList = Type.Object({ total_jobs: Type.Integer(), jobs: Type.Array(JobSummary) });

/** §5.5 HealthResponse. */
export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('healthy'), Type.Literal('unhealthy')]),
  message: Type.String(),
  jobs_pending: Type.Integer(),
  jobs_active: Type.Integer(),
});

export const TokenResponse = Type.Object({ token: Type.String(), expires_in: Type.Integer(), message: Type.String() });

const FieldIssue = Type.Object({
  loc: Type.Array(Type.Union([Type.String(), Type.Integer()])),
  msg: Type.String(),
  type: Type.String(),
});
/** FastAPI's error body: a message, or the list of field issues of a 422. */
export const Detail = Type.Object({ detail: Type.Union([Type.String(), Type.Array(FieldIssue)]) });

export const FileResponse = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });
