import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { principalOf } from '../../core/auth/guard.plugin.js';
import type { JobQueue } from '../../core/jobs/index.js';
import type { BlobStore } from '../../core/storage/index.js';
import type { CadastrosReader } from './cadastros.js';
import type { FaturasDb } from './processos.tables.js';

/** Who asked for a change, and from where: every history entry and execução keeps it. */
export interface Actor {
  usuarioId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** Changes made by the service itself (a robot's end, a schedule, a retry). */
export const SYSTEM: Actor = { usuarioId: null, ip: null, userAgent: null };

export function actorOf(request: FastifyRequest): Actor {
  const agent = request.headers['user-agent'];
  return { usuarioId: principalOf(request).userId, ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null };
}

/** What the faturas services share. */
export interface FaturasContext {
  db: FaturasDb;
  jobs: JobQueue;
  storage: BlobStore;
  cadastros: CadastrosReader;
  timeZone: string;
  /** SAT's login names the concurrency group of uploads, as the rpa module's own API does. */
  satLogin: string | undefined;
  logger: Logger;
  now: () => number;
}

/** An action whose body is optional may be posted with none: its schema then sees `{}`. */
export function acceptEmptyBody(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined || request.body === null) request.body = {};
    done();
  });
}
