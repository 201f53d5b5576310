// Side-by-side measurement: a scenario, the bare node:http server (`raw`) and, when it has one, the
// seed's own stack, each driven by autocannon in alternating rounds.
import autocannon from 'autocannon';

export const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** Five rounds when there is time for them: one slow spell of the host then moves no median. */
export const ROUNDS = Math.min(DURATION >= 5 ? 5 : 3, DURATION);

export interface Side {
  url: string;
  requests: () => autocannon.Request[];
  connections: number;
}

export interface Measured {
  rps: number;
  /** Median over rounds of the scenario's req/s over raw's in the same round. */
  ofRaw: number;
  /** The same against the seed's stack, when measured. */
  ofSeed?: number;
  seedRps?: number;
  p50: number;
  /** The worst round's p99. */
  p99: number;
  failed: number;
  rawRps: number;
}

function drive(side: Side, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url: side.url, connections: side.connections, duration, requests: side.requests() }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * The machine's speed drifts by tens of percent within a minute on these shared hosts, so the
 * references are measured beside each scenario, in rounds whose order rotates, and each round gives
 * its own ratio; the median of those is reported.
 */
export async function measure(raw: Side, scenario: Side, seed?: Side): Promise<Measured> {
  const rounds = ROUNDS;
  const slice = Math.max(1, Math.round(DURATION / rounds));
  const sides = seed ? [raw, scenario, seed] : [raw, scenario];
  // A fresh process runs its first requests unoptimized (JIT): each side gets a second of load that
  // is not counted.
  for (const side of sides) await drive(side, 1);
  const results = sides.map(() => [] as autocannon.Result[]);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < sides.length; k++) {
      const i = (k + round) % sides.length;
      results[i]!.push(await drive(sides[i]!, slice));
    }
  }
  const [raws, runs, seeds] = results as [autocannon.Result[], autocannon.Result[], autocannon.Result[] | undefined];
  const rate = (r: autocannon.Result) => r.requests.average;
  return {
    rps: mean(runs.map(rate)),
    ofRaw: median(runs.map((r, i) => rate(r) / rate(raws[i]!))),
    ofSeed: seeds && median(runs.map((r, i) => rate(r) / rate(seeds[i]!))),
    seedRps: seeds && mean(seeds.map(rate)),
    p50: median(runs.map((r) => r.latency.p50)),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
    failed: runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    rawRps: mean(raws.map(rate)),
  };
}
