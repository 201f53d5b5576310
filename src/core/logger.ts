import pino, { type DestinationStream, type Logger } from 'pino';
import { batchedStdout } from './log-destination.js';

const SECRET_KEYS = ['senha', 'password', 'token', 'access', 'refresh', 'authorization', 'secret', 'cookie'];

// pino's redaction takes explicit paths; cover the depths where payloads and headers actually appear.
// Wildcard paths are slow, but only the rare event and error lines pay for them: the per-request
// access line (core/http/access-log.ts) is written by its own logger, with fixed fields and no redaction.
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]).concat([
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
]);

/** The service logger: JSON lines to an asynchronous, batched stdout, secrets redacted wherever they sit. */
export function createLogger(level: string, destination: DestinationStream = batchedStdout()): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[oculto]' },
      // Query strings may carry `?token=` (SSE, WebSocket): log the path only.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      },
    },
    destination,
  );
}
