import { createTestApp, type TestApp } from '../../core/testing/test-app.js';
import { startFocusNfeSandbox, type FocusNfeSandbox, type FocusSandboxOptions } from '../../sandbox/focusnfe-sandbox.js';
import { FocusClient } from './focus/focus-client.js';

export const TOKEN = 'token-de-homologacao-sandbox';
export const SECRET = 'segredo-do-webhook-123';
export const HOOK_EVENTS = ['nfe', 'nfse', 'cte', 'mdfe', 'nfce_contingencia'] as const;

export interface FiscalHarness {
  test: TestApp;
  sandbox: FocusNfeSandbox;
  url: string;
  token: string;
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  webhook(payload: unknown, secret?: string | null): Promise<number>;
  close(): Promise<void>;
}

/** The real service on a real socket, wired to the FocusNFE sandbox, with its webhook registered at Focus. */
export async function startFiscal(
  dialect: 'sqlite' | 'postgres',
  options: { env?: Record<string, string>; sandbox?: Partial<FocusSandboxOptions>; registerHooks?: boolean } = {},
): Promise<FiscalHarness> {
  const sandbox = await startFocusNfeSandbox({ token: TOKEN, delayMs: 30, retryScheduleMs: [50, 100, 200], ...options.sandbox });
  const test = await createTestApp({
    dialect,
    // Only this module: a test of fiscal does not depend on the state of the others.
    env: { MODULES: 'fiscal', FOCUS_NFE_TOKEN: TOKEN, FOCUS_NFE_BASE_URL: sandbox.url, FOCUS_NFE_WEBHOOK_SECRET: SECRET, ...options.env },
  });
  const url = await test.app.listen({ port: 0, host: '127.0.0.1' });
  if (options.registerHooks ?? true) {
    const focus = new FocusClient({ baseUrl: sandbox.url, token: TOKEN });
    for (const event of HOOK_EVENTS) {
      await focus.post('/v2/hooks', { body: { event, url: `${url}/webhooks/focusnfe`, authorization: SECRET } });
    }
  }
  const token = await test.loginAs('ADMINISTRADOR');
  async function call(method: string, path: string, body?: unknown, as = token) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${as}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
  }
  return {
    test,
    sandbox,
    url,
    token,
    call,
    async webhook(payload, secret = SECRET) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secret !== null) headers.authorization = secret;
      const response = await fetch(`${url}/webhooks/focusnfe`, { method: 'POST', headers, body: JSON.stringify(payload) });
      await response.text();
      return response.status;
    },
    async close() {
      await test.close();
      await sandbox.close();
    },
  };
}

export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`tempo esgotado esperando ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
