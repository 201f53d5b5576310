import { FocusHttpError, FocusUnreachableError, toFocusError } from './focus-errors.js';

export const FOCUS_BASE_URLS = {
  homologacao: 'https://homologacao.focusnfe.com.br',
  producao: 'https://api.focusnfe.com.br',
} as const;

export interface FocusClientOptions {
  baseUrl: string;
  token: string;
  /** Per attempt (default 20 s). */
  timeoutMs?: number;
  /** Retries after the first attempt, for 429 always and for 5xx/network on idempotent calls (default 3). */
  retries?: number;
  /** First delay of the 5xx/network backoff; doubles per retry (default 500 ms). */
  backoffMs?: number;
  /** Longest wait the client accepts for a 429 before giving up with it (default 60 s). */
  maxRateLimitWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface FocusAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface FocusRequest {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

export interface FocusFile {
  body: Buffer;
  contentType: string;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds to wait before the next call, from `Retry-After` or Focus's `Rate-Limit-Reset`. */
function rateLimitWaitMs(headers: Headers): number {
  const seconds = Number(headers.get('retry-after') ?? headers.get('rate-limit-reset') ?? '1');
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return { codigo: `http_${response.status}`, mensagem: text.slice(0, 300) };
  }
}

/**
 * FocusNFE API v2 over HTTP. The token goes as the Basic user with an empty password, and only to
 * the Focus host: file URLs on other hosts (S3) and redirect targets get no credentials. Emission is
 * never repeated after a 5xx or a lost connection (Focus may have taken it); a 429 is, since Focus
 * refused it before doing anything.
 */
export class FocusClient {
  readonly baseUrl: string;
  private readonly origin: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxRateLimitWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: FocusClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.origin = new URL(this.baseUrl).origin;
    this.authorization = `Basic ${Buffer.from(`${options.token}:`).toString('base64')}`;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 60_000;
    this.sleep = options.sleep ?? wait;
  }

  get<T>(path: string, request: FocusRequest = {}): Promise<FocusAnswer<T>> {
    return this.call<T>('GET', path, request, true);
  }

  post<T>(path: string, request: FocusRequest = {}): Promise<FocusAnswer<T>> {
    return this.call<T>('POST', path, request, false);
  }

  /** Focus cancels with a DELETE carrying a JSON body (`justificativa`); fetch sends it. */
  delete<T>(path: string, request: FocusRequest = {}): Promise<FocusAnswer<T>> {
    return this.call<T>('DELETE', path, request, false);
  }

  /** A `caminho_*` value: a path on the Focus host, or an absolute URL (S3) fetched without credentials. */
  resolve(pathOrUrl: string): URL {
    return /^https?:\/\//i.test(pathOrUrl) ? new URL(pathOrUrl) : new URL(pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`, `${this.baseUrl}/`);
  }

  /** Downloads one file, following redirects by hand so credentials never leave the Focus host. */
  async download(pathOrUrl: string): Promise<FocusFile> {
    let url = this.resolve(pathOrUrl);
    let first = true;
    for (let hops = 0; hops < 5; hops += 1) {
      const headers: Record<string, string> = first && url.origin === this.origin ? { authorization: this.authorization } : {};
      first = false;
      const response = await this.fetchOnce(url, { method: 'GET', headers, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        url = new URL(location, url);
        continue;
      }
      if (!response.ok) throw new FocusHttpError(response.status, toFocusError(response.status, await readBody(response)));
      return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
    }
    throw new FocusUnreachableError('Redirecionamentos demais ao baixar arquivo da FocusNFE', false);
  }

  private async call<T>(method: string, path: string, request: FocusRequest, idempotent: boolean): Promise<FocusAnswer<T>> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { authorization: this.authorization, accept: 'application/json' };
    const init: RequestInit = { method, headers, redirect: 'manual' };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(request.body);
    }
    for (let attempt = 0; ; attempt += 1) {
      const canRetry = attempt < this.retries;
      let response: Response;
      try {
        response = await this.fetchOnce(url, init);
      } catch (error) {
        if (idempotent && canRetry) {
          await this.sleep(this.backoffMs * 2 ** attempt);
          continue;
        }
        throw error;
      }
      if (response.status === 429 && canRetry) {
        const delay = rateLimitWaitMs(response.headers);
        if (delay <= this.maxRateLimitWaitMs) {
          await response.body?.cancel();
          await this.sleep(delay);
          continue;
        }
      }
      if (response.status >= 500 && idempotent && canRetry) {
        await response.body?.cancel();
        await this.sleep(this.backoffMs * 2 ** attempt);
        continue;
      }
      const body = await readBody(response);
      if (response.status < 200 || response.status >= 300) throw new FocusHttpError(response.status, toFocusError(response.status, body));
      return { status: response.status, body: body as T, headers: response.headers };
    }
  }

  private async fetchOnce(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      // The message names the host, never the request's headers (the token is in them).
      throw new FocusUnreachableError(
        timedOut ? `FocusNFE não respondeu em ${this.timeoutMs / 1000} s (${url.host})` : `Falha de conexão com a FocusNFE (${url.host})`,
        timedOut,
      );
    }
  }
}

/** The base URL the configuration names: FOCUS_NFE_BASE_URL, else the FOCUS_NFE_ENV host (default homologação). */
export function focusBaseUrl(env: { FOCUS_NFE_BASE_URL?: string; FOCUS_NFE_ENV?: 'homologacao' | 'producao' }): string {
  return env.FOCUS_NFE_BASE_URL ?? FOCUS_BASE_URLS[env.FOCUS_NFE_ENV ?? 'homologacao'];
}
