import type { Operadora } from '../modules/rpa/robots/portal-config.js';
import { escapeHtml } from './http-kit.js';

/**
 * Each carrier's portal looks a little different (paths, field names, markup), as the real ones do,
 * so that the robots are driven by config/portals.json and not by one shared page layout.
 */

export interface SandboxAccount {
  filtro: string;
  /** Digits only. */
  cnpj: string;
  nome: string;
}

export interface PortalTheme {
  title: string;
  loginPath: string;
  /** Prefix of the account pages: `${accountsPath}/{filtro}/faturas/{competencia}/pdf`. */
  accountsPath: string;
  fields: { login: string; senha: string };
  labels: { login: string; senha: string; submit: string };
  errorTag(message: string): string;
  accounts(list: readonly SandboxAccount[]): string;
  invoices(account: SandboxAccount, competencias: readonly string[]): string;
}

const mmYyyy = (c: string) => `${c.slice(4, 6)}/${c.slice(0, 4)}`;
const formatCnpj = (d: string) => d.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');
// Cosmetic amount that only depends on the invoice, so pages stay deterministic.
const valor = (filtro: string, c: string) => `R$ ${(100 + ((Number(c) + filtro.length * 37) % 400)).toFixed(2).replace('.', ',')}`;
const enc = encodeURIComponent;

export function renderLoginForm(theme: PortalTheme, error: string | null, login: string): string {
  const { fields, labels } = theme;
  return (
    (error ? theme.errorTag(escapeHtml(error)) : '') +
    `<form method="post" action="${theme.loginPath}">` +
    `<label for="${fields.login}">${labels.login}</label>` +
    `<input id="${fields.login}" name="${fields.login}" type="text" value="${escapeHtml(login)}">` +
    `<label for="${fields.senha}">${labels.senha}</label>` +
    `<input id="${fields.senha}" name="${fields.senha}" type="password">` +
    `<button type="submit">${labels.submit}</button></form>`
  );
}

const oi: PortalTheme = {
  title: 'Minha Oi Empresas',
  loginPath: '/login',
  accountsPath: '/minha-conta',
  fields: { login: 'usuario', senha: 'senha' },
  labels: { login: 'E-mail', senha: 'Senha', submit: 'Entrar' },
  errorTag: (m) => `<div class="alerta-erro" role="alert">${m}</div>`,
  accounts: (list) =>
    `<h1>Escolha a conta</h1><ul id="lista-contas">` +
    list
      .map(
        (a) =>
          `<li><a class="conta" data-filtro="${escapeHtml(a.filtro)}" data-cnpj="${a.cnpj}" ` +
          `href="/minha-conta/${enc(a.filtro)}/faturas">${escapeHtml(a.nome)} — ${formatCnpj(a.cnpj)} — conta ${escapeHtml(a.filtro)}</a></li>`,
      )
      .join('') +
    `</ul>`,
  invoices: (a, comps) =>
    `<h1>Faturas da conta ${escapeHtml(a.filtro)}</h1><table id="faturas"><tr><th>Referência</th><th>Valor</th><th></th></tr>` +
    comps
      .map(
        (c) =>
          `<tr class="fatura" data-competencia="${c}"><td>${mmYyyy(c)}</td><td>${valor(a.filtro, c)}</td>` +
          `<td><a class="baixar-pdf" href="/minha-conta/${enc(a.filtro)}/faturas/${c}/pdf">Baixar PDF</a></td></tr>`,
      )
      .join('') +
    `</table>` +
    (comps.length === 0 ? `<p class="sem-faturas">Nenhuma fatura disponível.</p>` : ''),
};

