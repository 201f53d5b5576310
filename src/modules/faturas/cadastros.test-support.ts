import { Writable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Perfil } from '../../core/auth/users.repository.js';
import { loadConfig } from '../../core/config/config.js';
import { createLogger } from '../../core/logger.js';
import { createTestDatabase, type TestDatabase } from '../../core/testing/test-database.js';
import { createRuntime, type Runtime } from '../../runtime.js';
import type { CadastrosDb, CadastrosTables } from './cadastros.tables.js';

/** Shared by the cadastros tests only: the real service, its log lines kept for leak checks. */
export interface CadastrosHarness {
  runtime: Runtime;
  db: CadastrosDb;
  /** Every log line the service wrote (level trace). */
  logs: string[];
  /** `inject` as a user of this perfil (null: no token). */
  as(perfil: Perfil | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  operadoraId(codigo: string): Promise<string>;
  close(): Promise<void>;
}

export async function startCadastros(dialect: 'sqlite' | 'postgres'): Promise<CadastrosHarness> {
  const database: TestDatabase = await createTestDatabase(dialect);
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    SECRET_KEY: 'test-secret-key-with-at-least-32-characters',
    WEB_DIST: `${database.dataDir}/no-console`,
    // faturas and the module it builds on: other modules' routes have their own tests.
    MODULES: 'faturas,rpa',
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const runtime = await createRuntime(config, createLogger('trace', sink));
  // One user per perfil, created once even when the first calls arrive together.
  const tokens = new Map<Perfil, Promise<string>>();
  function token(perfil: Perfil): Promise<string> {
    let found = tokens.get(perfil);
    if (!found) {
      found = runtime.services.users
        .create({ nome_completo: `Cadastros ${perfil}`, email: `${perfil.toLowerCase()}@cadastros.teste`, perfil, password: 'senha-de-teste-123' })
        .then((user) => runtime.services.tokens.issueAccess(user.id));
      tokens.set(perfil, found);
    }
    return found;
  }
  const db = runtime.core.database.db.withTables<CadastrosTables>();
  return {
    runtime,
    db,
    logs,
    async as(perfil, options) {
      const auth: Record<string, string> = perfil ? { authorization: `Bearer ${await token(perfil)}` } : {};
      return runtime.app.inject({ ...options, headers: { ...options.headers, ...auth } });
    },
    async operadoraId(codigo) {
      return (await db.selectFrom('faturas_operadoras').select('id').where('codigo', '=', codigo).executeTakeFirstOrThrow()).id;
    },
    async close() {
      await runtime.close();
      await database.drop();
    },
  };
}

/** A valid CNPJ (check digits computed) from 12 characters, numeric or alphanumeric. */
export function cnpjFrom(base: string): string {
  const digit = (chars: string) => {
    const weights = chars.length === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const sum = [...chars].reduce((acc, c, i) => acc + (c.charCodeAt(0) - 48) * weights[i]!, 0);
    const r = sum % 11;
    return String(r < 2 ? 0 : 11 - r);
  };
  const first = base + digit(base);
  return first + digit(first);
}

/** A multipart/form-data body with the file `arquivo` and the given text fields. */
export function csvForm(content: Buffer | string, fields: Record<string, string> = {}, fileField = 'arquivo') {
  const boundary = '----cadastros' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="clientes.csv"\r\nContent-Type: text/csv\r\n\r\n`));
  parts.push(Buffer.isBuffer(content) ? content : Buffer.from(content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Valid CPFs and CNPJs from ../shared/reference/brazil-identifiers.md. */
export const CPFS = ['529.982.247-25', '280.012.389-38', '111.444.777-35', '123.456.789-09'];
export const CNPJS = ['12.345.678/0001-95', '11.222.333/0001-81', '00.000.000/0001-91', '12.ABC.345/01DE-35', 'Q0.SLF.MBD/7VX4-39'];
