// `npm run bench [group|name…]`: starts the service on a temporary DATA_DIR and a bare node:http
// server, drives each scenario with autocannon, and prints req/s, latency percentiles and peak RSS;
// then runs the probes (queue throughput, live-event latency, memory) and prints their figures.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchContext, Probe, ProbeResult, Scenario } from './scenario.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
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

function drive(url: string, requests: autocannon.Request[], connections: number, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, requests }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

interface Measured {
  rps: number;
  /** Median over rounds of the scenario's req/s over raw's req/s in the same round. */
  ofRaw: number;
  p50: number;
  /** The worst round's p99. */
  p99: number;
  failed: number;
  rawRps: number;
}

/**
 * The machine's speed drifts by tens of percent within a minute on these shared hosts, so `raw` is
 * measured beside each scenario, in alternating rounds, and each round gives its own ratio.
 */
async function measure(rawUrl: string, url: string, requests: () => autocannon.Request[], connections: number): Promise<Measured> {
  const rounds = Math.min(3, DURATION);
  const slice = Math.max(1, Math.round(DURATION / rounds));
  const raws: autocannon.Result[] = [];
  const runs: autocannon.Result[] = [];
  const rawRound = async () => raws.push(await drive(rawUrl, [{ method: 'GET', path: '/' }], CONNECTIONS, slice));
  const runRound = async () => runs.push(await drive(url, requests(), connections, slice));
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) await rawRound().then(runRound);
    else await runRound().then(rawRound);
  }
  return {
    rps: mean(runs.map((r) => r.requests.average)),
    ofRaw: median(runs.map((r, i) => r.requests.average / raws[i]!.requests.average)),
    p50: median(runs.map((r) => r.latency.p50)),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
    failed: runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    rawRps: mean(raws.map((r) => r.requests.average)),
  };
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
  const service: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      ADMIN_EMAIL: 'bench@retaguarda.local',
      ADMIN_PASSWORD: 'bench-password-123',
      LOG_LEVEL: 'warn',
      // The login scenario measures login, not the throttle.
      LOGIN_MAX_FAILURES: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const raw = fork(path.join(here, 'raw-server.ts'), { env: { ...process.env, PORT: String(rawPort) }, execArgv: ['--import', 'tsx'] });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await Promise.all([waitFor(`${baseUrl}/api/v1/health/`), waitFor(`http://127.0.0.1:${rawPort}/`)]);
    const login = await fetch(`${baseUrl}/api/v1/auth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench@retaguarda.local', password: 'bench-password-123' }),
    }).then((r) => r.json() as Promise<{ access: string }>);
    const ctx: BenchContext = {
      baseUrl,
      token: login.access,
      async call(method, p, body) {
        const res = await fetch(`${baseUrl}${p}`, {
          method,
          headers: { authorization: `Bearer ${login.access}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!res.ok) throw new Error(`${method} ${p} → ${res.status}: ${await res.text()}`);
        return res.json();
      },
    };

    const rows: string[][] = [];
    const rawRates: number[] = [];
    for (const scenario of chosen) {
      await scenario.setup?.(ctx);
      const m = await measure(`http://127.0.0.1:${rawPort}`, baseUrl, () => scenario.requests(ctx), scenario.connections ?? CONNECTIONS);
      await scenario.settle?.(ctx);
      rawRates.push(m.rawRps);
      rows.push([
        `${scenario.group}/${scenario.name}`,
        String(Math.round(m.rps)),
        `${(m.ofRaw * 100).toFixed(0)}%`,
        m.p50.toFixed(1),
        m.p99.toFixed(1),
        String(m.failed),
        String(peakRss(service.pid)),
      ]);
    }
    rows.unshift(['raw (node:http)', String(Math.round(mean(rawRates))), '100%', '', '', '', String(peakRss(raw.pid))]);
    printTable(['scenario', 'req/s', 'of raw', 'p50 ms', 'p99 ms', 'non-2xx', 'peak RSS MiB'], rows);
    const rounds = Math.min(3, DURATION);
    console.log(
      `\n${CONNECTIONS} connections; each scenario and raw beside it in ${rounds} alternating round(s) of ${Math.max(1, Math.round(DURATION / rounds))} s;` +
        ` "of raw" is the median of the rounds' ratios, p99 the worst round's. Node ${process.version}, ${os.cpus().length} CPUs; service and load generator share the machine.`,
    );
  } finally {
    // Waited for, so a service still shutting down does not share the CPU with the probes.
    await Promise.all([service, raw].map(stop));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
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
