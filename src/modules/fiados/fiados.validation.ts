import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { convertStrings, propertyTypes } from '../../core/http/validation.js';

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
