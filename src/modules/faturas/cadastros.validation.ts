import { AppError, unprocessable } from '../../core/http/errors.js';

/** Trimmed text, or null when absent or blank. */
export function optionalText(value: string | null | undefined, field: string): string | null {
  const text = value?.trim();
  return text ? printable(text, field) : null;
}

/** Trimmed text that must not be blank; a 422 naming the field otherwise. */
export function requiredText(value: string, field: string): string {
  const text = value.trim();
  if (!text) throw invalidField(field, 'Este campo não pode ficar em branco.');
  return printable(text, field);
}

// PostgreSQL refuses a NUL character in text (SQLite stores it): refuse it alike, as bad input.
function printable(text: string, field: string): string {
  if (text.includes('\u0000')) throw invalidField(field, 'Este campo contém um caractere inválido.');
  return text;
}

export function invalidField(field: string, message: string, status = 422): AppError {
  const issues = [{ loc: ['body', field], msg: message, type: 'value_error' }];
  return status === 422 ? unprocessable(message, issues) : new AppError(status, message, { issues });
}
