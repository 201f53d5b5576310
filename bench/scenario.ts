import type autocannon from 'autocannon';

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
  setup?(ctx: BenchContext): Promise<void>;
  requests(ctx: BenchContext): autocannon.Request[];
}
