import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { isPostgres } from '../../core/db/schema-helpers.js';
import { AppError } from '../../core/http/errors.js';
import { fromCentavos } from '../../core/money/index.js';
import { SYSTEM, type FaturasContext } from './faturas.context.js';
import { notify } from './notificacoes.repository.js';
import { competenciaOf, toMesAno } from './processos.rules.js';
import type { ProcessosService } from './processos.service.js';
import { UNFINISHED_EXECUCAO } from './processos.tables.js';
import type { Parametros, TipoAgendamento } from './agendamentos.schemas.js';

export type Resultado = Record<string, unknown>;
type Runner<T extends TipoAgendamento> = (params: Parametros<T>) => Promise<Resultado>;

const DAY_MS = 86_400_000;
const BACKUP_PREFIX = 'faturas/backups/';
/** The tables a PostgreSQL backup holds (portal passwords stay sealed). */
const BACKUP_TABLES = ['faturas_operadoras', 'faturas_clientes', 'faturas_processos', 'faturas_execucoes', 'faturas_historico', 'faturas_agendamentos'] as const;

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** What each tipo of agendamento does when it runs. */
export function createTipos(ctx: FaturasContext, processos: ProcessosService): { [T in TipoAgendamento]: Runner<T> } {
  const { db } = ctx;
  const competencia = (which: 'atual' | 'anterior' | undefined) => competenciaOf(ctx.now(), ctx.timeZone, which === 'anterior' ? 1 : 0);

  return {
    async CRIAR_PROCESSOS_MENSAIS(params) {
      return processos.criarMensais(toMesAno(competencia(params.competencia)), params.operadora_id ?? undefined, SYSTEM);
    },

    /** Starts up to N downloads of processos waiting for one, the nearest due date first. */
    async EXECUTAR_DOWNLOADS(params) {
      const limite = params.limite_execucoes_simultaneas ?? 5;
      const rows = await db
        .selectFrom('faturas_processos as p')
        .innerJoin('faturas_clientes as c', 'c.id', 'p.cliente_id')
        .innerJoin('faturas_operadoras as o', 'o.id', 'c.operadora_id')
        .select('p.id')
        .where('p.status_processo', '=', 'AGUARDANDO_DOWNLOAD')
        .where('o.possui_rpa', '=', 1)
        .where('o.status_ativo', '=', 1)
        .where('c.status_ativo', '=', 1)
        .$if(Boolean(params.operadora_id), (q) => q.where('c.operadora_id', '=', params.operadora_id!))
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('faturas_execucoes as e').select('e.id').whereRef('e.processo_id', '=', 'p.id').where('e.status_execucao', 'in', UNFINISHED_EXECUCAO))),
        )
        .orderBy('p.data_vencimento')
        .orderBy('p.created_at')
        .limit(limite)
        .execute();
      const erros: { processo_id: string; mensagem: string }[] = [];
      let iniciados = 0;
      for (const { id } of rows) {
        try {
          await processos.executarDownload(id, SYSTEM);
          iniciados += 1;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          erros.push({ processo_id: id, mensagem: error.message });
        }
      }
      return { iniciados, erros };
    },

    /** The month's processos as CSV in storage, and a notification saying where. */
    async ENVIAR_RELATORIOS(params) {
      const comp = competencia(params.competencia);
      const rows = await db
        .selectFrom('faturas_processos as p')
        .innerJoin('faturas_clientes as c', 'c.id', 'p.cliente_id')
        .innerJoin('faturas_operadoras as o', 'o.id', 'c.operadora_id')
        .select(['c.razao_social', 'c.cnpj', 'o.codigo', 'p.status_processo', 'p.valor_centavos', 'p.data_vencimento', 'p.enviado_para_sat', 'p.tentativas_download'])
        .where('p.competencia', '=', comp)
        .$if(Boolean(params.operadora_id), (q) => q.where('c.operadora_id', '=', params.operadora_id!))
        .orderBy('c.razao_social')
        .execute();
      const header = ['RAZÃO SOCIAL', 'CNPJ', 'OPERADORA', 'MÊS/ANO', 'STATUS', 'VALOR', 'VENCIMENTO', 'ENVIADO SAT', 'TENTATIVAS DOWNLOAD'];
      const lines = rows.map((r) =>
        [r.razao_social, r.cnpj, r.codigo, toMesAno(comp), r.status_processo, r.valor_centavos === null ? '' : fromCentavos(Number(r.valor_centavos)).toFixed(2).replace('.', ','), r.data_vencimento, r.enviado_para_sat ? 'SIM' : 'NÃO', r.tentativas_download]
          .map(csvCell)
          .join(';'),
      );
      const key = `faturas/relatorios/relatorio-${comp}-${ctx.now()}.csv`;
      await ctx.storage.put(key, Buffer.from(`\ufeff${[header.join(';'), ...lines].join('\r\n')}\r\n`, 'utf8'), 'text/csv; charset=utf-8');
      await notify(db, { perfis: [], tipo: 'RELATORIO', titulo: `Relatório de faturas ${toMesAno(comp)}`, mensagem: `${rows.length} processos; arquivo ${key}`, processo_id: null, chave: `relatorio:${key}` }, ctx.now());
      return { arquivo: key, linhas: rows.length };
    },

    /** Drops what is only operational noise after `dias`; the processos' history (an audit trail) is kept. */
    async LIMPEZA_LOGS(params) {
      const before = ctx.now() - (params.dias ?? 30) * DAY_MS;
      const execucoes = await db
        .deleteFrom('faturas_execucoes')
        .where('data_fim', '<', before)
        .where('status_execucao', 'not in', UNFINISHED_EXECUCAO)
        .executeTakeFirst();
      const notificacoes = await db.deleteFrom('faturas_notificacoes').where('lida', '=', 1).where('created_at', '<', before).executeTakeFirst();
      const runs = await db.deleteFrom('faturas_agendamento_runs').where('fim', '<', before).executeTakeFirst();
      return {
        execucoes_removidas: Number(execucoes.numDeletedRows),
        notificacoes_removidas: Number(notificacoes.numDeletedRows),
        registros_agendamento_removidos: Number(runs.numDeletedRows),
      };
    },

    /**
     * SQLite: a consistent copy of the whole database (`VACUUM INTO`). PostgreSQL: the faturas tables as
     * JSON, read in one REPEATABLE READ transaction (pg_dump is not assumed to be installed).
     */
    async BACKUP_DADOS(params) {
      const stamp = new Date(ctx.now()).toISOString().replace(/[:.]/g, '-');
      let key: string;
      if (isPostgres(db)) {
        const dump = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
          const tables: Record<string, unknown[]> = {};
          for (const table of BACKUP_TABLES) tables[table] = await trx.selectFrom(table).selectAll().execute();
          return tables;
        });
        key = `${BACKUP_PREFIX}faturas-${stamp}.json`;
        await ctx.storage.put(key, Buffer.from(JSON.stringify({ formato: 'faturas-json-1', gerado_em: new Date(ctx.now()).toISOString(), tabelas: dump })), 'application/json');
      } else {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faturas-backup-'));
        const file = path.join(dir, 'retaguarda.sqlite');
        try {
          await sql`vacuum into ${file}`.execute(db);
          key = `${BACKUP_PREFIX}retaguarda-${stamp}.sqlite`;
          await ctx.storage.put(key, fs.createReadStream(file), 'application/vnd.sqlite3');
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
      const keep = params.manter_ultimos_backups ?? 7;
      const all = await ctx.storage.list(BACKUP_PREFIX);
      const old = all.slice(0, Math.max(0, all.length - keep));
      for (const stale of old) await ctx.storage.delete(stale);
      return { arquivo: key, removidos: old.length, mantidos: all.length - old.length };
    },
  };
}
