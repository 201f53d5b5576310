import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { AppError, type FieldIssue } from '../http/errors.js';

/** Picks the message of a 400 from its issues (a contract may name the first missing field). */
export type MessageFor = (issues: FieldIssue[]) => string | undefined;

function drfMessage(error: FastifySchemaValidationError): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'Este campo é obrigatório.';
    case 'type':
      return `Tipo inválido: esperado ${String(params.type)}.`;
    case 'maxLength':
      return `Certifique-se de que este campo não tenha mais de ${String(params.limit)} caracteres.`;
    case 'minLength':
      return 'Este campo não pode ser em branco.';
    case 'maxItems':
      return `Certifique-se de que este campo não tenha mais de ${String(params.limit)} elementos.`;
    case 'maximum':
    case 'minimum':
      return `Valor fora do intervalo permitido (${String(params.comparison)} ${String(params.limit)}).`;
    case 'additionalProperties':
      return 'Campo não permitido.';
    default:
      return 'Valor inválido.';
  }
}

/** Ajv's errors as DRF names them: one issue per field path, a Portuguese message each. */
export function toDrfIssues(errors: FastifySchemaValidationError[], context: string | undefined): FieldIssue[] {
  return errors.map((error) => {
    // DRF names the list, not the item: `permissions`, not `permissions.0`.
    const path = error.instancePath.split('/').filter((part) => part && !/^\d+$/.test(part));
    const params = error.params as Record<string, unknown>;
    const field = error.keyword === 'required' ? String(params.missingProperty) : error.keyword === 'additionalProperties' ? String(params.additionalProperty) : undefined;
    return { loc: [context ?? 'body', ...path, ...(field ? [field] : [])], msg: drfMessage(error), type: error.keyword };
  });
}

/**
 * Seed 002 (DRF) answers bad input with 400, where the service's default is FastAPI's 422: routes
 * registered in `scope` get 400 INVALID_PAYLOAD with `details` per field. Any other error goes on
 * to the app's handler.
 */
export function answerValidationWith400(scope: FastifyInstance, messageFor?: MessageFor): void {
  scope.setErrorHandler((error: FastifyError, _request, _reply) => {
    if (!error.validation) throw error;
    const issues = toDrfIssues(error.validation, error.validationContext);
    throw new AppError(400, messageFor?.(issues) ?? 'Campos fornecidos são inválidos.', { issues });
  });
}
