import { createHash } from 'node:crypto';

/** Lower case without accents: the form `q`, CSV headers and operadora names are compared in. */
export function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface HashFields {
  nome_sat: string;
  operadoraCodigo: string;
  servico: string;
  dados_sat: string | null;
  filtro: string | null;
  unidade: string;
}

/**
 * The original's `hash_unico` (faturas-original.md §1.5), always with the operadora's codigo: the
 * original hashed the operadora's UUID on create and its codigo on edit, so one cliente had two hashes.
 */
export function hashUnico(f: HashFields): string {
  const parts = [f.nome_sat, f.operadoraCodigo, f.servico, f.dados_sat ?? '', f.filtro ?? '', f.unidade];
  return createHash('sha256')
    .update(parts.map((p) => p.trim().toLowerCase()).join('|'), 'utf8')
    .digest('hex')
    .slice(0, 50);
}

/** The text `q` searches: razão social, nome SAT, CNPJ (unformatted) and filtro. */
export function buscaOf(f: { razao_social: string; nome_sat: string; cnpj: string; filtro: string | null }): string {
  return fold([f.razao_social, f.nome_sat, f.cnpj, f.filtro ?? ''].join('\n'));
}

/** Escapes LIKE's wildcards so that a user's `%` or `_` matches itself (queries say `escape '\'`). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
