import { isValidChave, normalizeCnpj } from '../../core/brazil/index.js';
import { unprocessable } from '../../core/http/errors.js';
import type { FiscalContext } from './fiscal.context.js';
import { fromFocus, notConfigured } from './fiscal.errors.js';
import { lastVersion, listReceived, savePage, setManifestation, type ReceivedItem } from './fiscal-received.repository.js';

/** Focus returns at most 100 per page; a sync stops after this many pages and resumes on the next call. */
const MAX_PAGES = 50;

export type ManifestType = 'ciencia' | 'confirmacao' | 'desconhecimento' | 'nao_realizada';

const invalid = (loc: (string | number)[], msg: string, type: string) => unprocessable('Campos fornecidos são inválidos.', [{ loc, msg, type }]);

function toItem(raw: Record<string, unknown>): ReceivedItem | undefined {
  const chave = typeof raw.chave_nfe === 'string' ? raw.chave_nfe.replace(/^NFe/, '') : '';
  if (!/^[0-9A-Z]{44}$/.test(chave)) return undefined;
  return {
    chave,
    versao: Number(raw.versao ?? 0),
    situacao: typeof raw.situacao === 'string' ? raw.situacao.slice(0, 20) : null,
    manifestacao_destinatario: typeof raw.manifestacao_destinatario === 'string' ? raw.manifestacao_destinatario.slice(0, 20) : null,
    documento: JSON.stringify(raw),
  };
}

/** NFe issued against the company (`/v2/nfes_recebidas`): mirrored incrementally, listed locally. */
export function createReceivedService(ctx: FiscalContext) {
  async function sync(cnpj: string): Promise<void> {
    if (!ctx.focus) throw notConfigured();
    let versao = await lastVersion(ctx.db, cnpj);
    for (let page = 0; page < MAX_PAGES; page += 1) {
      let answer;
      try {
        answer = await ctx.focus.get<unknown[]>('/v2/nfes_recebidas', { query: { cnpj, versao } });
      } catch (error) {
        throw fromFocus(error);
      }
      const items = (Array.isArray(answer.body) ? answer.body : []).flatMap((raw) => toItem(raw as Record<string, unknown>) ?? []);
      const max = Number(answer.headers.get('x-max-version') ?? Math.max(versao, ...items.map((i) => i.versao)));
      if (items.length === 0 || !(max > versao)) return;
      await ctx.transact((trx) => savePage(trx, cnpj, items, max, ctx.now()));
      versao = max;
      if (items.length < 100) return;
    }
  }

  return {
    /** GET /recebidos/nfe?cnpj=: synchronise from the last version seen, then list the local copy. */
    async list(cnpjInput: string, limit: number, offset: number) {
      const cnpj = normalizeCnpj(cnpjInput);
      if (!cnpj) throw invalid(['query', 'cnpj'], 'CNPJ inválido (dígitos verificadores)', 'value_error.cnpj');
      await sync(cnpj);
      const { total, rows } = await listReceived(ctx.db, cnpj, limit, offset);
      const items = rows.map((row) => ({ ...(JSON.parse(row.documento) as object), manifestacao_destinatario: row.manifestacao_destinatario }));
      return { cnpj, total, limit, offset, items };
    },

    /** POST /recebidos/nfe/{chave}/manifestar: the MDe event; the chave's check digit first. */
    async manifest(chave: string, tipo: ManifestType, justificativa: string | undefined): Promise<unknown> {
      if (!ctx.focus) throw notConfigured();
      if (!isValidChave(chave)) throw invalid(['path', 'chave'], 'chave de acesso inválida (44 caracteres e dígito verificador)', 'value_error.chave');
      if (tipo === 'nao_realizada' && (!justificativa || justificativa.length < 15 || justificativa.length > 255)) {
        throw invalid(['body', 'justificativa'], 'justificativa de 15 a 255 caracteres é obrigatória para nao_realizada', 'value_error.justificativa');
      }
      const key = chave.replace(/^NFe/, '').toUpperCase();
      let answer;
      try {
        const body = tipo === 'nao_realizada' ? { tipo, justificativa } : { tipo };
        answer = await ctx.focus.post<Record<string, unknown>>(`/v2/nfes_recebidas/${key}/manifesto`, { body });
      } catch (error) {
        throw fromFocus(error);
      }
      if (answer.body && answer.body.status === 'evento_registrado') await setManifestation(ctx.db, key, tipo, ctx.now());
      return answer.body;
    },
  };
}

export type ReceivedService = ReturnType<typeof createReceivedService>;
