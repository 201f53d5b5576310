import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { openDatabase } from '../../core/db/db.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../core/testing/test-database.js';
import { SANDBOX_CREDENTIALS } from '../../sandbox/portal-sandbox.js';
import { FINISHED, readSse, type SseReader } from './rpa.test-support.js';
import { startChildService, type ChildService } from '../../core/testing/child-service.js';
import { skipWithoutChromium } from './robots/robots.test-support.js';

const WRONG = 'Senha-Errada-4417';
const UNUSED = 'Senha-Secreta-8812';
const SECRETS = [SANDBOX_CREDENTIALS.senha, WRONG, UNUSED];

function textFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(html|txt|json|log)$/.test(entry.name))
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}

// The service in a child process at LOG_LEVEL=debug, robots in real Chromium (RPA_SANDBOX demo mode):
// every place a portal password could leak is read back and searched.
for (const dialect of testDialects()) {
  describe(`rpa: senha never leaves in clear (${dialect})`, { skip: skipWithoutChromium }, () => {
    let database: TestDatabase;
    let service: ChildService;
    let sse: SseReader;
    const ws: string[] = [];
    const answers: string[] = [];

    before(async () => {
      database = await createTestDatabase(dialect);
      service = await startChildService({ DATA_DIR: database.dataDir, DATABASE_URL: database.url, RPA_SANDBOX: 'true', LOG_LEVEL: 'debug' });
      sse = await readSse(`${service.url}/events/logs?token=${service.token}`);
    });
    after(async () => {
      sse?.close();
      await service?.stop();
      await database?.drop();
    });

    it('not in logs, statuses, events, SSE, WebSocket, stored files nor the jobs tables', async () => {
      const socket = new WebSocket(`${service.url.replace('http', 'ws')}/ws/notifications?token=${service.token}`);
      socket.on('message', (raw) => ws.push(String(raw)));
      await new Promise((resolve) => socket.once('open', resolve));
      const account = { login: SANDBOX_CREDENTIALS.login, filtro: '12345678', cnpj: '12.345.678/0001-90' };
      const requests = [
        ['OI', { ...account, senha: SANDBOX_CREDENTIALS.senha }],
        ['VIVO', { ...account, senha: WRONG }],
        ['EMBRATEL', { ...account, senha: SANDBOX_CREDENTIALS.senha, filtro: 'conta-inexistente' }],
      ] as const;
      const ids: string[] = [];
      for (const [operadora, body] of requests) {
        const created = await service.call('POST', `/executar/${operadora}`, body);
        answers.push(JSON.stringify(created.body));
        ids.push(created.body.job_id);
        socket.send(JSON.stringify({ action: 'subscribe', job_id: created.body.job_id }));
      }
      const invalid = await service.call('POST', '/executar/OI', { senha: UNUSED, cnpj: 1 });
      assert.equal(invalid.status, 422);
      answers.push(JSON.stringify(invalid.body));

      for (const id of ids) {
        for (let i = 0; ; i++) {
          const status = await service.call('GET', `/status/${id}`);
          if (FINISHED.includes(status.body.status)) break;
          if (i > 600) assert.fail(`job ${id} não terminou`);
          await new Promise((r) => setTimeout(r, 100));
        }
        answers.push(JSON.stringify((await service.call('GET', `/status/${id}`)).body));
        answers.push(JSON.stringify((await service.call('GET', `/jobs/${id}/logs`)).body));
      }
      const statuses = answers.slice(-6).filter((_, i) => i % 2 === 0).map((a) => JSON.parse(a).status);
      assert.deepEqual(statuses, ['COMPLETED', 'FAILED', 'FAILED'], 'the robots really used the passwords');
      await sse.next((e) => e.data.level === 'WARN' && e.data.job_id === ids[2], 30_000);
      answers.push(JSON.stringify((await service.call('GET', '/jobs')).body));
      socket.close();
      await service.stop();

      const db = openDatabase(database.url);
      const tables: Record<string, unknown[]> = {};
      for (const table of ['jobs', 'job_logs', 'job_events', 'rpa_finished_jobs']) {
        tables[table] = await db.db.selectFrom(table as 'users').selectAll().execute();
      }
      await db.close();
      const payloads = (tables.jobs as Array<{ payload: string }>).map((row) => JSON.parse(row.payload));
      assert.ok(payloads.every((p) => typeof p.senha?.$sealed === 'string'), 'senha sealed at rest');

      const places: Record<string, string> = {
        'saída do processo (pino)': service.output(),
        'respostas HTTP': answers.join('\n'),
        'eventos SSE': JSON.stringify(sse.events),
        'mensagens WebSocket': ws.join('\n'),
        'tabelas jobs/job_logs/job_events': JSON.stringify(tables),
        'arquivos armazenados': textFiles(path.join(database.dataDir, 'storage')).join('\n'),
      };
      assert.match(places['saída do processo (pino)'], /"msg":"requisição"[\s\S]*RPA_SANDBOX ativo|RPA_SANDBOX ativo[\s\S]*"msg":"requisição"/, 'the log was captured');
      assert.ok(ws.length > 5 && sse.events.length > 5);
      for (const [place, text] of Object.entries(places)) {
        for (const secret of SECRETS) assert.ok(!text.includes(secret), `'${secret}' apareceu em ${place}`);
      }
    });
  });
}
