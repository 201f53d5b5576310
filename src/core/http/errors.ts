/** Codes of the `/api/v1` error envelope (seed 002), by HTTP status. */
export const ERROR_CODES: Record<number, string> = {
  400: 'INVALID_PAYLOAD',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'INVALID_PAYLOAD',
  426: 'UPGRADE_REQUIRED',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
  502: 'UPSTREAM_ERROR',
  503: 'SERVICE_UNAVAILABLE',
  504: 'UPSTREAM_TIMEOUT',
  500: 'INTERNAL_ERROR',
};

/** A field-level problem, rendered as FastAPI's `{loc, msg, type}` or DRF's `{field: [msg]}`. */
export interface FieldIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/**
 * The one error class of the service: a status, a user-safe message (Portuguese, shown as is),
 * an optional machine code and field issues. Mapped to each contract's shape at the edge.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly options: { code?: string; issues?: FieldIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get code(): string {
    return this.options.code ?? ERROR_CODES[this.statusCode] ?? 'ERROR';
  }
}

export const badRequest = (message: string, issues?: FieldIssue[]) => new AppError(400, message, { issues });
export const unauthorized = (message = 'Credenciais de autenticação não fornecidas ou inválidas.') =>
  new AppError(401, message, { headers: { 'www-authenticate': 'Bearer' } });
export const forbidden = (message = 'Você não tem permissão para executar esta ação.') => new AppError(403, message);
export const notFound = (message: string) => new AppError(404, message);
export const conflict = (message: string) => new AppError(409, message);
export const unprocessable = (message: string, issues?: FieldIssue[]) => new AppError(422, message, { issues });
