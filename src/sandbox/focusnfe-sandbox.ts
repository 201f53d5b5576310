import http from 'node:http';
import { isValidChave } from '../core/brazil/index.js';
import { listen, type SandboxServer } from './http-kit.js';
import { sandboxInvoicePdf } from './invoice-pdf.js';

/**
 * FocusNFE API v2 on localhost, as ../shared/reference/focusnfe-v2.md describes it: Basic auth with the
 * token as user (401 without credentials, 403 permissao_negada for another token), Rate-Limit-* headers
 * and 429, 202 `processando_autorizacao` then a terminal status after `delayMs`, webhooks with the
 * registered header and Focus's retry schedule (compressed), files at relative paths and, for CTe and
 * MDFe, at absolute URLs of a second host standing for S3 (which refuses a request carrying
 * Authorization, as a pre-signed URL does), received NFe paged by `versao`, and municipalities.
 */

export type FocusDocType = 'nfe' | 'nfce' | 'nfse' | 'cte' | 'mdfe';
export const FOCUS_DOC_TYPES: readonly FocusDocType[] = ['nfe', 'nfce', 'nfse', 'cte', 'mdfe'];

export interface FocusSandboxOptions {
  token: string;
  port?: number;
  /** Time from 202 to the terminal status (default 50 ms). */
  delayMs?: number;
  /** Webhook retry delays after the first failure (Focus: 1 min, 30 min, 1 h, 3 h, 24 h), compressed. */
  retryScheduleMs?: readonly number[];
  /** Credits per window (Focus: 100 per minute per token). */
  rateLimit?: { limit: number; windowMs: number };
}

interface Doc {
  tipo: FocusDocType;
  ref: string;
  status: string;
  cnpj: string;
  chave?: string;
  numero?: string;
  cartas: number;
  body: Record<string, unknown>;
}

interface Hook {
  id: string;
  event: string;
  url: string;
  cnpj?: string;
  cpf?: string;
  authorization: string | null;
  authorization_header: string | null;
}

export interface Delivery {
  ref: string;
  status: string;
  attempt: number;
  answer: number | 'erro';
}

export interface ReceivedNfe {
  chave_nfe: string;
  cnpj_destinatario: string;
  nome_emitente: string;
  documento_emitente: string;
  valor_total: string;
  data_emissao: string;
  situacao: 'autorizada' | 'cancelada' | 'denegada';
  manifestacao_destinatario: string | null;
  nfe_completa: boolean;
  tipo_nfe: string;
  versao: number;
}

export const SANDBOX_MUNICIPIOS: Record<string, { nome_municipio: string; sigla_uf: string; nome_uf: string }> = {
  '3550308': { nome_municipio: 'São Paulo', sigla_uf: 'SP', nome_uf: 'São Paulo' },
  '4106902': { nome_municipio: 'Curitiba', sigla_uf: 'PR', nome_uf: 'Paraná' },
  '3304557': { nome_municipio: 'Rio de Janeiro', sigla_uf: 'RJ', nome_uf: 'Rio de Janeiro' },
  '5300108': { nome_municipio: 'Brasília', sigla_uf: 'DF', nome_uf: 'Distrito Federal' },
};

const HOOK_EVENTS = new Set(['nfe', 'nfse', 'nfsen', 'nfce_contingencia', 'nfe_recebida', 'nfse_recebida', 'cte_recebida', 'inutilizacao', 'cte', 'mdfe', 'nfcom']);
const MANIFESTOS = new Set(['ciencia', 'confirmacao', 'desconhecimento', 'nao_realizada']);
const MODELO: Record<FocusDocType, string> = { nfe: '55', nfce: '65', nfse: '00', cte: '57', mdfe: '58' };
const PREFIX: Record<FocusDocType, string> = { nfe: 'NFe', nfce: 'NFe', nfse: '', cte: 'CTe', mdfe: 'MDFe' };

/** A chave with a valid check digit for this document, so strict clients accept it. */
export function sandboxChave(cnpj: string, modelo: string, numero: number): string {
  const base = `35${'2611'}${cnpj.padStart(14, '0')}${modelo}001${String(numero).padStart(9, '0')}1${String(numero * 7919).slice(-8).padStart(8, '0')}`;
  for (let dv = 0; dv <= 9; dv += 1) if (isValidChave(`${base}${dv}`)) return `${base}${dv}`;
  throw new Error('chave sem dígito verificador');
}

