// A local WhatsApp Cloud API (Graph) for tests and `npm run demo`: sends answer like Meta's, and the
// statuses that follow (sent, delivered, read) come back as webhooks signed with the app secret.
import { createHmac, randomBytes } from 'node:crypto';
import type http from 'node:http';
import { listen, type SandboxServer } from './http-kit.js';

export const DEMO_WHATSAPP = {
  phoneNumberId: '100200300400500',
  accessToken: 'sandbox-access-token',
  appSecret: 'sandbox-app-secret',
  verifyToken: 'sandbox-verify-token',
  apiVersion: 'v23.0',
};

export interface SandboxFailure {
  status: number;
  /** Graph's `error.code` (130429 rate limit, 131026 undeliverable, …). */
  code?: number;
  message?: string;
  retryAfterSeconds?: number;
}

export interface SentMessage {
  id: string;
  to: string;
  type: string;
  body: Record<string, unknown>;
}

export interface WhatsAppSandbox extends SandboxServer {
  /** Where status and inbound webhooks go (the service's `/webhooks/whatsapp`). */
  setWebhook(url: string): void;
  /** Messages accepted so far, in order. */
  readonly sent: SentMessage[];
  /** The next sends answer these, one each, before sends succeed again. */
  failNext(...failures: SandboxFailure[]): void;
  /** A customer writes: a signed inbound webhook; resolves to the webhook's HTTP status. */
  sendInbound(from: string, text: string, name?: string): Promise<{ id: string; status: number }>;
  /** Posts any payload to the webhook, signed with `secret` (the app secret unless given). */
  postWebhook(payload: unknown, secret?: string): Promise<number>;
  statusPayload(id: string, status: string, recipient: string): unknown;
}

export interface WhatsAppSandboxOptions {
  port?: number;
  phoneNumberId?: string;
  accessToken?: string;
  appSecret?: string;
  /** Between a send and each following status webhook (ms). */
  statusDelayMs?: number;
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const graphError = (code: number, message: string, type = 'OAuthException') => ({
  error: { message, type, code, fbtrace_id: randomBytes(8).toString('hex') },
});

export async function startWhatsAppSandbox(options: WhatsAppSandboxOptions = {}): Promise<WhatsAppSandbox> {
  const phoneNumberId = options.phoneNumberId ?? DEMO_WHATSAPP.phoneNumberId;
  const accessToken = options.accessToken ?? DEMO_WHATSAPP.accessToken;
  const appSecret = options.appSecret ?? DEMO_WHATSAPP.appSecret;
  const delay = options.statusDelayMs ?? 30;
  const sent: SentMessage[] = [];
  const failures: SandboxFailure[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let webhook: string | undefined;

  const envelope = (value: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA-SANDBOX', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550000000', phone_number_id: phoneNumberId }, ...value } }] }],
  });
  const statusPayload = (id: string, status: string, recipient: string) =>
    envelope({ statuses: [{ id, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: recipient, ...(status === 'failed' ? { errors: [{ code: 131026, title: 'Message undeliverable' }] } : {}) }] });

  async function postWebhook(payload: unknown, secret = appSecret): Promise<number> {
    if (!webhook) throw new Error('webhook não configurado no sandbox');
    const raw = JSON.stringify(payload);
    const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: raw });
    await res.arrayBuffer();
    return res.status;
  }

  function later(ms: number, run: () => Promise<unknown>) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run().catch(() => undefined);
    }, ms);
    timers.add(timer);
  }

  const server = await listen(options.port ?? 0, 0, async (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const [, , phone, action] = url.pathname.split('/');
    if (req.headers.authorization !== `Bearer ${accessToken}`) return json(res, 401, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
    if (phone !== phoneNumberId) return json(res, 400, graphError(100, 'Unsupported request - object does not exist', 'GraphMethodException'));
    if (req.method === 'GET' && !action) return json(res, 200, { display_phone_number: '+55 11 4000-0000', verified_name: 'Retaguarda Sandbox', id: phoneNumberId });
    if (req.method !== 'POST' || action !== 'messages') return json(res, 404, graphError(100, 'Unknown path'));
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfterSeconds ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
      return json(res, failure.status, graphError(failure.code ?? 1, failure.message ?? 'Sandbox failure'), headers);
    }
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return json(res, 400, graphError(100, 'Invalid JSON'));
    }
    const to = String(message.to ?? '');
    if (message.messaging_product !== 'whatsapp' || !/^\d{8,15}$/.test(to) || typeof message.type !== 'string') {
      return json(res, 400, graphError(100, 'Invalid parameter'));
    }
    const id = `wamid.${randomBytes(24).toString('base64url')}`;
    sent.push({ id, to, type: message.type, body: message });
    json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id }] });
    // One after another, as Meta delivers them to a healthy endpoint (the service copes with any order).
    later(delay, async () => {
      for (const status of ['sent', 'delivered', 'read']) {
        await postWebhook(statusPayload(id, status, to));
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    });
  });

  return {
    ...server,
    sent,
    setWebhook: (url) => {
      webhook = url;
    },
    failNext: (...more) => {
      failures.push(...more);
    },
    async sendInbound(from, text, name = 'Cliente Sandbox') {
      const id = `wamid.${randomBytes(24).toString('base64url')}`;
      const payload = envelope({
        contacts: [{ profile: { name }, wa_id: from }],
        messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
      });
      return { id, status: await postWebhook(payload) };
    },
    postWebhook,
    statusPayload,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await server.close();
    },
  };
}
