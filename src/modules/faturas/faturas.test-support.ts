import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { InjectOptions } from 'fastify';
import type { Perfil } from '../../core/auth/users.repository.js';
import { loadConfig } from '../../core/config/config.js';
import { createLogger } from '../../core/logger.js';
import { createTestDatabase, type TestDatabase } from '../../core/testing/test-database.js';
import { createRuntime, type Runtime } from '../../runtime.js';
import type { CadastrosTables } from './cadastros.js';
import { buscaOf } from './clientes.rules.js';
import type { FaturasDb, ProcessosTables } from './processos.tables.js';

/** Shared by the faturas tests only. */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Robot tests skip, saying why, where the system Chromium is missing. */
export const CHROMIUM_MISSING: string | false = fs.existsSync(CHROMIUM) ? false : `Chromium não encontrado em ${CHROMIUM} (apt-get install -y chromium)`;

export interface Reply {
  status: number;
  body: any;
  raw: Buffer;
}

export interface FaturasHarness {
  runtime: Runtime;
  database: TestDatabase;
  db: FaturasDb;
  /** Every log line the service wrote (level debug), for leak checks. */
  logs: string[];
  /** Every response body read through `call`. */
  answers: string[];
  token(perfil: Perfil): Promise<string>;
  userId(perfil: Perfil): Promise<string>;
  call(perfil: Perfil | null, method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  operadoraId(codigo: string): Promise<string>;
  /** A cliente row written straight into the cadastros table (the cadastros routes are tested on their own). */
  cliente(fields: Partial<ClienteFields> & { operadora: string }): Promise<string>;
  /** Polls until `probe` returns a truthy value. */
  until<T>(probe: () => Promise<T>, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export interface ClienteFields {
  razao_social: string;
  nome_sat: string;
  cnpj: string;
  filtro: string | null;
  servico: string;
  dados_sat: string | null;
  unidade: string;
  login_portal: string | null;
  senha_portal: string | null;
}

/** A portals file like the shipped one, its base URLs pointing at sandboxes (RPA_PORTALS_FILE). */
export function portalsFile(dir: string, urls: Record<string, string>): string {
  const config = JSON.parse(fs.readFileSync(path.resolve('config/portals.json'), 'utf8'));
  for (const [name, url] of Object.entries(urls)) {
    if (name === 'SAT') config.sat.baseUrl = url;
    else config.operadoras[name].baseUrl = url;
  }
  const file = path.join(dir, 'portals.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

/** The real service on a fresh database; PostgreSQL also runs jobs on BullMQ and events on Redis when TEST_REDIS_URL is set. */
export async function startFaturas(dialect: 'sqlite' | 'postgres', env: Record<string, string> = {}): Promise<FaturasHarness> {
  const database = await createTestDatabase(dialect);
  const redis = dialect === 'postgres' && process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {};
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    SECRET_KEY: 'test-secret-key-with-at-least-32-characters',
    WEB_DIST: `${database.dataDir}/no-console`,
    PROCESSO_API_URL: 'http://127.0.0.1:9',
    ...redis,
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const runtime = await createRuntime(config, createLogger('debug', sink), { bullmqPrefix: `faturas-${randomUUID().slice(0, 8)}` });
  const db = runtime.core.database.db.withTables<CadastrosTables & ProcessosTables>();
  const users = new Map<Perfil, { id: string; token: string }>();
  const answers: string[] = [];

  async function user(perfil: Perfil) {
    let found = users.get(perfil);
    if (!found) {
      const created = await runtime.services.users.create({
        nome_completo: `Teste ${perfil}`,
        email: `${perfil.toLowerCase()}@faturas.teste`,
        perfil,
        password: 'senha-de-teste-123',
        permissions: [],
      });
      found = { id: created.id, token: await runtime.services.tokens.issueAccess(created.id) };
      users.set(perfil, found);
    }
    return found;
  }

  const harness: FaturasHarness = {
    runtime,
    database,
    db,
    logs,
    answers,
    token: async (perfil) => (await user(perfil)).token,
    userId: async (perfil) => (await user(perfil)).id,
    async call(perfil, method, url, body, headers = {}) {
      const auth = perfil ? { authorization: `Bearer ${(await user(perfil)).token}` } : {};
      const response = await runtime.app.inject({
        method,
        url,
        ...(body === undefined ? {} : { payload: body as object }),
        headers: { ...auth, ...headers },
      });
      const type = String(response.headers['content-type'] ?? '');
      answers.push(response.body);
      return { status: response.statusCode, body: type.includes('json') ? response.json() : response.body, raw: response.rawPayload };
    },
    async operadoraId(codigo) {
      const row = await db.selectFrom('faturas_operadoras').select('id').where('codigo', '=', codigo).executeTakeFirstOrThrow();
      return row.id;
    },
    async cliente(fields) {
      const id = randomUUID();
      const now = Date.now();
      const values = {
        razao_social: 'EMPRESA EXEMPLO LTDA', nome_sat: 'EMPRESA EXEMPLO', cnpj: '12345678000190', filtro: '12345678', servico: 'TELEFONIA',
        dados_sat: 'DADOS_SAT_EXEMPLO', unidade: 'UNIDADE CENTRAL', login_portal: 'usuario@empresa.com.br', senha_portal: 'senha123', ...fields,
      };
      await db
        .insertInto('faturas_clientes')
        .values({
          id, hash_unico: id.replace(/-/g, ''), razao_social: values.razao_social, nome_sat: values.nome_sat, cnpj: values.cnpj,
          operadora_id: await harness.operadoraId(fields.operadora), filtro: values.filtro, servico: values.servico, dados_sat: values.dados_sat,
          unidade: values.unidade, site_emissao: null, login_portal: values.login_portal,
          senha_portal_cifrada: values.senha_portal === null ? null : runtime.core.secrets.encrypt(values.senha_portal),
          cpf: null, status_ativo: 1, busca: buscaOf(values), created_at: now, updated_at: now,
        })
        .execute();
      return id;
    },
    async until(probe, what, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`esperando ${what}: tempo esgotado`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await runtime.close();
      await database.drop();
    },
  };
  return harness;
}

/** A multipart body with one file part. */
export function multipartBody(field: string, filename: string, bytes: Buffer, contentType = 'application/pdf') {
  const boundary = `----faturas${randomUUID().replace(/-/g, '')}`;
  const head = `--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="${filename}"\r\ncontent-type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
