import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../../core/testing/test-app.js';
import { DEFAULT_PORTALS_FILE, type Operadora } from './robots/index.js';

/** Shared by the rpa tests only. */

export const OI_EXAMPLE = {
  login: 'usuario@empresa.com.br',
  senha: 'senha123',
  filtro: '12345678',
  cnpj: '12.345.678/0001-90',
  processo_id: 'b4148f5f-e820-408a-b623-8f1ba3fd2578',
};

export const SAT_EXAMPLE = {
  cnpj: '12.345.678/0001-90',
  razao: 'EMPRESA EXEMPLO LTDA',
  operadora: 'OI',
  nome_filtro: 'OI FIXO',
  unidade: 'UNIDADE CENTRAL',
  servico: 'TELEFONIA',
  dados_sat: 'DADOS_SAT_EXEMPLO',
  nome_arquivo: 'fatura_oi_202401.pdf',
  data_vencimento: '15/01/2024',
};

export const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
export const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'];

export interface RpaHarness {
  t: TestApp;
  token: string;
  /** `inject` with the admin token unless `headers` says otherwise. */
  call(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Polls GET /status until the job is in one of `statuses`. */
  waitFor(jobId: string, statuses?: string[], timeoutMs?: number): Promise<any>;
  close(): Promise<void>;
}

export async function startRpa(dialect: 'sqlite' | 'postgres', env: Record<string, string> = {}): Promise<RpaHarness> {
  const t = await createTestApp({ dialect, env: { PROCESSO_API_URL: 'http://127.0.0.1:9', ...env } });
  const token = await t.loginAs('ADMINISTRADOR');
  const call: RpaHarness['call'] = async (method, url, body, headers) => {
    const response = await t.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body as object }),
      headers: headers ?? { authorization: `Bearer ${token}` },
    });
    const type = String(response.headers['content-type'] ?? '');
    return { status: response.statusCode, body: type.includes('json') ? response.json() : response.rawPayload };
  };
  return {
    t,
    token,
    call,
    async waitFor(jobId, statuses = FINISHED, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await call('GET', `/status/${jobId}`);
        if (statuses.includes(body.status)) return body;
        if (Date.now() > until) throw new Error(`job ${jobId} ficou em ${body.status}: ${JSON.stringify(body)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => t.close(),
  };
}

export interface SseReader {
  /** Events received so far (parsed `data:` JSON, with the `id:` when sent). */
  events: Array<{ id?: string; data: any }>;
  /** Resolves with the first event matching, waiting for it. */
  next(match: (event: { id?: string; data: any }) => boolean, timeoutMs?: number): Promise<{ id?: string; data: any }>;
  close(): void;
}

/** Reads an SSE stream over a real socket; throws with the status when it is not a stream. */
export async function readSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!String(response.headers.get('content-type')).startsWith('text/event-stream')) {
    const error = new Error(`HTTP ${response.status}`) as Error & { status: number; body: unknown };
    error.status = response.status;
    error.body = await response.json();
    throw error;
  }
  const events: SseReader['events'] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          const id = block.split('\n').find((l) => l.startsWith('id: '))?.slice(4);
          if (data) events.push({ ...(id ? { id } : {}), data: JSON.parse(data) });
          waiters.forEach((w) => w());
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    next(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`evento SSE não chegou; recebidos: ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}

/** A portals file like the shipped one, with base URLs pointing at sandboxes (for RPA_PORTALS_FILE). */
export function writePortalsFile(dir: string, urls: Partial<Record<Operadora | 'SAT', string>>): string {
  const config = JSON.parse(fs.readFileSync(DEFAULT_PORTALS_FILE, 'utf8'));
  for (const [name, url] of Object.entries(urls)) {
    if (name === 'SAT') config.sat.baseUrl = url;
    else config.operadoras[name].baseUrl = url;
  }
  const file = path.join(dir, 'portals.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}