export class FocusNfeSandbox {
  readonly docs = new Map<string, Doc>();
  readonly hooks = new Map<string, Hook>();
  readonly deliveries: Delivery[] = [];
  readonly received: ReceivedNfe[] = [];
  /** Requests per path (without the query), to see caching and retries from outside. */
  readonly hits = new Map<string, number>();
  /** Outcome of each ref's authorisation (default `autorizado`). */
  readonly outcomes = new Map<string, string>();
  /** While false, no webhook is sent (a hook disabled by Focus, or a lost delivery). */
  webhooksEnabled = true;
  /** The next API (not file) requests answer this status with a Focus error body. */
  private failures: { status: number; body: unknown }[] = [];
  private hangs = 0;
  private fileFailures = 0;
  private numero = 0;
  private window = { started: Date.now(), used: 0 };
  private timers = new Set<NodeJS.Timeout>();
  private api!: SandboxServer;
  private s3!: SandboxServer;

  private constructor(private readonly options: FocusSandboxOptions) {}

  static async start(options: FocusSandboxOptions): Promise<FocusNfeSandbox> {
    const sandbox = new FocusNfeSandbox(options);
    sandbox.s3 = await listen(0, 0, (req, res) => sandbox.serveS3(req, res));
    sandbox.api = await listen(options.port ?? 0, 0, (req, res, body) => sandbox.serve(req, res, body));
    return sandbox;
  }

  get url(): string {
    return this.api.url;
  }

  failNext(count: number, status = 500, body: unknown = { codigo: 'erro_interno', mensagem: 'Erro inesperado' }): void {
    this.failures.push(...Array.from({ length: count }, () => ({ status, body })));
  }

  /** The next API requests are read and never answered (a client timeout). */
  hangNext(count: number): void {
    this.hangs += count;
  }

  failNextFiles(count: number): void {
    this.fileFailures += count;
  }

  /** Adds received NFe for a CNPJ, each with the next `versao`. */
  addReceived(cnpj: string, count: number): ReceivedNfe[] {
    const added: ReceivedNfe[] = [];
    for (let i = 0; i < count; i += 1) {
      const n = this.received.length + 1;
      const item: ReceivedNfe = {
        chave_nfe: sandboxChave('07504505000132', '55', 500_000 + n),
        cnpj_destinatario: cnpj,
        nome_emitente: `Fornecedor ${n} Ltda`,
        documento_emitente: '07504505000132',
        valor_total: `${(n * 10.5).toFixed(2)}`,
        data_emissao: '2026-11-01T10:00:00-03:00',
        situacao: 'autorizada',
        manifestacao_destinatario: null,
        nfe_completa: false,
        tipo_nfe: '1',
        versao: this.nextVersao(),
      };
      this.received.push(item);
      added.push(item);
    }
    return added;
  }

  /** Registers this service's webhook for every document event, as `retaguarda fiscal hooks register` would. */
  registerHooks(url: string, authorization: string): void {
    for (const event of ['nfe', 'nfse', 'cte', 'mdfe', 'nfce_contingencia']) {
      const id = `D${this.hooks.size + 1}`;
      this.hooks.set(id, { id, event, url, authorization, authorization_header: null });
    }
  }

  /** Posts a document's current state to every matching hook now (Focus's `/hook` resend). */
  notify(ref: string): void {
    const doc = this.docs.get(ref);
    if (doc) this.deliver(doc);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([this.api.close(), this.s3.close()]);
  }

