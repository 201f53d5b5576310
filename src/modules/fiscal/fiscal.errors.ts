import { AppError } from '../../core/http/errors.js';
import { FocusHttpError, FocusUnreachableError, type FocusErrorBody } from './focus/focus-errors.js';

export const NOT_CONFIGURED = 'FocusNFE não configurado: defina FOCUS_NFE_TOKEN';

export const notConfigured = () => new AppError(503, NOT_CONFIGURED);

/**
 * Focus's own refusal of a request, relayed with its status code as `{"detail": {codigo, mensagem,
 * erros?}}` (the caller sees Focus's words). Rendered by the module's error handler.
 */
export class FocusRelayError extends Error {
  constructor(
    readonly status: number,
    readonly detail: FocusErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail.mensagem);
    this.name = 'FocusRelayError';
  }
}

/**
 * What the caller is told when a call to Focus fails: Focus's 4xx relayed as is; an unreachable
 * Focus, a timeout, a 5xx, or Focus refusing the configured token (a problem of this service, not of
 * the caller's permissions) as 502 with a clear `detail`.
 */
export function fromFocus(error: unknown): Error {
  if (error instanceof FocusUnreachableError) return new AppError(502, `Não foi possível comunicar com a FocusNFE: ${error.message}`);
  if (!(error instanceof FocusHttpError)) return error as Error;
  const { status, body } = error;
  if (status === 401 || status === 403) {
    return new AppError(502, `A FocusNFE recusou o token configurado (HTTP ${status}: ${body.codigo}). Verifique FOCUS_NFE_TOKEN e FOCUS_NFE_ENV.`);
  }
  if (status >= 500) return new AppError(502, `FocusNFE indisponível (HTTP ${status}: ${body.mensagem})`);
  return new FocusRelayError(status, body, status === 429 ? { 'retry-after': '60' } : {});
}

/** True when the failure leaves it unknown whether Focus took the request, or Focus never read it. */
export function isTransportFailure(error: unknown): boolean {
  if (error instanceof FocusUnreachableError) return true;
  return error instanceof FocusHttpError && (error.status >= 500 || error.status === 429 || error.status === 401 || error.status === 403);
}

/** Focus answers these when the ref already names a document it holds: its state is Focus's to tell. */
export const REF_HELD_BY_FOCUS = new Set(['nfe_autorizada', 'em_processamento', 'cte_ja_autorizado', 'cte_em_processamento', 'mdfe_ja_autorizado', 'mdfe_em_processamento']);
