import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Fastify's own request ids are a counter; a random prefix per process start keeps the ids of
// several processes, and of restarts, apart in shared logs. Ids are not secrets: they only name a request.
const ID_PREFIX = randomBytes(4).toString('hex');
let requests = 0;

/** The caller's `X-Request-Id` when it is a sane token, so its logs and ours line up; a new one otherwise. */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : `${ID_PREFIX}-${(requests++).toString(36)}`;
}
