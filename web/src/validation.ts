import { isValidCNPJ } from '@brazilian-utils/brazilian-utils';
import { moneyValue, parseBrDateTime } from './format';

/** Validators for @mantine/form: a message in Portuguese, or null when the value is fine. */
type Check<T> = (value: T) => string | null;

export const required: Check<string> = (value) => (value.trim() ? null : 'Campo obrigatório.');

export const optionalEmail: Check<string> = (value) =>
  !value.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : 'E-mail inválido.';

export const email: Check<string> = (value) => required(value) ?? optionalEmail(value);

export const cnpj: Check<string> = (value) => required(value) ?? (isValidCNPJ(value.trim()) ? null : 'CNPJ inválido.');

export const optionalUuid: Check<string> = (value) =>
  !value.trim() || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim())
    ? null
    : 'Informe um UUID válido.';

/** `DD/MM/AAAA` naming a real day. */
export const brDate: Check<string> = (value) => {
  if (!/^\d{2}\/\d{2}\/\d{4}$/.test(value.trim())) return 'Use o formato DD/MM/AAAA.';
  return parseBrDateTime(value) ? null : 'Data inválida.';
};

/** `DD/MM/AAAA HH:mm` naming a real moment. */
export const brDateTime: Check<string> = (value) => {
  if (!/^\d{2}\/\d{2}\/\d{4}\s+\d{2}:\d{2}$/.test(value.trim())) return 'Use o formato DD/MM/AAAA HH:mm.';
  return parseBrDateTime(value) ? null : 'Data inválida.';
};

export const positiveMoney: Check<number | string> = (value) => ((moneyValue(value) ?? 0) > 0 ? null : 'Informe um valor maior que zero.');

export const password: Check<string> = (value) => (value.length >= 8 ? null : 'A senha deve ter pelo menos 8 caracteres.');
