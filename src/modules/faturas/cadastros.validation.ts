import { AppError, unprocessable } from '../../core/http/errors.js';

/** Trimmed text, or null when absent or blank. */
export function optionalText(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/** Trimmed text that must not be blank; a 422 naming the field otherwise. */
export function requiredText(value: string, field: string): string {
  const text = value.trim();
  if (!text) throw invalidField(field, 'Este campo não pode ficar em branco.');
  return text;
}

export function invalidField(field: string, message: string, status = 422): AppError {
  const issues = [{ loc: ['body', field], msg: message, type: 'value_error' }];
  return status === 422 ? unprocessable(message, issues) : new AppError(status, message, { issues });
}
