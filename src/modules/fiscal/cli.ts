import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../../core/config/config.js';
import { NOT_CONFIGURED } from './fiscal.errors.js';
import { sampleDocument } from './fiscal-samples.js';
import { DOC_TYPES, type DocType } from './fiscal.tables.js';
import { FocusClient, focusBaseUrl } from './focus/focus-client.js';
import { FocusHttpError } from './focus/focus-errors.js';

const HELP = `Uso:
  retaguarda fiscal hooks register [--url URL] [--cnpj CNPJ] [--events nfe,nfse,cte,mdfe,nfce_contingencia]
  retaguarda fiscal hooks list
  retaguarda fiscal hooks delete ID
  retaguarda fiscal homologate --type nfse|nfe|nfce|cte|mdfe|lifecycle|all --token TOKEN [--api URL] [--cnpj CNPJ] [--timeout 180]
  retaguarda fiscal simulate-webhook --ref REF --status autorizado [--url URL]

  hooks: gatilhos da FocusNFE (/v2/hooks) que apontam para este serviço, com FOCUS_NFE_WEBHOOK_SECRET
         no cabeçalho FOCUS_NFE_WEBHOOK_HEADER. --url padrão: PUBLIC_URL + /webhooks/focusnfe.
  homologate: emite um exemplo válido de cada tipo pela API deste serviço (--api, padrão http://HOST:PORT,
         com um token de 'retaguarda token issue'), espera o resultado e imprime uma tabela.
         lifecycle: emissão → webhook → status → arquivos (sem consultar a Focus: só o webhook atualiza).
  simulate-webhook: envia a este serviço um webhook no formato da FocusNFE, com o segredo.`;

const DEFAULT_EVENTS = 'nfe,nfse,cte,mdfe,nfce_contingencia';

class FiscalCliError extends Error {}

function focusOf(config: Readonly<Config>): FocusClient {
  const token = config.env.FOCUS_NFE_TOKEN;
  if (!token) throw new FiscalCliError(NOT_CONFIGURED);
  return new FocusClient({ baseUrl: focusBaseUrl(config.env), token });
}

function serviceUrl(config: Readonly<Config>, given: string | undefined): string {
  return (given ?? config.env.PUBLIC_URL ?? `http://${config.host}:${config.port}`).replace(/\/+$/, '');
}

function secretOf(config: Readonly<Config>): string {
  const secret = config.env.FOCUS_NFE_WEBHOOK_SECRET;
  if (!secret) throw new FiscalCliError('defina FOCUS_NFE_WEBHOOK_SECRET (o segredo que a FocusNFE enviará no webhook)');
  return secret;
}

async function hooks(config: Readonly<Config>, action: string | undefined, id: string | undefined, values: Record<string, string | undefined>) {
  const focus = focusOf(config);
  type Hook = { id: string; event: string; url: string; cnpj?: string | null };
  if (action === 'list') {
    const { body } = await focus.get<Hook[]>('/v2/hooks');
    for (const hook of body) console.log(`${hook.id}  ${hook.event}  ${hook.url}  ${hook.cnpj ?? 'todas as empresas'}`);
    return;
  }
  if (action === 'delete') {
    if (!id) throw new FiscalCliError('informe o ID do gatilho: retaguarda fiscal hooks delete ID');
    await focus.delete(`/v2/hooks/${encodeURIComponent(id)}`);
    return void console.log(`Gatilho ${id} removido.`);
  }
  if (action !== 'register') throw new FiscalCliError(`ação desconhecida '${action ?? ''}' (register, list, delete)`);
  const url = values.url ?? `${serviceUrl(config, undefined)}/webhooks/focusnfe`;
  const header = config.env.FOCUS_NFE_WEBHOOK_HEADER;
  const existing = (await focus.get<Hook[]>('/v2/hooks')).body;
  for (const event of (values.events ?? DEFAULT_EVENTS).split(',').map((e) => e.trim()).filter(Boolean)) {
    const same = existing.find((hook) => hook.event === event && hook.url === url && (hook.cnpj ?? undefined) === values.cnpj);
    if (same) {
      console.log(`${event}: já registrado (${same.id})`);
      continue;
    }
    const body = { event, url, authorization: secretOf(config), ...(header ? { authorization_header: header } : {}), ...(values.cnpj ? { cnpj: values.cnpj } : {}) };
    const { body: hook } = await focus.post<Hook>('/v2/hooks', { body });
    console.log(`${event}: registrado (${hook.id}) → ${url}`);
  }
}

interface Row {
  tipo: string;
  ref: string;
  http: string;
  status: string;
  segundos: string;
  nota: string;
}

