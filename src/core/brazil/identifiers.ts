import { isValidCNPJ, isValidCPF } from '@brazilian-utils/brazilian-utils';

// Rules and vectors: ../shared/reference/brazil-identifiers.md. CPF and CNPJ use the library (the
// version installed checks the alphanumeric CNPJ of 2026 as well; the tests hold it to the vectors);
// the chave de acesso and the IBGE code have no library check that accepts alphanumeric CNPJs and the
// nine IBGE exceptions.

/** A CPF or CNPJ as typed (dots, dashes, slashes, spaces) reduced to its characters, upper-cased. */
export function stripDocument(value: string): string {
  return value.replace(/[\s./-]/g, '').toUpperCase();
}

/** True for a CPF whose check digits hold, with or without its mask. */
export function isValidCpf(value: string): boolean {
  const digits = stripDocument(value);
  return /^\d{11}$/.test(digits) && isValidCPF(digits);
}

/** True for a numeric or alphanumeric CNPJ whose check digits hold, with or without its mask. */
export function isValidCnpj(value: string): boolean {
  const chars = stripDocument(value);
  return /^[0-9A-Z]{12}\d{2}$/.test(chars) && isValidCNPJ(chars);
}

/** The value as stored: 14 characters, upper case, no mask; undefined when the check digits fail. */
export function normalizeCnpj(value: string): string | undefined {
  const chars = stripDocument(value);
  return isValidCnpj(chars) ? chars : undefined;
}

/** The value as stored: 11 digits, no mask; undefined when the check digits fail. */
export function normalizeCpf(value: string): string | undefined {
  const digits = stripDocument(value);
  return isValidCpf(digits) ? digits : undefined;
}

/** `12.345.678/0001-95` from 14 stored characters (numeric or alphanumeric). */
export function formatCnpj(value: string): string {
  return value.replace(/^(.{2})(.{3})(.{3})(.{4})(.{2})$/, '$1.$2.$3/$4-$5');
}

const charValue = (c: string) => c.charCodeAt(0) - 48;

/** Strips FocusNFE's `NFe`/`CTe`/`MDFe` prefix and upper-cases. */
export function stripChavePrefix(value: string): string {
  return value.trim().replace(/^(NFe|CTe|MDFe|NFCe)/i, '').toUpperCase();
}

/** A 44-character chave de acesso whose mod-11 check digit holds (an alphanumeric CNPJ inside counts). */
export function isValidChave(value: string): boolean {
  const chave = stripChavePrefix(value);
  if (!/^\d{6}[0-9A-Z]{12}\d{26}$/.test(chave)) return false;
  let sum = 0;
  let weight = 2;
  for (let i = 42; i >= 0; i--) {
    sum += charValue(chave[i]!) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const remainder = sum % 11;
  const dv = remainder < 2 ? 0 : 11 - remainder;
  return dv === Number(chave[43]);
}

const IBGE_EXCEPTIONS = new Set(['2201919', '2201988', '2202251', '2611533', '3117836', '3152131', '4305871', '5203939', '5203962']);

/** A 7-digit IBGE municipality code whose check digit holds, or one of the nine official exceptions. */
export function isValidIbge(value: string): boolean {
  if (!/^\d{7}$/.test(value)) return false;
  if (IBGE_EXCEPTIONS.has(value)) return true;
  let sum = 0;
  for (let i = 0; i < 6; i++) {
    const product = Number(value[i]) * (i % 2 === 0 ? 1 : 2);
    sum += product > 9 ? Math.floor(product / 10) + (product % 10) : product;
  }
  return (10 - (sum % 10)) % 10 === Number(value[6]);
}
