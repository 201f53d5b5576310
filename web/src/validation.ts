import { moneyValue, parseBrDateTime } from './format';

/** Validators for @mantine/form: a message in Portuguese, or null when the value is fine. */
type Check<T> = (value: T) => string | null;

export const required: Check<string> = (value) => (value.trim() ? null : 'Campo obrigatório.');

export const optionalEmail: Check<string> = (value) =>
  !value.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : 'E-mail inválido.';

export const email: Check<string> = (value) => required(value) ?? optionalEmail(value);

/**
 * The API's rule: 14 characters once the punctuation is gone (12 letters or digits, then 2 digits,
 * which also fits the 2026 alphanumeric CNPJ). Check digits are not enforced, as the API does not:
 * the carriers' demo accounts use CNPJs that fail them.
 */
export const cnpj: Check<string> = (value) =>
  required(value) ?? (/^[0-9A-Z]{12}\d{2}$/i.test(value.replace(/[\s./-]/g, '')) ? null : 'CNPJ inválido: informe os 14 caracteres.');

export const optionalUuid: Check<string> = (value) =>
  !value.trim() || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim())
    ? null
    : 'Informe um UUID válido.';

/** `DD/MM/AAAA` naming a real day. */
export const brDate: Check<string> = (value) => {
  if (!/^\d{2}\/\d{2}\/\d{4}$/.test(value.trim())) return 'Use o formato DD/MM/AAAA.';
  return parseBrDateTime(value) ? null : 'Data inválida.';
};

export const positiveMoney: Check<number | string> = (value) => ((moneyValue(value) ?? 0) > 0 ? null : 'Informe um valor maior que zero.');

// The passwords people try first; a longer list lives on the attackers' side anyway.
const COMMON = new Set(['12345678', '123456789', '1234567890', 'password', 'password1', 'senha123', 'senha1234', 'qwerty123', 'abc12345', 'retaguarda', 'brasil123', 'admin123', 'mudar123', '11111111', '00000000']);

/** At least 10 characters, letters and something else (digits or symbols), not a common password. */
export const password: Check<string> = (value) => {
  if (value.length < 10) return 'A senha deve ter pelo menos 10 caracteres.';
  if (COMMON.has(value.toLowerCase()) || /^(.)\1+$/.test(value)) return 'Essa senha é muito comum. Escolha outra.';
  if (!/\p{L}/u.test(value) || !/[^\p{L}]/u.test(value)) return 'Misture letras com números ou símbolos.';
  return null;
};

/** Shown under password fields, so the rule is known before it is broken. */
export const PASSWORD_RULE = 'Pelo menos 10 caracteres, com letras e números ou símbolos.';