async function homologate(config: Readonly<Config>, values: Record<string, string | undefined>) {
  const type = values.type;
  const kinds = type === 'all' ? [...DOC_TYPES, 'lifecycle'] : type && [...DOC_TYPES, 'lifecycle'].includes(type) ? [type] : undefined;
  if (!kinds) throw new FiscalCliError('--type deve ser nfse, nfe, nfce, cte, mdfe, lifecycle ou all');
  if (!values.token) throw new FiscalCliError("falta --token (um token de serviço: 'retaguarda token issue')");
  const api = (values.api ?? `http://${config.host}:${config.port}`).replace(/\/+$/, '');
  const timeoutMs = Number(values.timeout ?? '180') * 1000;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${values.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, any> | null };
  };
  const rows: Row[] = [];
  for (const kind of kinds) {
    const tipo = (kind === 'lifecycle' ? 'nfse' : kind) as DocType;
    const ref = `homolog-${kind}-${Date.now().toString(36)}`;
    const started = Date.now();
    const sent = await call('POST', `/${tipo}/?ref=${ref}`, sampleDocument(tipo, values.cnpj));
    let status = String(sent.body?.status ?? '');
    let nota = sent.status >= 400 ? JSON.stringify(sent.body?.detail ?? sent.body).slice(0, 120) : '';
    // lifecycle reads only the local record, so only the webhook can move it; the others ask Focus.
    const read = kind === 'lifecycle' ? `/local/${ref}` : `/${tipo}/${ref}`;
    while (sent.status < 400 && status === 'processando_autorizacao' && Date.now() - started < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      status = String((await call('GET', read)).body?.status ?? status);
    }
    if (kind === 'lifecycle' && status === 'autorizado') {
      let files: string[] = [];
      while (files.length < 2 && Date.now() - started < timeoutMs) {
        files = ((await call('GET', `/local/${ref}`)).body?.arquivos as string[] | undefined) ?? [];
        if (files.length < 2) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      nota = files.length >= 2 ? `arquivos: ${files.join(', ')}` : 'webhook aplicado, arquivos ainda ausentes';
    } else if (status === 'processando_autorizacao') nota = `sem resultado em ${timeoutMs / 1000} s`;
    rows.push({ tipo: kind, ref, http: String(sent.status), status: status || '-', segundos: ((Date.now() - started) / 1000).toFixed(1), nota });
  }
  const columns: (keyof Row)[] = ['tipo', 'ref', 'http', 'status', 'segundos', 'nota'];
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => row[c])));
  if (rows.some((r) => r.status !== 'autorizado')) process.exitCode = 1;
}

async function simulateWebhook(config: Readonly<Config>, values: Record<string, string | undefined>) {
  if (!values.ref || !values.status) throw new FiscalCliError('informe --ref e --status');
  const url = values.url ?? `${serviceUrl(config, undefined)}/webhooks/focusnfe`;
  const header = config.env.FOCUS_NFE_WEBHOOK_HEADER ?? 'Authorization';
  const payload = { ref: values.ref, status: values.status, status_sefaz: values.status === 'autorizado' ? '100' : undefined, mensagem_sefaz: 'Webhook simulado (retaguarda fiscal simulate-webhook)' };
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [header]: secretOf(config) }, body: JSON.stringify(payload) });
  console.log(`${response.status} ${await response.text()}`);
  if (!response.ok) process.exitCode = 1;
}

/** `retaguarda fiscal …` (seed 000 §7): hooks at Focus, the homologation suite, a simulated webhook. */
export async function runFiscalCli(argv: string[]): Promise<void> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' }, url: { type: 'string' }, cnpj: { type: 'string' }, events: { type: 'string' },
        type: { type: 'string' }, token: { type: 'string' }, api: { type: 'string' }, timeout: { type: 'string' },
        ref: { type: 'string' }, status: { type: 'string' },
      },
    });
    const [command, action, id] = positionals;
    if (values.help || !command) return void console.log(HELP);
    if (fs.existsSync('.env')) process.loadEnvFile('.env');
    const config = loadConfig();
    const flags = values as Record<string, string | undefined>;
    if (command === 'hooks') return await hooks(config, action, id, flags);
    if (command === 'homologate') return await homologate(config, flags);
    if (command === 'simulate-webhook') return await simulateWebhook(config, flags);
    throw new FiscalCliError(`comando desconhecido '${command}'. Veja 'retaguarda fiscal --help'.`);
  } catch (error) {
    const message = error instanceof FocusHttpError ? `FocusNFE: ${error.body.codigo} - ${error.body.mensagem}` : (error as Error).message;
    console.error(`retaguarda fiscal: ${message}`);
    process.exitCode = 1;
  }
}
