import type { CadastrosDb } from './cadastros.tables.js';
import { COLUMNS, csvLine } from './clientes.csv.js';
import { listForExport, type ClienteFilter } from './clientes.repository.js';

const PAGE = 1000;
const HEADER: (keyof typeof COLUMNS)[] = [
  'cnpj', 'operadora', 'razao_social', 'nome_sat', 'servico', 'unidade',
  'filtro', 'dados_sat', 'site_emissao', 'login_portal', 'cpf', 'status',
];

/**
 * The clientes as the import reads them (same headers, `;`, UTF-8 with BOM for Excel), page by page.
 * No SENHA column: passwords never leave; re-importing this file keeps the stored ones.
 */
export async function* exportClientesCsv(db: CadastrosDb, filter: ClienteFilter): AsyncGenerator<string> {
  yield '\uFEFF' + csvLine(HEADER.map((c) => COLUMNS[c]));
  let after: string | undefined;
  for (;;) {
    const rows = await listForExport(db, filter, after, PAGE);
    if (rows.length === 0) return;
    yield rows
      .map((r) =>
        csvLine([
          r.cnpj, r.op_codigo, r.razao_social, r.nome_sat, r.servico, r.unidade,
          r.filtro, r.dados_sat, r.site_emissao, r.login_portal, r.cpf, r.status_ativo === 1 ? '1' : '0',
        ]),
      )
      .join('');
    after = rows[rows.length - 1]!.id;
  }
}
