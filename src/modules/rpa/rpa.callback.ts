export const CALLBACK_TIMEOUT_MS = 5_000;

export interface CallbackLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface ProcessoCallback {
  baseUrl: string;
  processoId: string;
  status: 'COMPLETED' | 'FAILED';
  logger: CallbackLogger;
  /** Per attempt; seed 001 §3.3 says 5 s. */
  timeoutMs?: number;
}

/** The endpoints seed 001 §3.3 tries, in its order. */
export function processoStatusUrls(baseUrl: string, processoId: string): string[] {
  const base = baseUrl.replace(/\/+$/, '');
  const id = encodeURIComponent(processoId);
  return [`${base}/api/processos/${id}/status`, `${base}/processos/${id}/status`, `${base}/api/processos/${id}`];
}

/**
 * Tells the processo API how the job ended: `PUT {"status": …}` to each endpoint in turn until one
 * answers 2xx. Never throws; returns the URL that accepted it, or undefined after a warning.
 */
export async function notifyProcesso(callback: ProcessoCallback): Promise<string | undefined> {
  const { processoId, status, logger } = callback;
  const timeoutMs = callback.timeoutMs ?? CALLBACK_TIMEOUT_MS;
  const attempts: string[] = [];
  for (const url of processoStatusUrls(callback.baseUrl, processoId)) {
    try {
      const response = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The body is not needed; reading it releases the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        logger.info({ processo_id: processoId, url, status }, 'Status do processo atualizado');
        return url;
      }
      attempts.push(`${url}: HTTP ${response.status}`);
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `sem resposta em ${timeoutMs} ms` : (error as Error).message;
      attempts.push(`${url}: ${reason}`);
    }
  }
  logger.warn({ processo_id: processoId, status, tentativas: attempts }, 'Não foi possível atualizar o status do processo');
  return undefined;
}
