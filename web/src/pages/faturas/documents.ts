import { isValidCNPJ, isValidCPF } from '@brazilian-utils/brazilian-utils';

// The service's rules (src/core/brazil/identifiers.ts), so a value the console accepts is one the API
// accepts: the mask characters are dropped, letters upper-cased, and the library checks the digits of a
// numeric or 2026 alphanumeric CNPJ.

/** A CPF or CNPJ as typed (dots, dashes, slashes, spaces) reduced to its characters, upper-cased. */
export const stripDocument = (value: string): string => value.replace(/[\s./-]/g, '').toUpperCase();

export function isValidCnpj(value: string): boolean {
  const chars = stripDocument(value);
  return /^[0-9A-Z]{12}\d{2}$/.test(chars) && isValidCNPJ(chars);
}

export function isValidCpf(value: string): boolean {
  const digits = stripDocument(value);
  return /^\d{11}$/.test(digits) && isValidCPF(digits);
}

/** `12.345.678/0001-95` from 14 stored characters (numeric or alphanumeric). */
export const formatCnpj = (value: string): string => value.replace(/^(.{2})(.{3})(.{3})(.{4})(.{2})$/, '$1.$2.$3/$4-$5');

/** `123.456.789-09` from 11 stored digits. */
export const formatCpf = (value: string): string => value.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');

/** What a CNPJ field says while it is typed: nothing until 14 characters, then whether the digits hold. */
export function cnpjHint(value: string): string | null {
  const chars = stripDocument(value);
  if (!chars) return 'Campo obrigatório.';
  if (chars.length < 14) return `Faltam ${14 - chars.length} caracteres.`;
  if (chars.length > 14) return 'O CNPJ tem 14 caracteres.';
  return isValidCnpj(chars) ? null : 'CNPJ inválido: os dígitos verificadores não conferem.';
}

export function cpfHint(value: string): string | null {
  const digits = stripDocument(value);
  if (!digits) return null;
  if (!/^\d+$/.test(digits)) return 'O CPF tem só números.';
  if (digits.length < 11) return `Faltam ${11 - digits.length} dígitos.`;
  if (digits.length > 11) return 'O CPF tem 11 dígitos.';
  return isValidCpf(digits) ? null : 'CPF inválido: os dígitos verificadores não conferem.';
}
