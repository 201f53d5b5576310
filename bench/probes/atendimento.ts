// atendimento's live feed: message_status latency (p50/p99) to 1,000 WebSocket clients on
// /ws/whatsapp/, from the event's `ts` (set as its status is written) to its arrival in a client
// process. The service side is the real one: runtime, guard, stub driver, job queue, EventBus.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/core/config/config.js';
import { createLogger } from '../../src/core/logger.js';
import { createRuntime } from '../../src/runtime.js';
import type { Probe, ProbeContext, ProbeResult } from '../scenario.js';
import { forkClients, percentile } from './support.js';

async function wsFanout(ctx: ProbeContext): Promise<ProbeResult[]> {
  const clientCount = ctx.quick ? 200 : 1_000;
  const messages = ctx.quick ? 5 : 20;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-probe-'));
  const config = loadConfig({ DATA_DIR: dataDir, MODULES: 'atendimento', WHATSAPP_STUB_FAST: '1', LOG_LEVEL: 'warn', WEB_DIST: path.join(dataDir, 'no-console') });
  const runtime = await createRuntime(config, createLogger('warn'));
  try {
    const address = await runtime.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await runtime.services.users.create({ nome_completo: 'Probe', email: 'probe@retaguarda.local', perfil: 'ADMINISTRADOR', password: 'probe-password-123' });
    const token = await runtime.services.tokens.issueAccess(admin.id);
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      runtime.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
    await call('POST', '/api/v1/whatsapp/session/start');
    while ((await call('GET', '/api/v1/whatsapp/session/status')).json().status !== 'ready') await new Promise((r) => setTimeout(r, 20));

    const clients = forkClients('atendimento-ws', { WS_URL: `${address.replace('http', 'ws')}/ws/whatsapp/?token=${token}`, CLIENTS: String(clientCount) });
    try {
      await clients.next('connected');
      // Spaced sends: each one's four statuses (queued, sent, delivered, read) fan out to every client.
      for (let i = 0; i < messages; i++) {
        await call('POST', '/api/v1/whatsapp/messages', { to: '5511912345678', type: 'text', text: `Probe ${i}` });
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 1_000));
      const report = clients.next<Array<[string, number, number]>>('received');
      clients.child.send({ report: true });
      const latencies = (await report).map(([, arrived, ts]) => arrived - ts).sort((a, b) => a - b);
      const label = `${clientCount} clientes WS, ${latencies.length} mensagens`;
      return [
        { metric: `message_status p50, ${label}`, value: percentile(latencies, 50), unit: 'ms' },
        { metric: `message_status p99, ${label}`, value: percentile(latencies, 99), unit: 'ms', target: { op: '<', value: 100 } },
      ];
    } finally {
      clients.stop();
    }
  } finally {
    await runtime.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export const probes: Probe[] = [{ name: 'ws-fanout', group: 'atendimento', run: wsFanout }];
