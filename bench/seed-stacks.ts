// The seeds' own stacks (FastAPI baselines in ../shared/baselines), started beside Retaguarda so each
// scenario that has a seed counterpart is measured against it in the same rounds.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';

export type SeedStack = 'fiados' | 'rpa';

const APPS: Record<SeedStack, string> = { fiados: 'fiados_fastapi:app', rpa: 'rpa_fastapi:app' };
const JWT_SECRET = 'bench-secret';
const PYTHON = '/usr/bin/python3';

/** `BENCH_LOG_LEVEL=warn npm run bench`: every stack at warning level, to show what logging costs. */
export const BENCH_LOG_LEVEL = process.env.BENCH_LOG_LEVEL;

/** uvicorn's name for the pino level asked for. */
export function seedLogLevel(): string {
  return BENCH_LOG_LEVEL === 'warn' ? 'warning' : BENCH_LOG_LEVEL!;
}

/**
 * Reads a server's piped log output and drops it, as a log collector reading a pipe would; only
 * lines at error level and above are shown (startup failures).
 */
export function drainLog(child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (/"level":(50|60)|Traceback|ERROR/.test(text)) process.stderr.write(text);
    });
  }
}

export interface RunningSeed {
  baseUrl: string;
  /** A token the seed accepts (rpa signs HS256 with its JWT_SECRET; fiados has no authentication). */
  token: string;
  stop(): Promise<void>;
}

/** Where the baselines are, or why they cannot run here (shown under the table). */
export function seedAvailability(): { dir: string } | { missing: string } {
  const dir = path.resolve(process.env.SEED_BASELINES ?? path.join(process.cwd(), '..', 'shared', 'baselines'));
  if (!fs.existsSync(path.join(dir, 'rpa_fastapi.py'))) return { missing: `baselines não encontradas em ${dir} (SEED_BASELINES)` };
  const probe = spawnSync(PYTHON, ['-c', 'import fastapi, uvicorn, sqlalchemy, jwt'], { stdio: 'ignore' });
  if (probe.status !== 0) return { missing: 'python3-fastapi, python3-uvicorn, python3-sqlalchemy e python3-jwt não instalados' };
  return { dir };
}

export async function startSeed(stack: SeedStack, dir: string, port: number, waitFor: (url: string) => Promise<void>): Promise<RunningSeed> {
  const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seed-baseline-')), 'fiados.db');
  const logging = BENCH_LOG_LEVEL ? ['--log-level', seedLogLevel()] : [];
  const child: ChildProcess = spawn(PYTHON, ['-m', 'uvicorn', APPS[stack], '--port', String(port), ...logging], {
    cwd: dir,
    env: { ...process.env, JWT_SECRET, FIADOS_DB: dbFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  drainLog(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(stack === 'rpa' ? `${baseUrl}/health` : `${baseUrl}/clients/`);
  const token = await new SignJWT({ sub: 'bench' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(JWT_SECRET));
  return {
    baseUrl,
    token,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
      fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
    },
  };
}
