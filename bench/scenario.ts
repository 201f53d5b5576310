import type autocannon from 'autocannon';
import type { SeedStack } from './seed-stacks.js';

/** What a scenario can use: the running service (temporary DATA_DIR) and an ADMINISTRADOR token. */
export interface BenchContext {
  baseUrl: string;
  token: string;
  /** A JSON call to the service with the admin token; throws on a non-2xx answer. */
  call<T = any>(method: string, path: string, body?: unknown): Promise<T>;
}

/** One load scenario: prepared by `setup`, then driven by autocannon with `requests`. */
export interface Scenario {
  name: string;
  /** Which group it belongs to (`core`, `fiados`, `rpa`…): `npm run bench fiados` runs a group. */
  group: string;
  connections?: number;
  /** The seed stack that answers the same requests: measured beside it, for the "× seed" figure. */
  seed?: SeedStack;
  /** Called once per server measured (the service, then the seed's stack): keep state per `ctx.baseUrl`. */
  setup?(ctx: BenchContext): Promise<void>;
  requests(ctx: BenchContext): autocannon.Request[];
  /** Waits for the background work the load left behind (queued jobs), so it does not slow the next scenario. */
  settle?(ctx: BenchContext): Promise<void>;
}

/** What a probe is given: `quick` for the CI smoke run (`BENCH_SECONDS` ≤ 2), fewer jobs and clients. */
export interface ProbeContext {
  quick: boolean;
}

/** One measured figure; `target` is the goal the issue sets, when there is one. */
export interface ProbeResult {
  metric: string;
  value: number;
  unit: string;
  target?: { op: '>=' | '<'; value: number };
}

/** A measurement that is not an HTTP load (queue throughput, fan-out latency, memory), run in process. */
export interface Probe {
  name: string;
  /** `jobs`, `events`, `rpa`: `npm run bench jobs` runs a group, as with scenarios. */
  group: string;
  run(ctx: ProbeContext): Promise<ProbeResult[]>;
}
