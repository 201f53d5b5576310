import type { CloudCredentials } from './config.service.js';
import { DriverError, type DriverHooks, type OutboundMessage, type WhatsAppDriver } from './whatsapp.driver.js';

/** Graph error codes that mean "slow down" (whatsapp.md §3.4): throughput, pair rate, WABA and app limits. */
const RATE_LIMIT_CODES = new Set([130429, 131056, 80007, 4]);
/** Graph's "invalid or expired token". */
const BAD_TOKEN_CODE = 190;
const REQUEST_TIMEOUT_MS = 15_000;

export interface CloudOptions {
  /** `https://graph.facebook.com`, or a sandbox (WHATSAPP_GRAPH_URL). */
  graphUrl: string;
  credentials(): Promise<CloudCredentials>;
  hooks: DriverHooks;
  onError(error: unknown): void;
}

interface GraphError {
  error?: { message?: string; code?: number; type?: string };
}

/** The typed object of each message type, as the Cloud API wants it (`{type, [type]: …}`). */
function content(message: OutboundMessage): Record<string, unknown> {
  switch (message.type) {
    case 'text':
      return { text: { preview_url: false, body: message.text } };
    case 'audio':
      return { audio: { link: message.media_url } };
    default:
      return { [message.type]: { link: message.media_url, ...(message.caption ? { caption: message.caption } : {}) } };
  }
}

/** A Graph failure as the queue must treat it: rate limits and 5xx retried, other 4xx final. */
export function graphFailure(status: number, body: GraphError, retryAfter: string | null): DriverError {
  const code = body.error?.code;
  const detail = (body.error?.message ?? `HTTP ${status}`).slice(0, 300);
  const retryAfterMs = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined;
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    return new DriverError({ code: 'RATE_LIMITED', message: `Limite de envio do WhatsApp atingido: ${detail}`, providerCode: code }, true, retryAfterMs);
  }
  return new DriverError({ code: 'UPSTREAM_ERROR', message: `WhatsApp Cloud API recusou o envio: ${detail}`, providerCode: code }, status >= 500);
}

/**
 * The official WhatsApp Cloud API: sends through Graph with the phone-number id and token of the
 * whatsapp config section; statuses and inbound messages arrive by the signed webhook.
 */
export function createCloudDriver(options: CloudOptions): WhatsAppDriver {
  const { hooks } = options;
  const base = options.graphUrl.replace(/\/+$/, '');

  async function graph(path: string, init: RequestInit, creds: CloudCredentials, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    return fetch(`${base}/${creds.apiVersion}/${path}`, {
      ...init,
      headers: { authorization: `Bearer ${creds.accessToken}`, 'content-type': 'application/json', ...init.headers },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  }

  /** A session is "ready" when Graph accepts the token for the phone number. */
  async function verify(): Promise<void> {
    const creds = await options.credentials();
    if (!creds.phoneNumberId || !creds.accessToken) return hooks.sessionStatus('disconnected', { reason: 'not_configured' });
    try {
      const res = await graph(`${encodeURIComponent(creds.phoneNumberId)}?fields=display_phone_number,verified_name`, { method: 'GET' }, creds);
      if (res.ok) return hooks.sessionStatus('ready');
      const body = (await res.json().catch(() => ({}))) as GraphError;
      const badCredentials = res.status === 401 || res.status === 403 || body.error?.code === BAD_TOKEN_CODE;
      return hooks.sessionStatus('disconnected', { reason: badCredentials ? 'invalid_credentials' : 'upstream_error' });
    } catch {
      return hooks.sessionStatus('disconnected', { reason: 'upstream_error' });
    }
  }

  return {
    mode: 'cloud',
    async start() {
      await hooks.sessionStatus('connecting');
      verify().catch(options.onError);
    },
    stop: () => hooks.sessionStatus('disconnected', { reason: 'stopped' }),
    async send(message: OutboundMessage, signal: AbortSignal) {
      const creds = await options.credentials();
      if (!creds.phoneNumberId || !creds.accessToken) {
        throw new DriverError({ code: 'NOT_CONFIGURED', message: 'WhatsApp Cloud API não configurada (phone_number_id e access_token).' }, false);
      }
      const payload = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to.replace(/^\+/, ''), type: message.type, ...content(message) };
      let res: Response;
      try {
        res = await graph(`${encodeURIComponent(creds.phoneNumberId)}/messages`, { method: 'POST', body: JSON.stringify(payload) }, creds, signal);
      } catch (error) {
        if (signal.aborted) throw error;
        throw new DriverError({ code: 'UPSTREAM_ERROR', message: 'WhatsApp Cloud API inacessível.' }, true);
      }
      const body = (await res.json().catch(() => ({}))) as GraphError & { messages?: { id?: string }[] };
      if (!res.ok) throw graphFailure(res.status, body, res.headers.get('retry-after'));
      const id = body.messages?.[0]?.id;
      if (!id) throw new DriverError({ code: 'UPSTREAM_ERROR', message: 'Resposta da WhatsApp Cloud API sem id de mensagem.' }, true);
      return { providerMessageId: id };
    },
    close() {},
  };
}
