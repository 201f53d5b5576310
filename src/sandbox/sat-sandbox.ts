import { escapeHtml, listen, page, parseForm, parseMultipart, redirect, Sessions } from './http-kit.js';
import { SAT_FORM_FIELDS, type SatFormField } from '../modules/rpa/robots/portal-config.js';
import { SANDBOX_CREDENTIALS } from './portal-sandbox.js';


export interface SatUpload {
  fields: Record<string, string>;
  filename: string;
  bytes: Buffer;
  protocolo: string;
}

export interface SatSandbox {
  url: string;
  close(): Promise<void>;
  /** Invoices accepted, in order. */
  uploads: SatUpload[];
}

export interface SatSandboxOptions {
  port?: number;
  delayMs?: number;
  credentials?: { login: string; senha: string };
}

const LABELS: Record<SatFormField, string> = {
  cnpj: 'CNPJ',
  razao: 'Razão social',
  operadora: 'Operadora',
  nome_filtro: 'Nome do filtro',
  unidade: 'Unidade',
  servico: 'Serviço',
  dados_sat: 'Dados SAT',
  data_vencimento: 'Data de vencimento (DD/MM/AAAA)',
};

function loginPage(error: string | null): string {
  return (
    `<h1>SAT — Sistema de Automação Tributária</h1>` +
    (error ? `<div class="erro-login">${escapeHtml(error)}</div>` : '') +
    `<form method="post" action="/login">` +
    `<label for="usuario">Usuário</label><input id="usuario" name="usuario" type="text">` +
    `<label for="senha">Senha</label><input id="senha" name="senha" type="password">` +
    `<button type="submit">Entrar</button></form>`
  );
}

function uploadForm(login: string, error: string | null): string {
  const field = (name: SatFormField) => {
    const input =
      name === 'operadora'
        ? `<select id="operadora" name="operadora"><option value="">Selecione</option>` +
          ['OI', 'VIVO', 'EMBRATEL', 'DIGITALNET'].map((o) => `<option value="${o}">${o}</option>`).join('') +
          `</select>`
        : `<input id="${name}" name="${name}" type="text">`;
    return `<p><label for="${name}">${LABELS[name]}</label>${input}</p>`;
  };
  return (
    `<nav class="usuario-logado">Conectado como ${escapeHtml(login)}</nav><h1>Enviar fatura</h1>` +
    (error ? `<div class="erro-formulario" role="alert">${escapeHtml(error)}</div>` : '') +
    `<form id="form-fatura" method="post" action="/faturas" enctype="multipart/form-data">` +
    SAT_FORM_FIELDS.map(field).join('') +
    `<p><label for="arquivo">Arquivo da fatura (PDF)</label><input id="arquivo" name="arquivo" type="file" accept="application/pdf"></p>` +
    `<button type="submit">Enviar fatura</button></form>`
  );
}

/** Starts a local imitation of SAT's invoice upload on 127.0.0.1. */
export async function startSatSandbox(options: SatSandboxOptions = {}): Promise<SatSandbox> {
  const credentials = options.credentials ?? SANDBOX_CREDENTIALS;
  const sessions = new Sessions<{ login: string }>('sat_sessao');
  const uploads: SatUpload[] = [];

  const server = await listen(options.port ?? 0, options.delayMs ?? 0, (req, res, body) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const method = req.method ?? 'GET';
    if (path === '/' || (path === '/login' && method === 'GET')) return page(res, 200, 'SAT — Entrar', loginPage(null));
    if (path === '/login' && method === 'POST') {
      const form = parseForm(body);
      if (form.usuario !== credentials.login || form.senha !== credentials.senha) {
        return page(res, 401, 'SAT — senha inválida', loginPage('Usuário ou senha inválida.'));
      }
      return redirect(res, '/faturas/nova', sessions.create({ login: form.usuario }));
    }
    const session = sessions.get(req);
    if (!session) return redirect(res, '/login');
    if (path === '/faturas/nova' && method === 'GET') {
      return page(res, 200, 'SAT — Enviar fatura', uploadForm(session.login, null));
    }
    if (path !== '/faturas' || method !== 'POST') return page(res, 404, 'Não encontrado', '<h1>Página não encontrada</h1>');

    const parts = parseMultipart(req.headers['content-type'], body);
    const fields: Record<string, string> = {};
    for (const part of parts) if (part.filename === undefined) fields[part.name] = part.data.toString('utf8');
    const file = parts.find((p) => p.name === 'arquivo' && p.filename);
    const missing = SAT_FORM_FIELDS.filter((f) => !fields[f]?.trim());
    let error: string | null = null;
    if (missing.length > 0) error = `Campos obrigatórios não preenchidos: ${missing.join(', ')}`;
    else if (!/^\d{2}\/\d{2}\/\d{4}$/.test(fields.data_vencimento)) error = 'Data de vencimento inválida: use DD/MM/AAAA';
    else if (!file || file.data.subarray(0, 5).toString('latin1') !== '%PDF-') error = 'Arquivo inválido: envie a fatura em PDF';
    if (error || !file?.filename) return page(res, 422, 'SAT — Enviar fatura', uploadForm(session.login, error));

    const protocolo = `SAT-${String(uploads.length + 1).padStart(6, '0')}`;
    uploads.push({ fields, filename: file.filename, bytes: Buffer.from(file.data), protocolo });
    page(
      res,
      200,
      'SAT — Fatura enviada',
      `<div class="sucesso"><h1>Fatura enviada com sucesso</h1><p>Protocolo: <strong id="protocolo">${protocolo}</strong></p></div>`,
    );
  });
  return { url: server.url, close: server.close, uploads };
}
