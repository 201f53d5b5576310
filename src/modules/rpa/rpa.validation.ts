import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { convertStrings, propertyTypes } from '../../core/http/validation.js';

type Issue = FastifySchemaValidationError;

/**
 * Fields whose pattern failure has a name of its own. `type` keyword errors render as pydantic's
 * `value is not a valid <type>` / `type_error.<type>` in core's mapping.
 */
function patternIssue(error: Issue): Issue {
  if (error.instancePath === '/processo_id') return { ...error, keyword: 'type', params: { type: 'uuid' } };
  if (error.instancePath === '/data_vencimento') return dateIssue(error.instancePath);
  if (error.instancePath === '/competencia') {
    return { ...error, keyword: 'competencia', params: {}, message: 'competência inválida: use AAAAMM' };
  }
  return error;
}

export function dateIssue(instancePath: string): Issue {
  return { instancePath, schemaPath: '', keyword: 'date', params: {}, message: 'data inválida: use DD/MM/AAAA' };
}

/**
 * FastAPI lists every problem of a body at once (all missing fields, not the first); Ajv as
 * configured in Fastify stops at the first. TypeBox reports all; this shapes them as Ajv would,
 * so core renders FastAPI's `{loc, msg, type}` list. Query strings are converted to their types first.
 */
export const rpaValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  const isBody = httpPart === 'body';
  const types = propertyTypes(schema);
  // Path parameters and query strings usually fit their schema as they come (strings): converting
  // them on every request is work only a value that does not fit, or a schema with defaults, needs.
  const convertFirst = !isBody && JSON.stringify(schema).includes('"default"');
  return (value) => {
    if (!isBody && !convertFirst && check.Check(value)) return { value };
    // Strictly: `limit=1.5` or `limit=true` stays a string and fails, where Value.Convert would guess.
    const input = isBody ? value : Value.Default(schema, convertStrings(value, types));
    if (check.Check(input)) return { value: input };
    return { error: shaped(check.Errors(input)) };
  };
};

function shaped(errors: Issue[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const error of errors) {
    if (error.keyword === 'required') {
      const missing = (error.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      for (const property of missing) out.push({ ...error, params: { missingProperty: property } });
      continue;
    }
    // A union reports each branch and then itself: one issue per field is what FastAPI shows.
    if (seen.has(error.instancePath)) continue;
    seen.add(error.instancePath);
    if (error.keyword === 'minLength') out.push({ ...error, keyword: 'empty', params: {}, message: 'não pode ser vazio' });
    else if (error.keyword === 'pattern') out.push(patternIssue(error));
    else out.push(error);
  }
  return out;
}

/** A `DD/MM/YYYY` string that names a day that exists (31/02 does not). */
export function isRealDate(text: string): boolean {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!match) return false;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