const vivo: PortalTheme = {
  title: 'Meu Vivo Empresas',
  loginPath: '/entrar',
  accountsPath: '/meu-vivo/contas',
  fields: { login: 'email', senha: 'password' },
  labels: { login: 'E-mail corporativo', senha: 'Senha de acesso', submit: 'Acessar' },
  errorTag: (m) => `<p id="mensagem-erro">${m}</p>`,
  accounts: (list) =>
    `<h2>Selecione a conta</h2><div class="seletor-contas">` +
    list
      .map(
        (a) =>
          `<div class="linha-conta"><span>${escapeHtml(a.nome)} (${formatCnpj(a.cnpj)})</span>` +
          `<a data-conta="${escapeHtml(a.filtro)}" data-documento="${a.cnpj}" href="/meu-vivo/contas/${enc(a.filtro)}/faturas">Ver faturas</a></div>`,
      )
      .join('') +
    `</div>`,
  invoices: (a, comps) =>
    `<h2>Conta ${escapeHtml(a.filtro)}</h2><section id="lista-faturas">` +
    (comps.length === 0 ? `<p id="vazio">Não há faturas para esta conta.</p>` : '') +
    comps
      .map(
        (c) =>
          `<article class="fatura-card" data-referencia="${mmYyyy(c)}"><h3>Fatura ${mmYyyy(c)}</h3><p>${valor(a.filtro, c)}</p>` +
          `<a class="btn-download" href="/meu-vivo/contas/${enc(a.filtro)}/faturas/${c}/pdf">Download da fatura</a></article>`,
      )
      .join('') +
    `</section>`,
};

const embratel: PortalTheme = {
  title: 'Embratel — Portal do Cliente',
  loginPath: '/portal/login',
  accountsPath: '/portal/contratos',
  fields: { login: 'login', senha: 'senha' },
  labels: { login: 'Login', senha: 'Senha', submit: 'Entrar no portal' },
  errorTag: (m) => `<span class="erro-autenticacao">${m}</span>`,
  accounts: (list) =>
    `<table id="contratos"><tr><th>CNPJ</th><th>Contrato</th><th></th></tr>` +
    list
      .map(
        (a) =>
          `<tr data-cnpj="${a.cnpj}" data-contrato="${escapeHtml(a.filtro)}"><td>${formatCnpj(a.cnpj)}</td><td>${escapeHtml(a.filtro)}</td>` +
          `<td><a class="selecionar" href="/portal/contratos/${enc(a.filtro)}/faturas">Selecionar</a></td></tr>`,
      )
      .join('') +
    `</table>`,
  invoices: (a, comps) =>
    `<table class="tabela-faturas"><caption>Contrato ${escapeHtml(a.filtro)}</caption>` +
    comps
      .map(
        (c) =>
          `<tr data-periodo="${c.slice(0, 4)}-${c.slice(4, 6)}"><td>${mmYyyy(c)}</td><td>${valor(a.filtro, c)}</td>` +
          `<td><a class="download" href="/portal/contratos/${enc(a.filtro)}/faturas/${c}/pdf">PDF</a></td></tr>`,
      )
      .join('') +
    `</table>` +
    (comps.length === 0 ? `<div class="aviso-sem-faturas">Nenhuma fatura emitida.</div>` : ''),
};

const digitalnet: PortalTheme = {
  title: 'DigitalNet — Área do Cliente',
  loginPath: '/acesso',
  accountsPath: '/cliente/contas',
  fields: { login: 'user', senha: 'pass' },
  labels: { login: 'Usuário', senha: 'Senha', submit: 'Login' },
  errorTag: (m) => `<div class="senha-invalida">${m}</div>`,
  accounts: (list) =>
    `<nav id="contas">` +
    list
      .map(
        (a) =>
          `<a href="/cliente/contas/${enc(a.filtro)}/faturas?cliente=${enc(a.filtro)}&amp;cnpj=${a.cnpj}">` +
          `${escapeHtml(a.nome)} — ${escapeHtml(a.filtro)}</a>`,
      )
      .join(' ') +
    `</nav>`,
  // Downloads here are a form post, as some portals do, rather than a plain link.
  invoices: (a, comps) =>
    `<ul id="faturas">` +
    comps
      .map(
        (c) =>
          `<li data-competencia="${c}">Competência ${mmYyyy(c)} — ${valor(a.filtro, c)}` +
          `<form method="post" action="/cliente/contas/${enc(a.filtro)}/faturas/${c}/pdf"><button class="pdf" type="submit">Baixar</button></form></li>`,
      )
      .join('') +
    `</ul>` +
    (comps.length === 0 ? `<p class="nenhuma-fatura">Nenhuma fatura encontrada.</p>` : ''),
};

export const PORTAL_THEMES: Record<Operadora, PortalTheme> = {
  OI: oi,
  VIVO: vivo,
  EMBRATEL: embratel,
  DIGITALNET: digitalnet,
};
