/** A failed call, with a message fit to show and, when the API named fields, one message per field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FALLBACK: Record<number, string> = {
  0: 'Não foi possível falar com o servidor. Verifique sua conexão e tente novamente.',
  400: 'Os dados enviados são inválidos.',
  401: 'Sua sessão expirou. Entre novamente.',
  403: 'Você não tem permissão para esta ação.',
  404: 'Registro não encontrado.',
  409: 'A operação conflita com o estado atual do registro.',
  422: 'Verifique os campos destacados.',
  429: 'Muitas tentativas. Aguarde alguns minutos e tente novamente.',
};

const fallback = (status: number) => FALLBACK[status] ?? 'Erro inesperado no servidor. Tente novamente.';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `/api/v1` answers `{error: {message, details: {field: [msgs]}}}`. */
function fromEnvelope(status: number, error: Json): ApiError {
  const fields: Record<string, string> = {};
  if (isObject(error.details)) {
    for (const [field, messages] of Object.entries(error.details)) {
      fields[field] = Array.isArray(messages) ? messages.join(' ') : String(messages);
    }
  }
  return new ApiError(status, typeof error.message === 'string' ? error.message : fallback(status), fields);
}

const LOCATIONS = new Set(['body', 'query', 'path', 'header']);

/** Seed 001/003 routes answer FastAPI's `{detail: "msg"}` or `{detail: [{loc, msg}]}`. */
function fromDetail(status: number, detail: unknown): ApiError {
  if (typeof detail === 'string') return new ApiError(status, detail);
  if (!Array.isArray(detail)) return new ApiError(status, fallback(status));
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of detail.filter(isObject)) {
    const loc = Array.isArray(issue.loc) ? issue.loc.map(String).filter((part) => !LOCATIONS.has(part)) : [];
    const msg = String(issue.msg ?? '');
    if (loc.length > 0) fields[loc.join('.')] = msg;
    else general.push(msg);
  }
  return new ApiError(status, general.join(' ') || fallback(status), fields);
}

export async function readError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isObject(body) && isObject(body.error)) return fromEnvelope(response.status, body.error);
  if (isObject(body) && 'detail' in body) return fromDetail(response.status, body.detail);
  return new ApiError(response.status, fallback(response.status));
}

export const networkError = () => new ApiError(0, fallback(0));

/** For `catch` blocks: anything thrown becomes an ApiError with a message fit to show. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(-1, fallback(500));
}
