import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../core/testing/test-app.js';

export interface Answer {
  status: number;
  body: any;
}

export interface FiadosHarness {
  t: TestApp;
  /** A JSON call as an ADMINISTRADOR. */
  call(method: string, url: string, body?: unknown): Promise<Answer>;
  /** A call that must answer 200; returns the body. */
  ok(method: string, url: string, body?: unknown): Promise<any>;
  close(): Promise<void>;
}

export async function startFiados(dialect: 'sqlite' | 'postgres', env: Record<string, string> = {}): Promise<FiadosHarness> {
  const t = await createTestApp({ dialect, env: { MODULES: 'fiados', ...env } });
  const call = async (method: string, url: string, body?: unknown): Promise<Answer> => {
    const response = await t.injectAs('ADMINISTRADOR', {
      method: method as 'GET',
      url,
      ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
  return {
    t,
    call,
    async ok(method, url, body) {
      const answer = await call(method, url, body);
      assert.equal(answer.status, 200, `${method} ${url} → ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    close: () => t.close(),
  };
}

export const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** Drops what differs between runs (ids, creation times), after checking the times are rendered as the seed shows. */
export function stable<T extends Record<string, unknown>>(item: T, drop: string[] = []): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...item };
  for (const key of ['created_at', 'updated_at']) {
    if (key in copy) assert.match(String(copy[key]), LOCAL_TIME, key);
  }
  for (const key of ['id', 'created_at', 'updated_at', ...drop]) delete copy[key];
  return copy;
}
