import type { AnyEndpoint, CallRest, QueryValue, ResponseOf } from './endpoint';
import { networkError, readError } from './errors';

export interface AuthHooks {
  accessToken(): string | null;
  /** Gets a fresh access token; resolves false when the session is gone. */
  renew(): Promise<boolean>;
}

let auth: AuthHooks = { accessToken: () => null, renew: async () => false };

/** The session installs itself here, so API modules need not know about it. */
export function installAuthHooks(hooks: AuthHooks): void {
  auth = hooks;
}

type LooseArgs = { params?: Record<string, string | number>; body?: unknown; query?: Record<string, QueryValue>; signal?: AbortSignal };

export function buildUrl(path: string, args: LooseArgs = {}): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(args.params?.[name] ?? '')));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(args.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${filled}?${query}` : filled;
}

async function fetchOnce(endpoint: AnyEndpoint, args: LooseArgs): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = auth.accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (endpoint.reads === 'json') headers.Accept = 'application/json';
  let body: string | undefined;
  if (args.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(args.body);
  }
  try {
    return await fetch(buildUrl(endpoint.path, args), { method: endpoint.method, headers, body, signal: args.signal });
  } catch (error) {
    if (args.signal?.aborted) throw error;
    throw networkError();
  }
}

async function read(endpoint: AnyEndpoint, response: Response): Promise<unknown> {
  if (!response.ok) throw await readError(response);
  if (endpoint.reads === 'empty') return undefined;
  if (endpoint.reads === 'blob') return response.blob();
  return response.json();
}

/** Calls once, never renewing the session: for the session endpoints themselves. */
export async function send<E extends AnyEndpoint>(endpoint: E, ...[args]: CallRest<E>): Promise<ResponseOf<E>> {
  const loose = (args ?? {}) as LooseArgs;
  return (await read(endpoint, await fetchOnce(endpoint, loose))) as ResponseOf<E>;
}

/** Calls with the access token; on a 401 renews the session once and retries. */
export async function call<E extends AnyEndpoint>(endpoint: E, ...[args]: CallRest<E>): Promise<ResponseOf<E>> {
  const loose = (args ?? {}) as LooseArgs;
  let response = await fetchOnce(endpoint, loose);
  if (response.status === 401 && (await auth.renew())) response = await fetchOnce(endpoint, loose);
  return (await read(endpoint, response)) as ResponseOf<E>;
}
