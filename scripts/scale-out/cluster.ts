// The processes and services of the scale-out topology, started for one run and removed after it:
// a fresh PostgreSQL schema, a Redis database of its own, an S3 bucket (s3rver), and service nodes.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import S3rver from 's3rver';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
export const BUCKET = 'retaguarda';
export const S3_KEYS = { accessKey: 'S3RVER', secretKey: 'S3RVER' };

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Node {
  name: string;
  url: string;
  child: ChildProcess;
  log: string;
}

/** Undoes, in reverse order, what was set up; each step runs even when an earlier one fails. */
export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => Promise<unknown> | unknown }> = [];

  add(name: string, run: () => Promise<unknown> | unknown): void {
    this.steps.unshift({ name, run });
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0)) {
      try {
        await step.run();
      } catch (error) {
        console.error(`limpeza: ${step.name} falhou: ${(error as Error).message}`);
      }
    }
  }
}

/** A schema of its own in the given database, named in DATABASE_URL's search_path. */
export async function freshSchema(baseUrl: string, cleanup: Cleanup): Promise<string> {
  const schema = `scale_out_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  cleanup.add(`schema ${schema}`, async () => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * A Redis logical database of its own (BullMQ keys), emptied before and after. The services'
 * pub/sub channels are not per database; their events name job ids this run created.
 */
export async function freshRedis(baseUrl: string, cleanup: Cleanup): Promise<string> {
  const url = new URL(baseUrl);
  url.pathname = `/${8 + (randomBytes(1)[0]! % 8)}`;
  const redis = new Redis(url.toString(), { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  await redis.flushdb();
  await redis.quit();
  cleanup.add(`redis ${url.pathname}`, async () => {
    const client = new Redis(url.toString(), { maxRetriesPerRequest: 1 });
    await client.flushdb();
    await client.quit();
  });
  return url.toString();
}

export async function startS3(dir: string, cleanup: Cleanup): Promise<{ storageUrl: string; endpoint: string }> {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  cleanup.add('s3rver', () => server.close());
  const endpoint = `http://127.0.0.1:${port}`;
  return { storageUrl: `s3://${BUCKET}?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1`, endpoint };
}

/** `src/main.ts` as `npm start` runs it, with this node's environment; its output goes to a file. */
export async function startNode(name: string, env: Record<string, string>, logDir: string, cleanup: Cleanup): Promise<Node> {
  const port = await freePort();
  const log = path.join(logDir, `${name}.log`);
  const out = fs.openSync(log, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  cleanup.add(`nó ${name}`, () => stopNode({ name, child, url: '', log }));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${name} saiu ao iniciar:\n${tail(log)}`);
    if (await fetch(`${url}/api/v1/health/`).then((r) => r.ok, () => false)) break;
    if (i > 600) throw new Error(`${name} não respondeu em 60 s:\n${tail(log)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { name, url, child, log };
}

/** SIGTERM, then SIGKILL after 15 s. */
export async function stopNode(node: Node): Promise<void> {
  const { child } = node;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(force);
}

export function tail(file: string, lines = 30): string {
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export function tempDir(cleanup: Cleanup): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-scale-out-'));
  cleanup.add('diretório temporário', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The processes below `pid` (Linux /proc), with their command lines. */
export function descendants(pid: number): Array<{ pid: number; cmdline: string }> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const found: Array<{ pid: number; cmdline: string }> = [];
  const visit = (p: number) => {
    for (const child of children.get(p) ?? []) {
      let cmdline = '';
      try {
        cmdline = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        continue;
      }
      found.push({ pid: child, cmdline });
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** Kills a node and, once it is gone, whatever it had started (its Chromium) if still alive after 5 s. */
export async function killNode(node: Node): Promise<number> {
  const orphans = descendants(node.child.pid!).map((d) => d.pid);
  const exited = new Promise((resolve) => node.child.once('exit', resolve));
  node.child.kill('SIGKILL');
  await exited;
  for (let i = 0; i < 50 && orphans.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  for (const pid of orphans.filter(alive)) process.kill(pid, 'SIGKILL');
  return orphans.length;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
