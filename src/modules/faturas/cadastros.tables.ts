import type { Kysely } from 'kysely';
import type { CoreTables } from '../../core/db/tables.js';

/** A carrier. Booleans are 0/1; times are UTC epoch milliseconds. */
export interface FaturasOperadorasTable {
  id: string;
  nome: string;
  /** Upper case; the rpa robot's name (`rpa.{codigo}`) when `possui_rpa`. */
  codigo: string;
  possui_rpa: number;
  status_ativo: number;
  url_portal: string | null;
  instrucoes_acesso: string | null;
  /** JSON text, or null. */
  configuracao_rpa: string | null;
  created_at: number;
  updated_at: number;
}

/** A billing account of a company at one carrier (the same CNPJ appears many times). */
export interface FaturasClientesTable {
  id: string;
  /** sha256(nome_sat|operadora codigo|servico|dados_sat|filtro|unidade)[:50], each trimmed and lower-cased. */
  hash_unico: string;
  razao_social: string;
  nome_sat: string;
  /** 14 characters, upper case, no mask (numeric or alphanumeric CNPJ). */
  cnpj: string;
  operadora_id: string;
  filtro: string | null;
  servico: string;
  dados_sat: string | null;
  unidade: string;
  site_emissao: string | null;
  login_portal: string | null;
  /** SecretBox-sealed portal password; never leaves the module except decrypted for a robot job. */
  senha_portal_cifrada: string | null;
  /** 11 digits, no mask. */
  cpf: string | null;
  status_ativo: number;
  /** Lower-cased, accent-folded razão social, nome SAT, CNPJ and filtro, for `q`. */
  busca: string;
  created_at: number;
  updated_at: number;
}

export type CadastrosTables = {
  faturas_operadoras: FaturasOperadorasTable;
  faturas_clientes: FaturasClientesTable;
};
export type CadastrosDb = Kysely<CoreTables & CadastrosTables>;
