import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { FieldIssue } from './errors.js';

const LOCATION: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

/** Turns Fastify/Ajv validation errors into FastAPI-style `{loc, msg, type}` issues (seed 001 §4.2.2). */
export function toFieldIssues(errors: FastifySchemaValidationError[], context: string | undefined): FieldIssue[] {
  const where = LOCATION[context ?? 'body'] ?? 'body';
  return errors.map((error) => {
    const path = error.instancePath
      .split('/')
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'required':
        return { loc: [where, ...path, String(params.missingProperty)], msg: 'field required', type: 'value_error.missing' };
      case 'additionalProperties':
        return {
          loc: [where, ...path, String(params.additionalProperty)],
          msg: 'extra fields not permitted',
          type: 'value_error.extra',
        };
      case 'type':
        return { loc: [where, ...path], msg: `value is not a valid ${String(params.type)}`, type: `type_error.${String(params.type)}` };
      default:
        return { loc: [where, ...path], msg: error.message ?? 'invalid value', type: `value_error.${error.keyword}` };
    }
  });
}

const INTEGER = /^-?\d{1,16}$/;
const NUMBER = /^-?\d{1,16}(\.\d{1,16})?$/;
// FastAPI's spellings of a boolean in a query string.
const BOOLEANS = new Map([...['true', '1', 'yes', 'on'].map((w) => [w, true] as const), ...['false', '0', 'no', 'off'].map((w) => [w, false] as const)]);

/** The JSON type of each top-level property of an object schema that declares exactly one. */
export function propertyTypes(schema: unknown): Map<string, string> {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  return new Map(Object.entries(properties).flatMap(([name, p]) => (typeof p.type === 'string' ? [[name, p.type]] : [])));
}

/**
 * Query and path strings to their schema types, strictly: plain decimal digits become numbers (at
 * most 16: schemas bound them below 2^53), FastAPI's boolean words become booleans; anything else stays a
 * string and fails the check, so `1.5`, `1e308`, `Infinity` or `true` is never taken for a number.
 */
export function convertStrings(value: unknown, types: Map<string, string>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const converted: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [name, raw] of Object.entries(converted)) {
    const type = types.get(name);
    if (typeof raw !== 'string' || !type) continue;
    if (type === 'integer' && INTEGER.test(raw)) converted[name] = Number(raw);
    else if (type === 'number' && NUMBER.test(raw)) converted[name] = Number(raw);
    else if (type === 'boolean' && BOOLEANS.has(raw.toLowerCase())) converted[name] = BOOLEANS.get(raw.toLowerCase());
    // A key given once is a string where the schema takes a list of them.
    else if (type === 'array') converted[name] = [raw];
  }
  return converted;
}

// Fastify's own Ajv settings without its coercion, which turns a body's `null` into `false`, `0`, `""`
// or `[""]` and reads `1e308` or `1.5` as a page number: bodies are checked as their JSON says, query
// and path strings are converted strictly (above) before the check.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ useDefaults: true, removeAdditional: true, allErrors: false, strict: false, coerceTypes: false }));

/** The app's validator (modules may set their own). */
export const coreValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const validate = ajv.compile(schema as object);
  if (httpPart === 'body') return validate;
  const types = propertyTypes(schema);
  return (value) => {
    const input = convertStrings(value, types);
    return validate(input) ? { value: input } : { error: validate.errors as FastifySchemaValidationError[] };
  };
};