  private nextVersao(): number {
    return this.received.reduce((max, r) => Math.max(max, r.versao), 0) + 1;
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private serveS3(req: http.IncomingMessage, res: http.ServerResponse): void {
    // A pre-signed S3 URL refuses a second authentication mechanism.
    if (req.headers.authorization) return send(res, 400, { Code: 'InvalidArgument', Message: 'Only one auth mechanism allowed' });
    this.serveFile(req.url ?? '/', res);
  }

  private serveFile(url: string, res: http.ServerResponse): void {
    if (this.fileFailures > 0) {
      this.fileFailures -= 1;
      return send(res, 503, { codigo: 'indisponivel', mensagem: 'Arquivo temporariamente indisponível' });
    }
    const name = decodeURIComponent(url.split('?')[0]!);
    const ref = /ref-([A-Za-z0-9_-]+)/.exec(name)?.[1] ?? 'desconhecida';
    if (name.endsWith('.pdf')) {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return void res.end(sandboxInvoicePdf('FocusNFe', ref, '202611'));
    }
    if (name.endsWith('.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(`<!doctype html><html><body><h1>DANFCe ${ref}</h1></body></html>`);
    }
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><nfeProc><ref>${ref}</ref><arquivo>${name}</arquivo></nfeProc>`);
  }

  private authorize(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) {
      res.setHeader('www-authenticate', 'Basic realm="FocusNFe"');
      send(res, 401, { codigo: 'nao_autorizado', mensagem: 'Token de acesso não informado' });
      return false;
    }
    const [user, password] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    if (user !== this.options.token || password !== '') {
      send(res, 403, { codigo: 'permissao_negada', mensagem: 'Token inválido ou sem permissão' });
      return false;
    }
    return true;
  }

  /** Spends a credit and sets Rate-Limit-*; false (after answering 429) when none is left. */
  private spendCredit(res: http.ServerResponse): boolean {
    const { limit, windowMs } = this.options.rateLimit ?? { limit: 100_000, windowMs: 60_000 };
    const now = Date.now();
    if (now - this.window.started >= windowMs) this.window = { started: now, used: 0 };
    const reset = Math.max(0, Math.ceil((this.window.started + windowMs - now) / 1000));
    this.window.used += 1;
    res.setHeader('Rate-Limit-Limit', String(limit));
    res.setHeader('Rate-Limit-Remaining', String(Math.max(0, limit - this.window.used)));
    res.setHeader('Rate-Limit-Reset', String(reset));
    if (this.window.used <= limit) return true;
    send(res, 429, { codigo: 'limite_excedido', mensagem: 'Limite de requisições excedido' });
    return false;
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): void {
    const url = new URL(req.url ?? '/', this.api.url);
    const path = url.pathname;
    this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
    if (path.startsWith('/arquivos') || path.startsWith('/notas_fiscais')) return this.serveFile(path, res);
    if (!path.startsWith('/v2/')) return send(res, 404, { codigo: 'nao_encontrado', mensagem: 'Não encontrado' });
    if (!this.authorize(req, res) || !this.spendCredit(res)) return;
    if (this.hangs > 0) {
      this.hangs -= 1;
      return;
    }
    const failure = this.failures.shift();
    if (failure !== undefined) return send(res, failure.status, failure.body);
    let body: Record<string, unknown> = {};
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        return send(res, 415, { codigo: 'json_invalido', mensagem: 'Mídia inválida: JSON mal formado' });
      }
    }
    const parts = path.split('/').slice(2).map(decodeURIComponent);
    this.route(req.method ?? 'GET', parts, url.searchParams, body, res);
  }

  private route(method: string, parts: string[], query: URLSearchParams, body: Record<string, unknown>, res: http.ServerResponse): void {
    const [resource, id, action] = parts;
    if (resource === 'hooks') return this.hooksApi(method, id, body, res);
    if (resource === 'municipios' && method === 'GET' && id) return this.municipio(id, res);
    if (resource === 'nfes_recebidas') return this.receivedApi(method, id, action, query, body, res);
    const tipo = FOCUS_DOC_TYPES.find((t) => t === resource);
    if (!tipo) return notFound(res);
    if (method === 'POST' && !id) return this.emit(tipo, query.get('ref'), body, res);
    const doc = id ? this.docs.get(id) : undefined;
    if (!doc || doc.tipo !== tipo) return notFound(res);
    if (method === 'GET' && !action) return send(res, 200, this.view(doc));
    if (method === 'DELETE' && !action) return this.cancel(doc, body, res);
    if (method === 'POST' && action === 'carta_correcao' && tipo === 'nfe') return this.correct(doc, body, res);
    if (method === 'POST' && action === 'hook') {
      this.deliver(doc);
      return send(res, 200, [...this.hooks.values()].filter((h) => h.event === hookEvent(doc.tipo)));
    }
    notFound(res);
  }

  private emit(tipo: FocusDocType, ref: string | null, body: Record<string, unknown>, res: http.ServerResponse): void {
    if (!ref) return send(res, 400, { codigo: 'ref_ausente', mensagem: 'Parâmetro "ref" não informado' });
    if (!/^[A-Za-z0-9_-]+$/.test(ref)) return send(res, 400, { codigo: 'requisicao_invalida', mensagem: 'Referência inválida' });
    const existing = this.docs.get(ref);
    if (existing && existing.status !== 'erro_autorizacao') {
      const processing = existing.status === 'processando_autorizacao';
      if (tipo === 'cte' || tipo === 'mdfe') {
        return send(res, 409, { codigo: `${tipo}_${processing ? 'em_processamento' : 'ja_autorizado'}`, mensagem: 'Documento já enviado com esta referência' });
      }
      return send(res, 422, processing
        ? { codigo: 'em_processamento', mensagem: 'Nota fiscal em processamento' }
        : { codigo: 'nfe_autorizada', mensagem: 'Nota fiscal já autorizada' });
    }
    if (Object.keys(body).length === 0) {
      return send(res, 422, { codigo: 'erro_validacao_schema', mensagem: 'Erro de validação', erros: [{ mensagem: 'Documento vazio', campo: null }] });
    }
    const cnpj = String(body.cnpj_emitente ?? (body.prestador as { cnpj?: string } | undefined)?.cnpj ?? '07504505000132');
    const doc: Doc = { tipo, ref, status: 'processando_autorizacao', cnpj, cartas: 0, body };
    this.docs.set(ref, doc);
    if (tipo === 'nfce') {
      this.finish(doc);
      return send(res, 201, this.view(doc));
    }
    this.later(this.options.delayMs ?? 50, () => {
      this.finish(doc);
      this.deliver(doc);
    });
    send(res, 202, this.view(doc));
  }

  private finish(doc: Doc): void {
    doc.status = this.outcomes.get(doc.ref) ?? 'autorizado';
    if (doc.status === 'erro_autorizacao') return;
    this.numero += 1;
    doc.numero = String(this.numero);
    if (doc.tipo !== 'nfse') doc.chave = sandboxChave(doc.cnpj.replace(/\D/g, '').slice(0, 14), MODELO[doc.tipo], this.numero);
  }

  /** The document as Focus's GET (and its webhook) shows it; file paths by status and type. */
  private view(doc: Doc): Record<string, unknown> {
    const base = { ref: doc.ref, status: doc.status };
    const emitter = doc.tipo === 'nfse' ? { cnpj_prestador: doc.cnpj } : { cnpj_emitente: doc.cnpj };
    if (doc.status === 'processando_autorizacao') return { ...emitter, ...base };
    if (doc.status === 'erro_autorizacao') {
      return doc.tipo === 'nfse'
        ? { ...emitter, ...base, erros: [{ codigo: 'E145', mensagem: 'Inscrição municipal do prestador inválida', correcao: null }] }
        : { ...emitter, ...base, status_sefaz: '598', mensagem_sefaz: 'Rejeição: NF-e emitida em ambiente de homologação com razão social diferente' };
    }
    const chave = doc.chave ?? '';
    const dir = `/arquivos_development/${doc.cnpj}/202611/XMLs/ref-${doc.ref}`;
    const files: Record<string, unknown> = {};
    if (doc.tipo === 'nfse') {
      files.caminho_xml_nota_fiscal = `${dir}.nfse.xml`;
      files.url_danfse = `${this.s3.url}/nfse/ref-${doc.ref}.pdf`;
      files.codigo_verificacao = `V${doc.numero}`;
    } else if (doc.tipo === 'cte' || doc.tipo === 'mdfe') {
      files.caminho_xml = `${this.s3.url}/${doc.tipo}/ref-${doc.ref}.${doc.tipo}.xml`;
      files[doc.tipo === 'cte' ? 'caminho_dacte' : 'caminho_damdfe'] = `/notas_fiscais/ref-${doc.ref}.pdf`;
    } else {
      files.caminho_xml_nota_fiscal = `${dir}.nfe.xml`;
      files.caminho_danfe = doc.tipo === 'nfce' ? `/notas_fiscais_consumidor/ref-${doc.ref}.html` : `/arquivos_development/DANFEs/ref-${doc.ref}.pdf`;
    }
    if (doc.status === 'cancelado') files.caminho_xml_cancelamento = `${dir}.can.xml`;
    if (doc.cartas > 0) {
      files.numero_carta_correcao = doc.cartas;
      files.caminho_xml_carta_correcao = `${dir}.cce-${String(doc.cartas).padStart(2, '0')}.xml`;
      files.caminho_pdf_carta_correcao = `/notas_fiscais/ref-${doc.ref}/cartas_correcao/${doc.cartas}.pdf`;
    }
    const key = doc.tipo === 'nfse' ? {} : doc.tipo === 'cte' || doc.tipo === 'mdfe' ? { chave: `${PREFIX[doc.tipo]}${chave}` } : { chave_nfe: `NFe${chave}` };
    return { ...emitter, ...base, status_sefaz: doc.status === 'cancelado' ? '135' : '100', mensagem_sefaz: 'Autorizado o uso', numero: doc.numero, serie: '1', ...key, ...files };
  }

  private cancel(doc: Doc, body: Record<string, unknown>, res: http.ServerResponse): void {
    const justificativa = body.justificativa;
    if (typeof justificativa !== 'string') return send(res, 400, { codigo: 'requisicao_invalida', mensagem: 'Parâmetro "justificativa" não informado' });
    if (justificativa.length < 15 || justificativa.length > 255) {
      return send(res, 400, { codigo: 'requisicao_invalida', mensagem: 'Parâmetro "justificativa" deve ter entre 15 e 255 caracteres' });
    }
    if (doc.status === 'cancelado') return send(res, 400, { codigo: 'nfe_cancelada', mensagem: 'Nota fiscal já cancelada' });
    if (doc.status !== 'autorizado') return send(res, doc.tipo === 'nfse' ? 400 : 422, { codigo: 'nfe_nao_autorizada', mensagem: 'Nota fiscal não autorizada' });
    doc.status = 'cancelado';
    const view = this.view(doc);
    this.deliver(doc);
    const file = doc.tipo === 'cte' || doc.tipo === 'mdfe' ? { caminho_xml: view.caminho_xml_cancelamento } : { caminho_xml_cancelamento: view.caminho_xml_cancelamento };
    send(res, 200, { status: 'cancelado', status_sefaz: '135', mensagem_sefaz: 'Evento registrado e vinculado a NF-e', ...file });
  }

  private correct(doc: Doc, body: Record<string, unknown>, res: http.ServerResponse): void {
    const correcao = body.correcao;
    if (typeof correcao !== 'string' || correcao.length < 15 || correcao.length > 1000) {
      return send(res, 400, { codigo: 'requisicao_invalida', mensagem: 'Parâmetro "correcao" deve ter entre 15 e 1000 caracteres' });
    }
    if (doc.status !== 'autorizado') return send(res, 422, { codigo: 'nfe_nao_autorizada', mensagem: 'Nota fiscal não autorizada' });
    if (doc.cartas >= 20) return send(res, 422, { codigo: 'requisicao_invalida', mensagem: 'Limite de 20 cartas de correção atingido' });
    doc.cartas += 1;
    const view = this.view(doc);
    const fields = ['caminho_xml_carta_correcao', 'caminho_pdf_carta_correcao', 'numero_carta_correcao'];
    send(res, 200, { status: 'autorizado', status_sefaz: '135', mensagem_sefaz: 'Evento registrado e vinculado a NF-e', ...Object.fromEntries(fields.map((f) => [f, view[f]])) });
  }

  private deliver(doc: Doc): void {
    if (!this.webhooksEnabled) return;
    const payload = this.view(doc);
    for (const hook of this.hooks.values()) {
      if (hook.event !== hookEvent(doc.tipo)) continue;
      if (hook.cnpj && hook.cnpj !== doc.cnpj) continue;
      void this.post(hook, doc.ref, payload, 0);
    }
  }

  private async post(hook: Hook, ref: string, payload: Record<string, unknown>, attempt: number): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (hook.authorization) headers[(hook.authorization_header ?? 'Authorization').toLowerCase()] = hook.authorization;
    const answer = await fetch(hook.url, { method: 'POST', headers, body: JSON.stringify(payload), signal: AbortSignal.timeout(5000) }).then(
      (r) => r.status,
      () => 'erro' as const,
    );
    this.deliveries.push({ ref, status: String(payload.status), attempt, answer });
    const schedule = this.options.retryScheduleMs ?? [60, 120, 240, 480, 960];
    const ok = typeof answer === 'number' && answer >= 200 && answer < 300;
    if (!ok && attempt < schedule.length) this.later(schedule[attempt]!, () => void this.post(hook, ref, payload, attempt + 1));
  }

  private hooksApi(method: string, id: string | undefined, body: Record<string, unknown>, res: http.ServerResponse): void {
    if (method === 'GET' && !id) return send(res, 200, [...this.hooks.values()]);
    if (method === 'POST' && !id) {
      if (typeof body.event !== 'string' || !HOOK_EVENTS.has(body.event)) {
        return send(res, 400, { codigo: 'requisicao_invalida', mensagem: 'Parâmetro "event" deve ser um evento válido' });
      }
      if (typeof body.url !== 'string' || !/^https?:\/\/\S+$/.test(body.url)) {
        return send(res, 400, { codigo: 'requisicao_invalida', mensagem: `URL inválida: ${String(body.url)}` });
      }
      if (body.cnpj && body.cpf) return send(res, 400, { codigo: 'requisicao_invalida', mensagem: 'Informe CNPJ ou CPF, não ambos' });
      const hook: Hook = {
        id: `H${this.hooks.size + 1}x${Date.now().toString(36)}`,
        event: body.event,
        url: body.url,
        ...(typeof body.cnpj === 'string' ? { cnpj: body.cnpj } : {}),
        ...(typeof body.cpf === 'string' ? { cpf: body.cpf } : {}),
        authorization: typeof body.authorization === 'string' ? body.authorization : null,
        authorization_header: typeof body.authorization_header === 'string' ? body.authorization_header : null,
      };
      this.hooks.set(hook.id, hook);
      return send(res, 200, hook);
    }
    const hook = id ? this.hooks.get(id) : undefined;
    if (!hook) return notFound(res);
    if (method === 'GET') return send(res, 200, hook);
    if (method === 'DELETE') {
      this.hooks.delete(hook.id);
      return send(res, 200, { ...hook, deleted: true });
    }
    notFound(res);
  }

  private municipio(ibge: string, res: http.ServerResponse): void {
    const found = SANDBOX_MUNICIPIOS[ibge];
    if (!found) return notFound(res);
    send(res, 200, {
      codigo_municipio: ibge, ...found, nfse_habilitada: true, requer_certificado_nfse: true, possui_ambiente_homologacao_nfse: true,
      possui_cancelamento_nfse: true, provedor_nfse: 'Sandbox', endereco_obrigatorio_nfse: true, cpf_cnpj_obrigatorio_nfse: true,
      codigo_cnae_obrigatorio_nfse: false, item_lista_servico_obrigatorio_nfse: true, codigo_tributario_municipio_obrigatorio_nfse: null,
      status_nfse: 'ativo',
    });
  }

  private receivedApi(method: string, chave: string | undefined, action: string | undefined, query: URLSearchParams, body: Record<string, unknown>, res: http.ServerResponse): void {
    if (method === 'GET' && !chave) {
      const cnpj = query.get('cnpj');
      if (!cnpj) return send(res, 400, { codigo: 'requisicao_invalida', mensagem: 'Parâmetro "cnpj" não informado' });
      const after = Number(query.get('versao') ?? 0);
      const all = this.received.filter((r) => r.cnpj_destinatario === cnpj && r.versao > after).sort((a, b) => a.versao - b.versao);
      const page = all.slice(0, 100);
      res.setHeader('X-Total-Count', String(all.length));
      res.setHeader('X-Max-Version', String(page.at(-1)?.versao ?? after));
      return send(res, 200, page);
    }
    const item = this.received.find((r) => r.chave_nfe === chave);
    if (!item) return notFound(res);
    if (method === 'GET' && !action) return send(res, 200, item);
    if (method !== 'POST' || action !== 'manifesto') return notFound(res);
    const tipo = body.tipo;
    const justificativa = body.justificativa;
    if (typeof tipo !== 'string' || !MANIFESTOS.has(tipo)) return send(res, 400, { codigo: 'requisicao_invalida', mensagem: 'Tipo de manifestação não informado' });
    if (tipo === 'nao_realizada' && (typeof justificativa !== 'string' || justificativa.length < 15)) {
      return send(res, 400, { codigo: 'requisicao_invalida', mensagem: 'A justificativa deve conter pelo menos 15 caracteres' });
    }
    if (item.manifestacao_destinatario === tipo) return send(res, 400, { codigo: 'manifestacao_ja_vinculada', mensagem: 'Manifestação já vinculada a esta nota' });
    item.manifestacao_destinatario = tipo;
    item.versao = this.nextVersao();
    send(res, 200, { status_sefaz: '135', mensagem_sefaz: 'Evento registrado e vinculado a NF-e', status: 'evento_registrado', protocolo: `1352600000${item.versao}`, tipo, justificativa: justificativa ?? null });
  }
}

function hookEvent(tipo: FocusDocType): string {
  return tipo === 'nfce' ? 'nfce_contingencia' : tipo;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function notFound(res: http.ServerResponse): void {
  send(res, 404, { codigo: 'nao_encontrado', mensagem: 'Nota fiscal não encontrada' });
}

/** What `npm run demo` configures: the service's FocusNFE token and webhook secret for this sandbox. */
export const DEMO_FOCUS = { token: 'token-demo-focusnfe', webhookSecret: 'segredo-demo-webhook' } as const;

export const startFocusNfeSandbox = (options: FocusSandboxOptions) => FocusNfeSandbox.start(options);
