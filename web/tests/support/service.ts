import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIST = path.join(ROOT, 'web/dist');
const BUILD_LOCK = path.join(os.tmpdir(), `retaguarda-web-build-${Buffer.from(ROOT).toString('hex').slice(-16)}`);
const STARTUP_TIMEOUT_MS = 60_000;

export const ADMIN = { email: 'admin@retaguarda.test', password: 'senha-do-admin-123' };

/** Builds the console once when web/dist is missing; parallel test files wait for the first build. */
export async function ensureBuilt(): Promise<void> {
  const index = path.join(DIST, 'index.html');
  if (fs.existsSync(index)) return;
  try {
    fs.mkdirSync(BUILD_LOCK);
  } catch {
    while (fs.existsSync(BUILD_LOCK)) await sleep(500);
    if (!fs.existsSync(index)) throw new Error('outro processo não conseguiu compilar o console');
    return;
  }
  try {
    const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
    // `npm test` runs with NODE_ENV=test, which would make Vite bundle React's development build.
    const env = { ...process.env, NODE_ENV: 'production' };
    const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, env, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('falha ao compilar o console (vite build)');
  } finally {
    fs.rmdirSync(BUILD_LOCK);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Service {
  url: string;
  stop(): Promise<void>;
}

/** Starts `src/main.ts` on a free port with a fresh data directory, and waits until it is healthy. */
export async function startService(env: Record<string, string> = {}): Promise<Service> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-web-'));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    WEB_DIST: DIST,
    ...env,
  };
  // Embedded mode always: the console tests need no external servers.
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'STORAGE_URL']) delete childEnv[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const healthy = await fetch(`${url}/api/v1/health/`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) return { url, stop };
    await sleep(200);
  }
  await stop();
  throw new Error(`o serviço não ficou saudável em ${url}:\n${output}`);
}

/** Calls the service's API as a signed-in user, with the Bearer token, the way a script would. */
export class ApiSession {
  private constructor(
    private readonly baseUrl: string,
    readonly token: string,
  ) {}

  static async login(baseUrl: string, email: string, password: string): Promise<ApiSession> {
    const response = await fetch(`${baseUrl}/api/v1/auth/session/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: email, password }),
    });
    if (response.status !== 200) throw new Error(`login de ${email} falhou: ${response.status} ${await response.text()}`);
    const { access } = (await response.json()) as { access: string };
    return new ApiSession(baseUrl, access);
  }

  async request<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${urlPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Like `request`, but fails the test unless the status is 2xx. */
  async ok<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
    const { status, body: reply } = await this.request<T>(method, urlPath, body);
    if (status < 200 || status >= 300) throw new Error(`${method} ${urlPath} → ${status}: ${JSON.stringify(reply)}`);
    return reply;
  }
}
