import { fromCentavos } from '../../core/money/index.js';
import type { FaturasContext } from './faturas.context.js';
import { countFailures, countStatus, countsByOperadora, dueRisk, dueSoon, operadoras as listOperadoras, recentFailures, robotOutcomes } from './dashboard.repository.js';
import { notify } from './notificacoes.repository.js';
import { addDays, competenciaOf, isoTimestamp, localDate, parseMesAno, toBrDate, toMesAno } from './processos.rules.js';
import { STATUS_PROCESSO, type StatusProcesso } from './processos.tables.js';

const DAY_MS = 86_400_000;
/** How old a dashboard may be: concurrent and repeated requests for a month share one computation. */
const CACHE_MS = 5_000;
const emptyStatus = () => Object.fromEntries(STATUS_PROCESSO.map((s) => [s, 0])) as Record<StatusProcesso, number>;

/** The operator's first screen: the month by status and operadora, what is at risk, what waits, how the robots do. */
export function createDashboardService(ctx: FaturasContext) {
  const { db } = ctx;

  const cache = new Map<string, { at: number; value: Promise<Awaited<ReturnType<typeof compute>>> }>();

  function dashboard(mesAno: string | undefined) {
    const now = ctx.now();
    const competencia = mesAno ? parseMesAno(mesAno, 'mes_ano') : competenciaOf(now, ctx.timeZone);
    const hit = cache.get(competencia);
    if (hit && now - hit.at < CACHE_MS) return hit.value;
    if (cache.size > 100) cache.clear();
    const value = compute(competencia, now);
    cache.set(competencia, { at: now, value });
    value.catch(() => cache.delete(competencia));
    return value;
  }

  async function compute(competencia: string, now: number) {
    const today = localDate(now, ctx.timeZone);
    const [grouped, names, risco, aprovacoes, robots, falhas, totalFalhas] = await Promise.all([
      countsByOperadora(db, competencia),
      listOperadoras(db),
      dueRisk(db, today, addDays(today, 3), addDays(today, 7)),
      countStatus(db, 'AGUARDANDO_APROVACAO'),
      robotOutcomes(db, now - 30 * DAY_MS),
      recentFailures(db, now - 7 * DAY_MS, 10),
      countFailures(db, now - 7 * DAY_MS),
    ]);
    const porStatus = emptyStatus();
    const operadoras = new Map<string, { operadora_id: string; codigo: string; nome: string; total: number; por_status: Record<StatusProcesso, number> }>();
    let valor = 0;
    const named = new Map(names.map((o) => [o.id, o]));
    for (const row of grouped) {
      const n = Number(row.n);
      porStatus[row.status_processo] += n;
      valor += Number(row.valor ?? 0);
      let entry = operadoras.get(row.operadora_id);
      const { codigo = '?', nome = '?' } = named.get(row.operadora_id) ?? {};
      if (!entry) operadoras.set(row.operadora_id, (entry = { operadora_id: row.operadora_id, codigo, nome, total: 0, por_status: emptyStatus() }));
      entry.total += n;
      entry.por_status[row.status_processo] += n;
    }
    const taxas = new Map<string, { operadora: string; execucoes: number; concluidas: number; falhas: number }>();
    for (const row of robots) {
      const codigo = named.get(row.operadora_id)?.codigo ?? '?';
      const entry = taxas.get(codigo) ?? { operadora: codigo, execucoes: 0, concluidas: 0, falhas: 0 };
      const n = Number(row.n);
      entry.execucoes += n;
      if (row.status_execucao === 'CONCLUIDO') entry.concluidas += n;
      if (row.status_execucao === 'FALHOU' || row.status_execucao === 'TIMEOUT') entry.falhas += n;
      taxas.set(codigo, entry);
    }
    return {
      mes_ano: toMesAno(competencia),
      total: Object.values(porStatus).reduce((a, b) => a + b, 0),
      valor_total: fromCentavos(valor),
      por_status: porStatus,
      por_operadora: [...operadoras.values()].sort((a, b) => b.total - a.total),
      risco_vencimento: risco,
      aprovacoes_pendentes: aprovacoes,
      taxa_sucesso_robos: [...taxas.values()]
        .map((t) => ({ ...t, taxa_sucesso: t.execucoes === 0 ? 0 : Math.round((t.concluidas / t.execucoes) * 1000) / 10 }))
        .sort((a, b) => a.operadora.localeCompare(b.operadora)),
      falhas_ultimos_7_dias: {
        total: totalFalhas,
        recentes: falhas.map((f) => ({
          execucao_id: f.id, processo_id: f.processo_id, tipo_execucao: f.tipo_execucao, status_execucao: f.status_execucao,
          razao_social: f.razao_social, operadora: f.codigo, mensagem: f.mensagem_log, data_inicio: isoTimestamp(Number(f.data_inicio))!,
        })),
      },
    };
  }

  /** Warns everyone once per processo and due date when the due date is less than 3 days away and SAT has not got it. */
  async function warnDueDates(): Promise<number> {
    const now = ctx.now();
    const today = localDate(now, ctx.timeZone);
    let warned = 0;
    for (const p of await dueSoon(db, today, addDays(today, 3), 500)) {
      warned += await notify(
        db,
        {
          perfis: ['OPERADOR', 'APROVADOR'],
          tipo: 'VENCIMENTO_PROXIMO',
          titulo: 'Fatura vence em menos de 3 dias',
          mensagem: `A fatura de ${toMesAno(p.competencia)} vence em ${toBrDate(p.data_vencimento!)} e ainda não foi enviada ao SAT.`,
          processo_id: p.id,
          chave: `vencimento:${p.id}:${p.data_vencimento}`,
        },
        now,
      );
    }
    return warned;
  }

  return { dashboard, warnDueDates };
}
