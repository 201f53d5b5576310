export type RobotErrorCategory = 'authentication' | 'navigation' | 'timeout' | 'file' | 'no_invoice' | 'cancelled';

/** BlobStore keys of the evidence captured when a robot failed on a page. */
export interface RobotArtifacts {
  screenshot?: string;
  html?: string;
}

const PREFIX: Record<RobotErrorCategory, string> = {
  authentication: 'Erro de autenticação',
  navigation: 'Erro de navegação',
  timeout: 'Erro de timeout',
  file: 'Erro de arquivo',
  no_invoice: 'Fatura não encontrada',
  cancelled: 'Execução cancelada',
};

/**
 * The one error a robot throws. The message starts with the category in Portuguese (the seed's
 * categories: autenticação, navegação, timeout, arquivo) because it is what the job shows as `error`.
 */
export class RobotError extends Error {
  override readonly name = 'RobotError';
  artifacts?: RobotArtifacts;

  constructor(
    readonly category: RobotErrorCategory,
    detail: string,
  ) {
    super(`${PREFIX[category]}: ${detail}`);
  }
}
