import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

export const OPERADORAS = ['OI', 'VIVO', 'EMBRATEL', 'DIGITALNET'] as const;
export type Operadora = (typeof OPERADORAS)[number];

const Selector = Type.String({ minLength: 1 });
const Millis = Type.Integer({ minimum: 100, maximum: 600_000 });
// Empty means "not configured": the robot must refuse to run rather than pretend.
const BaseUrl = Type.String({ pattern: '^(https?://[^\\s]+)?$' });
// Resolved against baseUrl like a link's href: an absolute path replaces baseUrl's own path.
const Path = Type.String({ pattern: '^/' });

/**
 * Selectors are CSS (or Playwright `text=`) strings; in `accountLink` and `invoiceRow` the
 * placeholders {filtro}, {cnpj} (digits), {competencia} (YYYYMM), {ano} and {mes} are replaced.
 */
export const OperadoraPortalSchema = Type.Object(
  {
    baseUrl: BaseUrl,
    paths: Type.Object({ login: Path }, { additionalProperties: false }),
    selectors: Type.Object(
      {
        loginField: Selector,
        passwordField: Selector,
        submit: Selector,
        errorMarker: Selector,
        accountList: Selector,
        accountLink: Selector,
        invoiceList: Selector,
        invoiceRow: Selector,
        downloadLink: Selector,
      },
      { additionalProperties: false },
    ),
    timeouts: Type.Object(
      { navigationMs: Millis, actionMs: Millis, downloadMs: Millis },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type OperadoraPortal = Static<typeof OperadoraPortalSchema>;

export const SAT_FORM_FIELDS = [
  'cnpj',
  'razao',
  'operadora',
  'nome_filtro',
  'unidade',
  'servico',
  'dados_sat',
  'data_vencimento',
] as const;
export type SatFormField = (typeof SAT_FORM_FIELDS)[number];

export const SatPortalSchema = Type.Object(
  {
    baseUrl: BaseUrl,
    paths: Type.Object({ login: Path, upload: Path }, { additionalProperties: false }),
    selectors: Type.Object(
      {
        loginField: Selector,
        passwordField: Selector,
        submit: Selector,
        errorMarker: Selector,
        loggedInMarker: Selector,
        uploadForm: Selector,
        fields: Type.Object(
          Object.fromEntries(SAT_FORM_FIELDS.map((f) => [f, Selector])) as Record<SatFormField, typeof Selector>,
          { additionalProperties: false },
        ),
        fileInput: Selector,
        uploadSubmit: Selector,
        successMarker: Selector,
        protocolo: Selector,
        formError: Selector,
      },
      { additionalProperties: false },
    ),
    timeouts: Type.Object(
      { navigationMs: Millis, actionMs: Millis, uploadMs: Millis },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type SatPortal = Static<typeof SatPortalSchema>;

export const PortalConfigSchema = Type.Object(
  {
    operadoras: Type.Object(
      Object.fromEntries(OPERADORAS.map((o) => [o, OperadoraPortalSchema])) as Record<
        Operadora,
        typeof OperadoraPortalSchema
      >,
      { additionalProperties: false },
    ),
    sat: SatPortalSchema,
  },
  { additionalProperties: false },
);
export type PortalConfig = Static<typeof PortalConfigSchema>;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
/** What a test, the demo or the environment may change without touching the file. */
export type PortalOverrides = DeepPartial<PortalConfig>;

export class PortalConfigError extends Error {}

export const DEFAULT_PORTALS_FILE = fileURLToPath(new URL('../../../../config/portals.json', import.meta.url));

function merge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (typeof base !== 'object' || base === null || typeof patch !== 'object' || patch === null) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) out[key] = merge(out[key], value);
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Reads the portal file, applies overrides (e.g. base URLs of local sandboxes) and validates the
 * result; an invalid file fails here, at start-up, naming the offending field.
 */
export function loadPortalConfig(file: string = DEFAULT_PORTALS_FILE, overrides: PortalOverrides = {}): PortalConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PortalConfigError(`Não foi possível ler a configuração de portais ${file}: ${(error as Error).message}`);
  }
  const merged = merge(raw, overrides);
  const errors = [...Value.Errors(PortalConfigSchema, merged)];
  if (errors.length > 0) {
    const detail = errors
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'}: ${e.message}`)
      .join('; ');
    throw new PortalConfigError(`Configuração de portais inválida em ${file}: ${detail}`);
  }
  return deepFreeze(merged as PortalConfig);
}
