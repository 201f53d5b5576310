import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The small toolkit the sandboxes share: a server that closes cleanly, cookies, forms, HTML pages. */

export interface SandboxServer {
  url: string;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => Promise<void> | void;

export async function listen(port: number, delayMs: number, handler: Handler): Promise<SandboxServer> {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const run = () => {
        Promise.resolve(handler(req, res, Buffer.concat(chunks))).catch((error: unknown) => {
          if (!res.headersSent) page(res, 500, 'Erro interno', `<p>${escapeHtml(String(error))}</p>`);
        });
      };
      if (delayMs <= 0) return run();
      // A slow portal, so that tests can cancel a robot while it waits on the network.
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(res: http.ServerResponse, status: number, title: string, body: string): void {
  const html =
    `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body>${body}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

export function redirect(res: http.ServerResponse, location: string, cookie?: string): void {
  const headers: http.OutgoingHttpHeaders = { location };
  if (cookie) headers['set-cookie'] = cookie;
  res.writeHead(303, headers);
  res.end();
}

export function parseForm(body: Buffer): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

/** Sessions keyed by an unguessable cookie value, as a real portal would hand out. */
export class Sessions<S> {
  private readonly byId = new Map<string, S>();
  constructor(private readonly cookieName: string) {}

  create(state: S): string {
    const id = randomBytes(16).toString('hex');
    this.byId.set(id, state);
    return `${this.cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax`;
  }

  get(req: http.IncomingMessage): S | undefined {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, value] = part.trim().split('=');
      if (name === this.cookieName && value) return this.byId.get(value);
    }
    return undefined;
  }
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Parses multipart/form-data (RFC 7578) from a buffered body; enough for a browser's form post. */
export function parseMultipart(contentType: string | undefined, body: Buffer): MultipartPart[] {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!match) throw new Error('multipart sem boundary');
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    // `--` right after a delimiter closes the body.
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const headerStart = afterDelimiter + 2;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    const next = body.indexOf(delimiter, headerStart);
    if (headerEnd === -1 || next === -1) throw new Error('multipart truncado');
    const headers = body.subarray(headerStart, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      parts.push({
        name,
        filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
        // The part's data ends with the CRLF that precedes the next delimiter.
        data: body.subarray(headerEnd + 4, next - 2),
      });
    }
    start = next;
  }
  return parts;
}
