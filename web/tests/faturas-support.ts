import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/portal-sandbox';
import { login, type ConsoleHarness } from './support/browser';
import { ApiSession, ensureBuilt, ROOT } from './support/service';

export const OPERADOR = { email: 'operador@retaguarda.test', password: 'senha-do-operador-1', nome: 'Otávio Operador' };
export const APROVADOR = { email: 'aprovador@retaguarda.test', password: 'senha-do-aprovador-1', nome: 'Alice Aprovadora' };

/** The sandbox account whose CNPJ has valid check digits; every sandbox portal serves it. */
export const ACCOUNT = { filtro: '87654321', cnpj: '11222333000181' };

/** The original's headers; two good lines (OI and VIVO, portal credentials of the sandbox) and one bad CNPJ. */
export function clientesCsv(): string {
  const header = 'CNPJ;OPERADORA;RAZÃO SOCIAL;NOME SAT;SERVIÇO;UNIDADE / FILTRO SAT;FILTRO;DADOS SAT;LOGIN;SENHA';
  const line = (cnpj: string, operadora: string, razao: string) =>
    [cnpj, operadora, razao, `${razao} SAT`, 'Telefonia', 'Matriz', ACCOUNT.filtro, 'Centro de custo 100', SANDBOX_CREDENTIALS.login, SANDBOX_CREDENTIALS.senha].join(';');
  return [
    header,
    line('11.222.333/0001-81', 'OI', 'Filial Norte Comércio Ltda'),
    line('11.222.333/0001-81', 'vivo', 'Filial Norte Comércio Ltda'),
    line('11.222.333/0001-00', 'EMBRATEL', 'CNPJ Errado Ltda'),
  ].join('\r\n');
}

/** `n` clientes of one operadora with valid, distinct CNPJs (for the 10,000-processo measurement). */
export function manyClientesCsv(n: number): string {
  const lines = ['CNPJ;OPERADORA;RAZÃO SOCIAL;NOME SAT;SERVIÇO;UNIDADE / FILTRO SAT'];
  for (let i = 0; i < n; i++) lines.push([cnpjOf(10_000_000 + i), 'DIGITALNET', `Cliente ${i}`, `Cliente ${i}`, 'Internet', `U${i}`].join(';'));
  return lines.join('\n');
}

function cnpjOf(base: number): string {
  const digits = `${String(base).padStart(8, '0')}0001`.split('').map(Number);
  const dv = (weights: number[]) => {
    const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0);
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  digits.push(dv([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  digits.push(dv([6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  return digits.join('');
}

export async function createUsers(admin: ApiSession): Promise<void> {
  for (const [user, perfil] of [
    [OPERADOR, 'OPERADOR'],
    [APROVADOR, 'APROVADOR'],
  ] as const) {
    await admin.ok('POST', '/api/v1/usuarios/', { nome_completo: user.nome, email: user.email, perfil, password: user.password });
  }
}

/** Multipart POST with the admin's token (the API route a script would use). */
export async function importCsv(baseUrl: string, token: string, csv: string): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('arquivo', new Blob([csv], { type: 'text/csv' }), 'clientes.csv');
  const response = await fetch(`${baseUrl}/api/v1/faturas/clientes/importar`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** A page that records console errors and uncaught exceptions, signed in as `user`. */
export async function signedIn(h: ConsoleHarness, user: { email: string; password: string } | null, errors: string[], path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await h.newPage(viewport);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${page.url()}: ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  await page.goto(path);
  await (user ? login(page, user.email, user.password) : login(page));
  return page;
}

/** The routes of issue 11 the console needs, by name. */
const ROUTES: Record<string, string> = {
  processos: '/api/v1/faturas/processos/',
  importar: '/api/v1/faturas/clientes/importar',
  execucoes: '/api/v1/faturas/execucoes/',
  dashboard: '/api/v1/faturas/dashboard/',
  agendamentos: '/api/v1/faturas/agendamentos/',
  notificacoes: '/api/v1/faturas/notificacoes/',
  sse: '/api/v2/logs-tempo-real/stream/{job_id}',
};

/** Which of them this build of the service does not serve yet (absent from its OpenAPI document). */
export async function missingRoutes(baseUrl: string): Promise<Record<string, boolean>> {
  const doc = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> };
  const paths = new Set(Object.keys(doc.paths).map((path) => path.replace(/\{[^}]+\}/g, '{}')));
  return Object.fromEntries(Object.entries(ROUTES).map(([name, path]) => [name, !paths.has(path.replace(/\{[^}]+\}/g, '{}'))]));
}

/**
 * A private copy of web/dist for one test run: other people rebuild the shared web/dist while tests
 * run, and a page would then ask for chunks that no longer exist. Retries while a build is midway.
 */
export async function snapshotDist(): Promise<string> {
  await ensureBuilt();
  const source = path.join(ROOT, 'web/dist');
  for (let attempt = 0; attempt < 30; attempt++) {
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'retaguarda-faturas-dist-'));
    try {
      fs.cpSync(source, target, { recursive: true });
      const html = fs.readFileSync(path.join(target, 'index.html'), 'utf8');
      const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
      if (assets.length > 0 && assets.every((asset) => fs.existsSync(path.join(target, asset)))) return target;
    } catch {
      // A build was replacing files while they were copied: try again.
    }
    fs.rmSync(target, { recursive: true, force: true });
    await sleep(2_000);
  }
  throw new Error('web/dist não ficou estável para ser copiado');
}
