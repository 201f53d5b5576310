// `npm run bench [group|name…]`: starts the service on a temporary DATA_DIR and a bare node:http
// server, drives each scenario with autocannon, and prints req/s, latency percentiles and peak RSS;
// then runs the probes (queue throughput, live-event latency, memory) and prints their figures.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONNECTIONS, DURATION, mean, measure, ROUNDS } from './measure.js';
import type { BenchContext, Probe, ProbeResult, Scenario } from './scenario.js';
import { BENCH_LOG_LEVEL, drainLog, seedAvailability, seedLogLevel, startSeed, type RunningSeed, type SeedStack } from './seed-stacks.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`serviço não respondeu em ${url}`);
}

/** Peak resident memory of a process (Linux VmHWM), in MiB. */
function peakRss(pid: number | undefined): number {
  if (!pid) return 0;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function stop(child: ChildProcess): Promise<unknown> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

/** Every `name` export of the modules in `bench/<folder>/`, keeping those the filters name (all when none). */
async function load<T extends { name: string; group: string }>(folder: string, name: string, filters: string[]): Promise<T[]> {
  const dir = path.join(here, folder);
  const all: T[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(path.join(dir, file))) as Record<string, T[] | undefined>;
    all.push(...(mod[name] ?? []));
  }
  return all.filter((s) => filters.length === 0 || filters.includes(s.group) || filters.includes(s.name));
}

async function main() {
  const filters = process.argv.slice(2);
  const chosen = await load<Scenario>('scenarios', 'scenarios', filters);
  const probes = await load<Probe>('probes', 'probes', filters);
  if (chosen.length === 0 && probes.length === 0) {
    console.error(`Nenhum cenário ou sonda com o nome ou grupo: ${filters.join(', ')}`);
    process.exitCode = 1;
    return;
  }
  if (chosen.length > 0) await runScenarios(chosen);
  if (probes.length > 0) await runProbes(probes);
}

