import { listen, page, parseForm, redirect, Sessions } from './http-kit.js';
import { sandboxInvoicePdf } from './invoice-pdf.js';
import type { Operadora } from '../modules/rpa/robots/portal-config.js';
import { PORTAL_THEMES, renderLoginForm, type SandboxAccount } from './portal-themes.js';

export type { SandboxAccount } from './portal-themes.js';
export { sandboxInvoicePdf } from './invoice-pdf.js';

export type PortalFailure = 'none' | 'server_error' | 'no_invoice';

export interface PortalSandboxOptions {
  operadora: Operadora;
  port?: number;
  /** Delay before every response, so a test can cancel a robot mid-run. */
  delayMs?: number;
  /** `server_error`: the account page answers 500; `no_invoice`: every invoice list is empty. */
  failure?: PortalFailure;
  credentials?: { login: string; senha: string };
  accounts?: readonly SandboxAccount[];
  /** Competências (YYYYMM) offered per account; default: the current month and the 12 before it. */
  competencias?: readonly string[];
}

export interface ReceivedRequest {
  method: string;
  path: string;
  fields?: Record<string, string>;
}

export interface PortalSandbox {
  url: string;
  close(): Promise<void>;
  /** Every request the portal answered, in order. */
  received: ReceivedRequest[];
}

export const SANDBOX_CREDENTIALS = { login: 'usuario@empresa.com.br', senha: 'senha123' } as const;

export const SANDBOX_ACCOUNTS: readonly SandboxAccount[] = [
  { filtro: '12345678', cnpj: '12345678000190', nome: 'EMPRESA EXEMPLO LTDA' },
  { filtro: '87654321', cnpj: '11222333000181', nome: 'FILIAL NORTE COMERCIO LTDA' },
];

function recentCompetencias(now: Date): string[] {
  const list: string[] = [];
  for (let back = 0; back <= 12; back++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    list.push(`${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return list;
}

/** Starts a local imitation of one carrier's customer portal on 127.0.0.1. */
export async function startPortalSandbox(options: PortalSandboxOptions): Promise<PortalSandbox> {
  const theme = PORTAL_THEMES[options.operadora];
  const credentials = options.credentials ?? SANDBOX_CREDENTIALS;
  const accounts = options.accounts ?? SANDBOX_ACCOUNTS;
  const failure = options.failure ?? 'none';
  const sessions = new Sessions<{ login: string }>('sessao_portal');
  const received: ReceivedRequest[] = [];
  const invoicePath = new RegExp(`^${theme.accountsPath}/([^/]+)/faturas(?:/(\\d{6})/pdf)?$`);
  const offered = () => (failure === 'no_invoice' ? [] : (options.competencias ?? recentCompetencias(new Date())));

  const server = await listen(options.port ?? 0, options.delayMs ?? 0, (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    received.push({ method, path: url.pathname + url.search, ...(isForm ? { fields: parseForm(body) } : {}) });

    if (url.pathname === '/' || (url.pathname === theme.loginPath && method === 'GET')) {
      return page(res, 200, theme.title, `<h1>${theme.title}</h1>` + renderLoginForm(theme, null, ''));
    }
    if (url.pathname === theme.loginPath && method === 'POST') {
      const form = parseForm(body);
      const login = form[theme.fields.login] ?? '';
      if (login !== credentials.login || form[theme.fields.senha] !== credentials.senha) {
        const html = `<h1>${theme.title}</h1>` + renderLoginForm(theme, 'Usuário ou senha inválida.', login);
        return page(res, 401, `${theme.title} — senha inválida`, html);
      }
      return redirect(res, theme.accountsPath, sessions.create({ login }));
    }

    if (!sessions.get(req)) return redirect(res, theme.loginPath);
    if (url.pathname === theme.accountsPath && method === 'GET') {
      if (failure === 'server_error') return page(res, 500, 'Erro', '<h1>Serviço temporariamente indisponível</h1>');
      return page(res, 200, `${theme.title} — contas`, theme.accounts(accounts));
    }
    const match = invoicePath.exec(url.pathname);
    const account = match && accounts.find((a) => a.filtro === decodeURIComponent(match[1]));
    if (!match || !account) return page(res, 404, 'Não encontrado', '<h1>Página não encontrada</h1>');
    const competencia = match[2];
    if (competencia === undefined) {
      return page(res, 200, `${theme.title} — faturas`, theme.invoices(account, offered()));
    }
    if (!offered().includes(competencia)) return page(res, 404, 'Não encontrado', '<h1>Fatura não encontrada</h1>');
    const pdf = sandboxInvoicePdf(options.operadora, account.filtro, competencia);
    const filename = `fatura_${options.operadora.toLowerCase()}_${account.filtro}_${competencia}.pdf`;
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': `attachment; filename="${filename}"`,
    });
    res.end(pdf);
  });
  return { url: server.url, close: server.close, received };
}
