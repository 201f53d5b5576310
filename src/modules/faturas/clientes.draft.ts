import { normalizeCnpj, normalizeCpf } from '../../core/brazil/index.js';
import { invalidField, optionalText, requiredText } from './cadastros.validation.js';
import type { ClienteRow } from './clientes.repository.js';
import { buscaOf, hashUnico } from './clientes.rules.js';

/** A cliente's fields as typed in the API or a CSV row, before any check. */
export interface ClienteInput {
  razao_social: string;
  nome_sat: string;
  cnpj: string;
  filtro?: string | null;
  servico: string;
  dados_sat?: string | null;
  unidade: string;
  site_emissao?: string | null;
  login_portal?: string | null;
  cpf?: string | null;
  status_ativo?: boolean;
}

/** The checked and normalized fields, as stored (the password aside). */
export type ClienteDraft = Pick<
  ClienteRow,
  'razao_social' | 'nome_sat' | 'cnpj' | 'filtro' | 'servico' | 'dados_sat' | 'unidade' | 'site_emissao' | 'login_portal' | 'cpf'
> & { status_ativo: boolean };

// The column sizes: a CSV cell is checked against them as the API schema checks a JSON field.
const LIMITS = {
  razao_social: 255,
  nome_sat: 255,
  servico: 255,
  unidade: 100,
  filtro: 255,
  dados_sat: 2000,
  site_emissao: 500,
  login_portal: 254,
} as const;

function bounded<T extends string | null>(value: T, field: keyof typeof LIMITS): T {
  if (value !== null && value.length > LIMITS[field]) {
    throw invalidField(field, `Este campo aceita no máximo ${LIMITS[field]} caracteres.`);
  }
  return value;
}

/** Checks and normalizes a cliente: CNPJ and CPF by their check digits, stored without mask. Throws 422. */
export function draftCliente(input: ClienteInput): ClienteDraft {
  const cnpj = normalizeCnpj(input.cnpj);
  if (!cnpj) throw invalidField('cnpj', 'CNPJ inválido.');
  const cpfText = optionalText(input.cpf, 'cpf');
  const cpf = cpfText === null ? null : normalizeCpf(cpfText);
  if (cpf === undefined) throw invalidField('cpf', 'CPF inválido.');
  return {
    razao_social: bounded(requiredText(input.razao_social, 'razao_social'), 'razao_social'),
    nome_sat: bounded(requiredText(input.nome_sat, 'nome_sat'), 'nome_sat'),
    cnpj,
    filtro: bounded(optionalText(input.filtro, 'filtro'), 'filtro'),
    servico: bounded(requiredText(input.servico, 'servico'), 'servico'),
    dados_sat: bounded(optionalText(input.dados_sat, 'dados_sat'), 'dados_sat'),
    unidade: bounded(requiredText(input.unidade, 'unidade'), 'unidade'),
    site_emissao: bounded(optionalText(input.site_emissao, 'site_emissao'), 'site_emissao'),
    login_portal: bounded(optionalText(input.login_portal, 'login_portal'), 'login_portal'),
    cpf,
    status_ativo: input.status_ativo !== false,
  };
}

/** The stored row: the hash (with the operadora's codigo) and the search text follow the fields. */
export function clienteRow(
  draft: ClienteDraft,
  operadora: { id: string; codigo: string },
  senhaCifrada: string | null,
  times: { id: string; created_at: number; updated_at: number },
): ClienteRow {
  return {
    ...times,
    ...draft,
    operadora_id: operadora.id,
    status_ativo: draft.status_ativo ? 1 : 0,
    senha_portal_cifrada: senhaCifrada,
    hash_unico: hashUnico({ ...draft, operadoraCodigo: operadora.codigo }),
    busca: buscaOf(draft),
  };
}
