import type { FastifySchemaValidationError } from 'fastify';
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
