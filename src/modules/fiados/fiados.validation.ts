import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

const MONEY_FIELDS = new Set(['/amount', '/total_value']);

/**
 * Validates the fiados routes with TypeBox. Bodies are checked as the JSON says: Ajv's coercion
 * would turn `true` into 1 and `null` into 0 where money is expected, and money must never be
 * guessed. Query and path strings are converted to their schema types first, strictly.
 * Errors come out in Ajv's shape, so core renders them as FastAPI's `{loc, msg, type}` list.
 */
export const fiadosValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  const isBody = httpPart === 'body';
  const types = isBody ? undefined : propertyTypes(schema);
  return (value) => {
    const input = types ? convertStrings(value, types) : value;
    if (check.Check(input)) return { value: input };
    return { error: ajvShaped(check.Errors(input), isBody) };
  };
};

function propertyTypes(schema: TSchema): Map<string, string> {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  return new Map(Object.entries(properties).flatMap(([name, p]) => (typeof p.type === 'string' ? [[name, p.type]] : [])));
}

const INTEGER = /^-?\d{1,16}$/;
const NUMBER = /^-?\d{1,16}(\.\d+)?$/;
// FastAPI's spellings of a boolean in a query string.
const BOOLEANS = new Map([...['true', '1', 'yes', 'on'].map((w) => [w, true] as const), ...['false', '0', 'no', 'off'].map((w) => [w, false] as const)]);

/**
 * Strings of digits become numbers, FastAPI's boolean words become booleans; anything else stays
 * a string and fails the check, so `1.5` or `1e3` is never taken for the id 1 or 1000.
 */
function convertStrings(value: unknown, types: Map<string, string>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const converted: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [name, raw] of Object.entries(converted)) {
    const type = types.get(name);
    if (typeof raw !== 'string' || !type) continue;
    if (type === 'integer' && INTEGER.test(raw)) converted[name] = Number(raw);
    else if (type === 'number' && NUMBER.test(raw)) converted[name] = Number(raw);
    else if (type === 'boolean' && BOOLEANS.has(raw.toLowerCase())) converted[name] = BOOLEANS.get(raw.toLowerCase());
  }
  return converted;
}

// TypeBox reports every branch of a union and then the union itself; one error per field is clearer.
function ajvShaped(errors: FastifySchemaValidationError[], isBody: boolean): FastifySchemaValidationError[] {
  const seen = new Set<string>();
  const shaped: FastifySchemaValidationError[] = [];
  for (const error of errors) {
    if (error.keyword === 'required') {
      const missing = (error.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      for (const property of missing) {
        shaped.push({ ...error, params: { missingProperty: property } });
      }
      continue;
    }
    if (seen.has(error.instancePath)) continue;
    seen.add(error.instancePath);
    if (isBody && error.keyword === 'type' && MONEY_FIELDS.has(error.instancePath)) {
      shaped.push({ ...error, keyword: 'money', params: {}, message: 'O valor deve ser um número, como 150.75.' });
    } else {
      shaped.push(error);
    }
  }
  return shaped;
}
