import WebSocket from 'ws';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../core/testing/test-app.js';

export interface WsClient {
  messages: any[];
  send(message: unknown): void;
  next(match: (m: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): void;
}

export async function connectWs(url: string): Promise<WsClient> {
  const socket = new WebSocket(url);
  const messages: any[] = [];
  socket.on('message', (raw) => {
    messages.push(JSON.parse(String(raw)));
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return {
    messages,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    async next(match, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`mensagem não chegou; recebidas: ${JSON.stringify(messages)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => socket.close(),
  };
}

/** The status code a WebSocket handshake was refused with (the upgrade answered by plain HTTP). */
export function refusedWith(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => reject(new Error('conexão aceita')));
    socket.once('error', () => undefined);
  });
}

export interface AtendimentoHarness {
  t: TestApp;
  /** `host:port` of the listening service. */
  base: string;
  admin: string;
  as(token: string | undefined, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startAtendimento(dialect: 'sqlite' | 'postgres', env: Record<string, string> = {}): Promise<AtendimentoHarness> {
  const t = await createTestApp({ dialect, env: { MODULES: 'atendimento', ...env } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as { port: number };
  const admin = await t.loginAs('ADMINISTRADOR');
  return {
    t,
    base: `127.0.0.1:${port}`,
    admin,
    as: (token, options) => t.app.inject({ ...options, headers: { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } }),
    close: () => t.close(),
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condição não atingida a tempo');
    await new Promise((r) => setTimeout(r, 10));
  }
}
