// faturas' CSV import of clientes (issue 11, item 3: 10,000 rows in < 5 s): the real service on a
// temporary SQLite file, the file posted over a socket as multipart; first every row new, then the
// same file again with sobrescrever (every row an update).
import { createTestApp } from '../../src/core/testing/test-app.js';
import { cnpjFrom } from '../../src/modules/faturas/cadastros.test-support.js';
import type { Probe, ProbeContext, ProbeResult } from '../scenario.js';
import { now } from './support.js';

function csvOf(rows: number): string {
  const operadoras = ['OI', 'Vivo', 'EMBRATEL', 'DigitalNet'];
  const lines = ['CNPJ;OPERADORA;RAZÃO SOCIAL;NOME SAT;SERVIÇO;UNIDADE / FILTRO SAT;FILTRO;DADOS SAT;LOGIN;SENHA;CPF;STATUS'];
  for (let i = 0; i < rows; i++) {
    const cnpj = cnpjFrom(String(10_000_000 + i).padStart(8, '0') + '0001');
    lines.push(
      `${cnpj};${operadoras[i % 4]};Empresa ${i} Comércio Ltda;EMPRESA ${i};Linha ${i};Campo Grande-MS;CONTA-${i};Fixo;login${i};senha-${i};529.982.247-25;1`,
    );
  }
  return lines.join('\r\n');
}

async function importCsv(ctx: ProbeContext): Promise<ProbeResult[]> {
  const rows = ctx.quick ? 1_000 : 10_000;
  // Only the modules the import needs: the figure is the import's, not the other modules' background work.
  const t = await createTestApp({ env: { MODULES: 'faturas,rpa' } });
  try {
    const token = await t.loginAs('ADMINISTRADOR');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const file = new Blob([csvOf(rows)], { type: 'text/csv' });
    const post = async (sobrescrever: boolean) => {
      const form = new FormData();
      form.append('arquivo', file, 'clientes.csv');
      form.append('sobrescrever', String(sobrescrever));
      const started = now();
      const cpu = process.cpuUsage();
      const res = await fetch(`${address}/api/v1/faturas/clientes/importar`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { criados: number; atualizados: number; erros: unknown[] };
      const seconds = (now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      if (!res.ok || body.erros.length > 0 || body.criados + body.atualizados !== rows) {
        throw new Error(`importação inesperada: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      }
      // The service runs in this process: its CPU time is the figure a loaded machine does not inflate.
      return { seconds, cpu: (used.user + used.system) / 1e6 };
    };
    const created = await post(false);
    const updated = await post(true);
    const target = { op: '<' as const, value: 5 };
    const goal = rows === 10_000 ? { target } : {};
    return [
      { metric: `importar CSV, ${rows} clientes novos`, value: created.seconds, unit: 's', ...goal },
      { metric: `importar CSV, ${rows} clientes novos (CPU)`, value: created.cpu, unit: 's' },
      { metric: `importar CSV, ${rows} clientes com sobrescrever`, value: updated.seconds, unit: 's', ...goal },
      { metric: `importar CSV, ${rows} clientes com sobrescrever (CPU)`, value: updated.cpu, unit: 's' },
    ];
  } finally {
    await t.close();
  }
}

export const probes: Probe[] = [{ name: 'import', group: 'faturas', run: importCsv }];
