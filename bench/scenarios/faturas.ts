import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/core/db/db.js';
import type { CadastrosTables } from '../../src/modules/faturas/cadastros.js';
import { buscaOf } from '../../src/modules/faturas/clientes.rules.js';
import { competenciaOf, shiftCompetencia, toMesAno } from '../../src/modules/faturas/processos.rules.js';
import { STATUS_PROCESSO, type ProcessosTables } from '../../src/modules/faturas/processos.tables.js';
import { DURATION } from '../measure.js';
import type { BenchContext, Scenario } from '../scenario.js';

// run.ts starts the service with this process's environment after loading the scenarios: unless the run
// names its own database, the service's SQLite file is one this process knows, so the 100,000 processos
// are written straight into it (the fiscal scenarios share the file when they run too).
if (!process.env.DATABASE_URL) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-bench-faturas-'));
  process.env.DATABASE_URL = `sqlite:${path.join(dir, 'retaguarda.db')}`;
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}

/** The 100,000 processos (fewer in the CI smoke run): CLIENTES accounts over MONTHS competências. */
const PROCESSOS = DURATION <= 2 ? 10_000 : 100_000;
const MONTHS = 20;
const CLIENTES = PROCESSOS / MONTHS;
const CHUNK = 500;
const DAY_MS = 86_400_000;

const current = competenciaOf(Date.now(), 'America/Sao_Paulo');
let fixture: Promise<{ operadoraId: string }> | undefined;

/** Clientes of the four seeded operadoras, a processo per cliente and month in every status, a month of robot runs. */
function processos(): Promise<{ operadoraId: string }> {
  fixture ??= (async () => {
    const database = openDatabase(process.env.DATABASE_URL!);
    const db = database.db.withTables<CadastrosTables & ProcessosTables>();
    const now = Date.now();
    try {
      const operadoras = await db.selectFrom('faturas_operadoras').select('id').orderBy('codigo').execute();
      const clientes = Array.from({ length: CLIENTES }, (_, i) => {
        const fields = { razao_social: `EMPRESA BENCH ${i} LTDA`, nome_sat: `BENCH ${i}`, cnpj: String(10_000_000_000_000 + i), filtro: `F${i}` };
        return {
          id: randomUUID(), hash_unico: randomUUID().replace(/-/g, ''), ...fields, operadora_id: operadoras[i % operadoras.length]!.id, servico: 'TELEFONIA',
          dados_sat: null, unidade: 'MATRIZ', site_emissao: null, login_portal: null, senha_portal_cifrada: null, cpf: null, status_ativo: 1,
          busca: buscaOf(fields), created_at: now, updated_at: now,
        };
      });
      for (let i = 0; i < clientes.length; i += CHUNK) await db.insertInto('faturas_clientes').values(clientes.slice(i, i + CHUNK)).execute();
      const rows: Insertable<ProcessosTables['faturas_processos']>[] = [];
      for (let month = 0; month < MONTHS; month++) {
        const competencia = shiftCompetencia(current, month);
        for (const [i, cliente] of clientes.entries()) {
          // Older months are mostly done; the recent ones spread over every status.
          const status = month > 2 ? 'UPLOAD_REALIZADO' : STATUS_PROCESSO[(i + month) % STATUS_PROCESSO.length]!;
          const due = new Date(now + ((i % 40) - 10 - month * 30) * DAY_MS).toISOString().slice(0, 10);
          rows.push({
            id: randomUUID(), cliente_id: cliente.id, operadora_id: cliente.operadora_id, competencia, status_processo: status, valor_centavos: 10_000 + ((i * 37) % 90_000),
            data_vencimento: due, criado_automaticamente: 1, created_at: now - month * 30 * DAY_MS - i, updated_at: now - i,
          });
        }
      }
      for (let i = 0; i < rows.length; i += CHUNK) {
        await db.transaction().execute((trx) => trx.insertInto('faturas_processos').values(rows.slice(i, i + CHUNK)).execute());
      }
      const execucoes = rows.slice(0, Math.min(5_000, rows.length)).map((p, i) => ({
        id: randomUUID(), processo_id: p.id as string, tipo_execucao: 'DOWNLOAD_FATURA' as const, status_execucao: i % 7 === 0 ? ('FALHOU' as const) : ('CONCLUIDO' as const),
        job_id: null, parametros_entrada: '{}', mensagem_log: i % 7 === 0 ? 'Erro de navegação: portal indisponível' : null,
        data_inicio: now - (i % 30) * DAY_MS, data_fim: now - (i % 30) * DAY_MS + 20_000,
      }));
      for (let i = 0; i < execucoes.length; i += CHUNK) await db.insertInto('faturas_execucoes').values(execucoes.slice(i, i + CHUNK)).execute();
      return { operadoraId: operadoras[0]!.id };
    } finally {
      await database.close();
    }
  })();
  return fixture;
}

let operadoraId = '';
async function setup(): Promise<void> {
  operadoraId = (await processos()).operadoraId;
}

const auth = (ctx: BenchContext) => ({ authorization: `Bearer ${ctx.token}` });

export const scenarios: Scenario[] = [
  {
    name: 'list',
    group: 'faturas',
    setup,
    // The console's processos page: its filters and orderings in turn, over the 100,000.
    requests: (ctx) =>
      [
        '',
        `?status_processo=AGUARDANDO_APROVACAO&mes_ano=${toMesAno(current)}`,
        `?operadora_id=${operadoraId}&ordering=-data_vencimento`,
        '?q=empresa%20bench%2012',
        `?status_processo=AGUARDANDO_DOWNLOAD&vencimento_de=${new Date().toISOString().slice(0, 10)}&ordering=data_vencimento`,
        `?mes_ano=${toMesAno(shiftCompetencia(current, 1))}&page=3`,
      ].map((query) => ({ method: 'GET' as const, path: `/api/v1/faturas/processos/${query}`, headers: auth(ctx) })),
  },
  {
    name: 'dashboard',
    group: 'faturas',
    setup,
    requests: (ctx) => [{ method: 'GET', path: `/api/v1/faturas/dashboard/?mes_ano=${toMesAno(current)}`, headers: auth(ctx) }],
  },
];