async function runScenarios(chosen: Scenario[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-bench-'));
  const [port, rawPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    ADMIN_EMAIL: 'bench@retaguarda.local',
    ADMIN_PASSWORD: 'bench-password-123',
    // The login scenario measures login, not the throttle.
    LOGIN_MAX_FAILURES: '1000000',
  };
  // The configuration users run (LOG_LEVEL unset: info, an access line per request) unless
  // BENCH_LOG_LEVEL asks for another, to show what the logging costs.
  delete env.LOG_LEVEL;
  if (BENCH_LOG_LEVEL) env.LOG_LEVEL = BENCH_LOG_LEVEL;
  const service: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  drainLog(service);
  const raw = fork(path.join(here, 'raw-server.ts'), { env: { ...process.env, PORT: String(rawPort) }, execArgv: ['--import', 'tsx'] });
  const baseUrl = `http://127.0.0.1:${port}`;
  let seeds: Awaited<ReturnType<typeof startSeeds>> | undefined;
  try {
    await Promise.all([waitFor(`${baseUrl}/api/v1/health/`), waitFor(`http://127.0.0.1:${rawPort}/`)]);
    const login = await fetch(`${baseUrl}/api/v1/auth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench@retaguarda.local', password: 'bench-password-123' }),
    }).then((r) => r.json() as Promise<{ access: string }>);
    const ctx = benchContext(baseUrl, login.access);
    seeds = await startSeeds(chosen);

    const rows: string[][] = [];
    const rawRates: number[] = [];
    const rawSide = { url: `http://127.0.0.1:${rawPort}`, requests: () => [{ method: 'GET' as const, path: '/' }], connections: CONNECTIONS };
    for (const scenario of chosen) {
      const connections = scenario.connections ?? CONNECTIONS;
      await scenario.setup?.(ctx);
      const seed = scenario.seed && seeds.running.get(scenario.seed);
      const seedCtx = seed && benchContext(seed.baseUrl, seed.token);
      if (seedCtx) await scenario.setup?.(seedCtx);
      const m = await measure(
        rawSide,
        { url: baseUrl, requests: () => scenario.requests(ctx), connections },
        seedCtx && { url: seedCtx.baseUrl, requests: () => scenario.requests(seedCtx), connections },
      );
      await scenario.settle?.(ctx);
      rawRates.push(m.rawRps);
      rows.push([
        `${scenario.group}/${scenario.name}`,
        String(Math.round(m.rps)),
        `${(m.ofRaw * 100).toFixed(0)}%`,
        m.ofSeed === undefined ? '' : `${Math.round(m.seedRps!)} (${m.ofSeed.toFixed(1)}×)`,
        m.p50.toFixed(1),
        m.p99.toFixed(1),
        String(m.failed),
        String(peakRss(service.pid)),
      ]);
    }
    rows.unshift(['raw (node:http)', String(Math.round(mean(rawRates))), '100%', '', '', '', '', String(peakRss(raw.pid))]);
    printTable(['scenario', 'req/s', 'of raw', 'seed req/s (×)', 'p50 ms', 'p99 ms', 'non-2xx', 'peak RSS MiB'], rows);
    if (seeds.missing) console.log(`\nSem comparação com a stack da seed: ${seeds.missing}.`);
    const rounds = ROUNDS;
    console.log(
      `\n${CONNECTIONS} connections; each scenario, raw and the seed's stack (when it has one) warmed for 1 s, then in ${rounds} rotating round(s) of` +
        ` ${Math.max(1, Math.round(DURATION / rounds))} s; "of raw" and "×" are medians of the rounds' ratios, p99 the worst round's.` +
        ` Node ${process.version}, ${os.cpus().length} CPUs; servers and load generator share the machine.` +
        ` Logging: ${BENCH_LOG_LEVEL ? `LOG_LEVEL=${BENCH_LOG_LEVEL}, seeds' uvicorn --log-level ${seedLogLevel()}` : "as started by default (info, access lines read through a pipe; seeds' uvicorn with its access log)"}.`,
    );
  } finally {
    // Waited for, so a service still shutting down does not share the CPU with the probes.
    await Promise.all([...[service, raw].map(stop), seeds?.stop()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function benchContext(baseUrl: string, token: string): BenchContext {
  return {
    baseUrl,
    token,
    async call(method, p, body) {
      const res = await fetch(`${baseUrl}${p}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${p} → ${res.status}: ${await res.text()}`);
      return res.json();
    },
  };
}

/** The seed stacks the chosen scenarios compare with, when the baselines can run here. */
async function startSeeds(chosen: Scenario[]): Promise<{ running: Map<SeedStack, RunningSeed>; missing?: string; stop(): Promise<void> }> {
  const running = new Map<SeedStack, RunningSeed>();
  const wanted = [...new Set(chosen.flatMap((s) => (s.seed ? [s.seed] : [])))];
  const available = wanted.length > 0 ? seedAvailability() : undefined;
  if (available && 'dir' in available) {
    for (const stack of wanted) running.set(stack, await startSeed(stack, available.dir, await freePort(), waitFor));
  }
  return {
    running,
    missing: available && 'missing' in available ? available.missing : undefined,
    stop: async () => {
      await Promise.all([...running.values()].map((seed) => seed.stop()));
    },
  };
}

async function runProbes(probes: Probe[]) {
  // The CI smoke run (BENCH_SECONDS=1) only checks that every probe still works: smaller samples.
  const quick = DURATION <= 2;
  const rows: string[][] = [];
  const shown = (n: number) => (n >= 100 || Number.isInteger(n) ? String(Math.round(n)) : n.toFixed(1));
  const goal = (t: ProbeResult['target']) => (t ? `${t.op === '>=' ? '≥' : '<'} ${shown(t.value)}` : '');
  const met = ({ value, target: t }: ProbeResult) => (!t ? '' : (t.op === '>=' ? value >= t.value : value < t.value) ? 'sim' : 'NÃO');
  for (const probe of probes) {
    for (const result of await probe.run({ quick })) {
      rows.push([`${probe.group}/${probe.name}`, result.metric, `${shown(result.value)} ${result.unit}`, goal(result.target), met(result)]);
    }
  }
  console.log('');
  printTable(['probe', 'metric', 'value', 'target', 'met?'], rows, 2);
  console.log(`\n${quick ? 'Amostras reduzidas (BENCH_SECONDS ≤ 2). ' : ''}SQLite em ${os.tmpdir()}, Node ${process.version}, ${os.cpus().length} CPUs.`);
}

/** A Markdown table; the first `left` columns are text, the others right-aligned figures. */
function printTable(header: string[], rows: string[][], left = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i < left ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  rows.forEach((r) => console.log(line(r)));
}

await main();
