import pino, { type Logger } from 'pino';

const SECRET_KEYS = ['senha', 'password', 'token', 'access', 'refresh', 'authorization', 'secret', 'cookie'];

// pino's redaction takes explicit paths; cover the depths where payloads and headers actually appear.
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]).concat([
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
]);

/** The service logger: JSON lines, secrets redacted wherever they sit. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[oculto]' },
    // Query strings may carry `?token=` (SSE, WebSocket): log the path only.
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
    },
  });
}
