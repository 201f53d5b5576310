import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { JobDefinition } from './job-definition.js';
import { sealSecrets, type Sealer } from './job-secrets.js';

export class UnknownJobKindError extends Error {
  constructor(readonly kind: string) {
    super(`Tipo de job desconhecido ou sem handler: '${kind}'`);
    this.name = 'UnknownJobKindError';
  }
}

export class JobPayloadError extends Error {
  constructor(
    readonly kind: string,
    readonly details: { path: string; message: string }[],
  ) {
    super(`Payload inválido para o job '${kind}': ${details.map((d) => `${d.path || '/'} ${d.message}`).join('; ')}`);
    this.name = 'JobPayloadError';
  }
}

// Handler dependencies are checked where the definition is written; the registry holds any of them.
export type AnyJobDefinition = JobDefinition<TSchema, any>;

interface Entry {
  definition: AnyJobDefinition;
  check: ReturnType<typeof Compile>;
}

export interface JobRegistry {
  kinds(): string[];
  get(kind: string): AnyJobDefinition | undefined;
  /** The definition, or `UnknownJobKindError`. */
  require(kind: string): AnyJobDefinition;
  /** Validates against the kind's schema and seals its secret fields: the JSON text to store. */
  serializePayload(kind: string, payload: unknown): string;
  validate(kind: string, payload: unknown): void;
}

/** Fails fast: a duplicate kind, or secret fields with no sealer, stop the boot. */
export function createJobRegistry(definitions: readonly AnyJobDefinition[], sealer?: Sealer): JobRegistry {
  const entries = new Map<string, Entry>();
  for (const definition of definitions) {
    if (entries.has(definition.name)) throw new Error(`Tipo de job duplicado: '${definition.name}'`);
    if (typeof definition.handler !== 'function') throw new UnknownJobKindError(definition.name);
    // Payloads are objects so that secret fields can be sealed and stripped by name.
    if ((definition.schema as { type?: unknown }).type !== 'object') {
      throw new Error(`Job '${definition.name}': o schema do payload deve ser um objeto`);
    }
    if (definition.secretFields.length > 0 && !sealer) {
      throw new Error(`Job '${definition.name}' tem campos secretos, mas a fila não recebeu um sealer`);
    }
    entries.set(definition.name, { definition, check: Compile(definition.schema) });
  }

  function entry(kind: string): Entry {
    const found = entries.get(kind);
    if (!found) throw new UnknownJobKindError(kind);
    return found;
  }

  function validate(kind: string, payload: unknown): void {
    const { check } = entry(kind);
    if (check.Check(payload)) return;
    const details = check.Errors(payload).map((e) => ({ path: e.instancePath, message: e.message }));
    throw new JobPayloadError(kind, details);
  }

  return {
    kinds: () => [...entries.keys()],
    get: (kind) => entries.get(kind)?.definition,
    require: (kind) => entry(kind).definition,
    validate,
    serializePayload(kind, payload) {
      validate(kind, payload);
      const { definition } = entry(kind);
      return JSON.stringify(sealSecrets(payload as Record<string, unknown>, definition.secretFields, sealer));
    },
  };
}
