/** Focus's documented error body: `{codigo, mensagem, erros?}` (reference §2). */
export interface FocusErrorBody {
  codigo: string;
  mensagem: string;
  erros?: unknown[];
}

/** Focus answered with a non-2xx status (after any retries); `body` is its error, normalised. */
export class FocusHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: FocusErrorBody,
  ) {
    super(`FocusNFE respondeu HTTP ${status}: ${body.codigo} - ${body.mensagem}`);
    this.name = 'FocusHttpError';
  }
}

/** Focus could not be reached, or did not answer in time; whether it acted on the request is unknown. */
export class FocusUnreachableError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'FocusUnreachableError';
  }
}

/**
 * Any body Focus sends on an error as `{codigo, mensagem, erros?}`: its usual shape, the Empresas
 * API's `{erros: [{codigo, mensagem}]}`, or an undocumented one (429 and 5xx bodies are not documented).
 */
export function toFocusError(status: number, body: unknown): FocusErrorBody {
  const value = (body ?? {}) as Record<string, unknown>;
  const nested = Array.isArray(value.erros) ? (value.erros[0] as Record<string, unknown> | undefined) : undefined;
  const codigo = typeof value.codigo === 'string' ? value.codigo : typeof nested?.codigo === 'string' ? nested.codigo : `http_${status}`;
  const mensagem =
    typeof value.mensagem === 'string'
      ? value.mensagem
      : typeof nested?.mensagem === 'string'
        ? nested.mensagem
        : `FocusNFE respondeu HTTP ${status}`;
  return Array.isArray(value.erros) ? { codigo, mensagem, erros: value.erros } : { codigo, mensagem };
}
