import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

export const MODULE_NAMES = ['fiados', 'rpa', 'faturas', 'fiscal', 'atendimento'] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];

const Port = Type.Integer({ minimum: 0, maximum: 65535 });

/** The environment the service reads, as one schema: values arrive as strings and are converted. */
export const EnvSchema = Type.Object({
  PORT: Type.Optional(Port),
  HOST: Type.Optional(Type.String({ minLength: 1 })),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(sqlite:|postgres(ql)?://)' })),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  STORAGE_URL: Type.Optional(Type.String({ pattern: '^(file:|s3://)' })),
  S3_ACCESS_KEY: Type.Optional(Type.String()),
  S3_SECRET_KEY: Type.Optional(Type.String()),
  MINIO_ACCESS_KEY: Type.Optional(Type.String()),
  MINIO_SECRET_KEY: Type.Optional(Type.String()),
  SECRET_KEY: Type.Optional(Type.String({ minLength: 32 })),
  ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
  MODULES: Type.Optional(Type.String()),
  ROLE: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('api'), Type.Literal('worker')])),
  APP_TZ: Type.Optional(Type.String({ minLength: 1 })),
  LOG_LEVEL: Type.Optional(
    Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  ),
  ACCESS_TOKEN_MINUTES: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
  REFRESH_TOKEN_DAYS: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  BODY_LIMIT: Type.Optional(Type.Integer({ minimum: 1024 })),
  LOGIN_MAX_FAILURES: Type.Optional(Type.Integer({ minimum: 1 })),
  LOGIN_LOCK_MINUTES: Type.Optional(Type.Integer({ minimum: 1 })),
  WEB_DIST: Type.Optional(Type.String()),
  PROCESSO_API_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  RPA_CONCURRENCY: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  RPA_PORTALS_FILE: Type.Optional(Type.String()),
  CHROMIUM_PATH: Type.Optional(Type.String()),
  SAT_LOGIN: Type.Optional(Type.String()),
  SAT_SENHA: Type.Optional(Type.String()),
  RPA_SANDBOX: Type.Optional(Type.Boolean()),
  RPA_SYNC_TIMEOUT_SECONDS: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
  FIADOS_AUTO_NUMBERS: Type.Optional(Type.Boolean()),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2048 })),
  FOCUS_NFE_TOKEN: Type.Optional(Type.String({ maxLength: 512 })),
  FOCUS_NFE_ENV: Type.Optional(Type.Union([Type.Literal('homologacao'), Type.Literal('producao')])),
  FOCUS_NFE_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2048 })),
  FOCUS_NFE_WEBHOOK_SECRET: Type.Optional(Type.String({ maxLength: 512 })),
  FOCUS_NFE_WEBHOOK_HEADER: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  FOCUS_NFE_RECONCILE_CRON: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  FOCUS_NFE_RECONCILE_AFTER_MINUTES: Type.Optional(Type.Integer({ minimum: 1, maximum: 10080 })),
  STORAGE_PATH: Type.Optional(Type.String()),
  WHATSAPP_MODE: Type.Optional(Type.Union([Type.Literal('stub'), Type.Literal('cloud')])),
  WHATSAPP_STUB_FAST: Type.Optional(Type.Boolean()),
  WHATSAPP_GRAPH_URL: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2048 })),
});
export type Env = Static<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  storageUrl: string;
  s3: { accessKey: string | undefined; secretKey: string | undefined };
  secretKey: string | undefined;
  admin: { email: string | undefined; password: string | undefined };
  modules: readonly ModuleName[];
  role: 'all' | 'api' | 'worker';
  timeZone: string;
  logLevel: string;
  accessTokenMinutes: number;
  refreshTokenDays: number;
  bodyLimit: number;
  login: { maxFailures: number; lockMinutes: number };
  webDist: string;
  processoApiUrl: string;
  rpa: {
    concurrency: number;
    portalsFile: string | undefined;
    chromiumPath: string;
    sat: { login: string | undefined; senha: string | undefined };
    /** Demo mode: robots drive local sandbox portals started in process (`npm run demo`). */
    sandbox: boolean;
    syncTimeoutSeconds: number;
  };
  fiados: { autoNumbers: boolean };
  /** The raw validated environment, for modules that read their seed's own variables. */
  env: Readonly<Env>;
}

export class ConfigError extends Error {}

function parseModules(raw: string | undefined): ModuleName[] {
  if (!raw) return [...MODULE_NAMES];
  const names = raw.split(',').map((m) => m.trim()).filter(Boolean);
  for (const name of names) {
    if (!(MODULE_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(`MODULES: módulo desconhecido '${name}' (válidos: ${MODULE_NAMES.join(', ')})`);
    }
  }
  return names as ModuleName[];
}

function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new ConfigError(`APP_TZ: fuso horário inválido '${tz}'`);
  }
}

/** Builds the frozen configuration; an invalid value throws a ConfigError naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const known: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = source[key];
    if (value !== undefined && value !== '') known[key] = value;
  }
  const converted = Value.Convert(EnvSchema, known);
  const errors = [...Value.Errors(EnvSchema, converted)];
  if (errors.length > 0) {
    const first = errors[0];
    const variable = String(first.instancePath).replace(/^\//, '') || 'ambiente';
    throw new ConfigError(`${variable}: valor inválido (${first.message})`);
  }
  const env = converted as Env;
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const timeZone = env.APP_TZ ?? 'America/Sao_Paulo';
  assertTimeZone(timeZone);
  const config: Config = {
    port: env.PORT ?? 8000,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'retaguarda.db')}`,
    redisUrl: env.REDIS_URL,
    storageUrl: env.STORAGE_URL ?? `file:${path.join(dataDir, 'storage')}`,
    s3: {
      accessKey: env.S3_ACCESS_KEY ?? env.MINIO_ACCESS_KEY,
      secretKey: env.S3_SECRET_KEY ?? env.MINIO_SECRET_KEY,
    },
    secretKey: env.SECRET_KEY,
    admin: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
    modules: Object.freeze(parseModules(env.MODULES)),
    role: env.ROLE ?? 'all',
    timeZone,
    logLevel: env.LOG_LEVEL ?? 'info',
    accessTokenMinutes: env.ACCESS_TOKEN_MINUTES ?? 15,
    refreshTokenDays: env.REFRESH_TOKEN_DAYS ?? 7,
    bodyLimit: env.BODY_LIMIT ?? 1024 * 1024,
    login: { maxFailures: env.LOGIN_MAX_FAILURES ?? 5, lockMinutes: env.LOGIN_LOCK_MINUTES ?? 15 },
    webDist: path.resolve(env.WEB_DIST ?? 'web/dist'),
    processoApiUrl: env.PROCESSO_API_URL ?? 'http://localhost:5050',
    rpa: {
      concurrency: env.RPA_CONCURRENCY ?? 5,
      portalsFile: env.RPA_PORTALS_FILE,
      chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      sat: { login: env.SAT_LOGIN, senha: env.SAT_SENHA },
      sandbox: env.RPA_SANDBOX ?? false,
      syncTimeoutSeconds: env.RPA_SYNC_TIMEOUT_SECONDS ?? 300,
    },
    fiados: { autoNumbers: env.FIADOS_AUTO_NUMBERS ?? true },
    env: Object.freeze(env),
  };
  return Object.freeze(config);
}
