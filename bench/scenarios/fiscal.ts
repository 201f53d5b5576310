import type autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/core/db/db.js';
import type { FiscalTables } from '../../src/modules/fiscal/fiscal.tables.js';
import { DOC_TYPES } from '../../src/modules/fiscal/fiscal.tables.js';
import { DURATION } from '../measure.js';
import type { BenchContext, Scenario } from '../scenario.js';

// run.ts starts the service with this process's environment after loading the scenarios. FocusNFE is
// configured so the fiscal routes answer (no call reaches Focus in these scenarios), and, unless the
// run names its own database, the service's SQLite file is one this process knows, so the 100,000
// notes are written straight into it instead of emitted one by one (≈170/s through Focus's sandbox).
const SECRET = 'segredo-do-webhook-do-bench';
process.env.FOCUS_NFE_TOKEN ??= 'token-do-bench';
process.env.FOCUS_NFE_BASE_URL ??= 'http://127.0.0.1:9';
process.env.FOCUS_NFE_WEBHOOK_SECRET = SECRET;
if (!process.env.DATABASE_URL) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-bench-fiscal-'));
  process.env.DATABASE_URL = `sqlite:${path.join(dir, 'retaguarda.db')}`;
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}

/** Notes behind /dashboard/stats (the 100,000; fewer in the CI smoke run). */
const NOTES = DURATION <= 2 ? 10_000 : 100_000;
const CHUNK = 500;

let fixture: Promise<void> | undefined;

/** NOTES notes of every type, all `processando_autorizacao`: the webhook scenario authorises them one by one. */
function notes(): Promise<void> {
  fixture ??= (async () => {
    const database = openDatabase(process.env.DATABASE_URL!);
    const db = database.db.withTables<FiscalTables>();
    const at = Date.now();
    try {
      const perType = new Map<string, number>();
      for (let from = 0; from < NOTES; from += CHUNK) {
        const rows = Array.from({ length: Math.min(CHUNK, NOTES - from) }, (_, k) => {
          const i = from + k;
          const tipo = DOC_TYPES[i % DOC_TYPES.length]!;
          perType.set(tipo, (perType.get(tipo) ?? 0) + 1);
          return {
            ref: `bench-${i}`, tipo, status: 'processando_autorizacao', cnpj_emitente: '51916585000125', chave: null, numero: null,
            serie: null, payload: '{}', focus_document: null, send_failed: 0, xml_key: null, pdf_key: null, files_pending: 0,
            created_at: at - (NOTES - i) * 1000, updated_at: at,
          };
        });
        await db.transaction().execute((trx) => trx.insertInto('fiscal_invoices').values(rows).execute());
      }
      const counts = [...perType].map(([tipo, total]) => ({ tipo, status: 'processando_autorizacao', total }));
      await db.insertInto('fiscal_counts').values(counts).execute();
    } finally {
      await database.close();
    }
  })();
  return fixture;
}

let sent = 0;

/** Every accepted webhook has been applied (its log row marked) before the next scenario runs. */
async function applied(ctx: BenchContext): Promise<void> {
  const until = Date.now() + 5 * 60_000;
  for (;;) {
    const stats = await ctx.call<{ webhooks_pendentes: number; por_status: Record<string, number> }>('GET', '/dashboard/stats');
    if (stats.webhooks_pendentes === 0) {
      process.stderr.write(`fiscal/webhook: ${sent} webhooks enviados, todos aplicados; notas autorizadas: ${stats.por_status.autorizado ?? 0}\n`);
      return;
    }
    if (Date.now() > until) throw new Error(`fiscal/webhook: ${stats.webhooks_pendentes} webhooks não aplicados em 5 minutos`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'webhook',
    group: 'fiscal',
    setup: notes,
    settle: applied,
    requests: () => [
      {
        method: 'POST',
        path: '/webhooks/focusnfe',
        headers: { authorization: SECRET, 'content-type': 'application/json' },
        // Each webhook authorises the next note; past the last one they are duplicates, applied as such.
        setupRequest: (request: autocannon.Request) => {
          const ref = `bench-${sent++ % NOTES}`;
          return { ...request, body: JSON.stringify({ cnpj_prestador: '51916585000125', ref, status: 'autorizado', numero: String(sent) }) };
        },
      },
    ],
  },
  {
    name: 'stats',
    group: 'fiscal',
    setup: notes,
    requests: (ctx) => [{ method: 'GET', path: '/dashboard/stats', headers: { authorization: `Bearer ${ctx.token}` } }],
  },
];
