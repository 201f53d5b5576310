import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logger.js';
import { createRuntime, type Runtime } from '../../runtime.js';
import type { Perfil } from '../auth/users.repository.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  database: TestDatabase;
  /** A bearer token for a fresh active user with this perfil (created on first use). */
  loginAs(perfil: Perfil, permissions?: string[]): Promise<string>;
  /** `app.inject` with `Authorization: Bearer` for the given perfil. */
  injectAs(perfil: Perfil, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Builds the real service on a fresh database, for `inject` or real-socket tests. */
export async function createTestApp(options: { dialect?: 'sqlite' | 'postgres'; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.dialect);
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    SECRET_KEY: 'test-secret-key-with-at-least-32-characters',
    LOG_LEVEL: 'silent',
    WEB_DIST: `${database.dataDir}/no-console`,
    ...options.env,
  });
  const runtime = await createRuntime(config, createLogger(config.logLevel));
  const tokens = new Map<string, string>();
  let counter = 0;

  async function loginAs(perfil: Perfil, permissions: string[] = []): Promise<string> {
    const key = `${perfil}:${permissions.join(',')}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    counter += 1;
    const user = await runtime.services.users.create({
      nome_completo: `Teste ${perfil} ${counter}`,
      email: `${perfil.toLowerCase()}${counter}@teste.local`,
      perfil,
      password: 'senha-de-teste-123',
      permissions,
    });
    const token = await runtime.services.tokens.issueAccess(user.id);
    tokens.set(key, token);
    return token;
  }

  return {
    app: runtime.app,
    runtime,
    database,
    loginAs,
    async injectAs(perfil, injectOptions) {
      const token = await loginAs(perfil);
      return runtime.app.inject({ ...injectOptions, headers: { ...injectOptions.headers, authorization: `Bearer ${token}` } });
    },
    async close() {
      await runtime.close();
      await database.drop();
    },
  };
}
