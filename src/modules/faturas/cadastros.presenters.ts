import type { Cliente } from './clientes.schemas.js';
import type { ClienteJoined } from './clientes.repository.js';
import type { Operadora } from './operadoras.schemas.js';
import type { OperadoraRow } from './operadoras.repository.js';

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function toOperadora(row: OperadoraRow): Operadora {
  return {
    id: row.id,
    nome: row.nome,
    codigo: row.codigo,
    possui_rpa: row.possui_rpa === 1,
    status_ativo: row.status_ativo === 1,
    url_portal: row.url_portal,
    instrucoes_acesso: row.instrucoes_acesso,
    configuracao_rpa: row.configuracao_rpa === null ? null : (JSON.parse(row.configuracao_rpa) as Record<string, unknown>),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** The one place a cliente row becomes an API object: the sealed password stays behind. */
export function toCliente(row: ClienteJoined): Cliente {
  return {
    id: row.id,
    hash_unico: row.hash_unico,
    razao_social: row.razao_social,
    nome_sat: row.nome_sat,
    cnpj: row.cnpj,
    operadora_id: row.operadora_id,
    operadora: {
      id: row.operadora_id,
      nome: row.op_nome,
      codigo: row.op_codigo,
      possui_rpa: row.op_possui_rpa === 1,
      status_ativo: row.op_status_ativo === 1,
    },
    filtro: row.filtro,
    servico: row.servico,
    dados_sat: row.dados_sat,
    unidade: row.unidade,
    site_emissao: row.site_emissao,
    login_portal: row.login_portal,
    possui_senha: row.senha_portal_cifrada !== null,
    cpf: row.cpf,
    status_ativo: row.status_ativo === 1,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** A DRF page's count and results, read together. */
export async function pageOf<R, T>(count: Promise<number>, rows: Promise<R[]>, present: (row: R) => T) {
  const [n, list] = await Promise.all([count, rows]);
  return { count: n, results: list.map(present) };
}
