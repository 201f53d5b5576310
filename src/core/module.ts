import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config, ModuleName } from './config/config.js';
import type { Database } from './db/db.js';
import type { MigrationSet } from './db/migrate.js';
import type { SecretBox } from './crypto/secrets.js';
import type { EventBus } from './events/event-bus.js';
import type { AnyJobDefinition } from './jobs/job-registry.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { BlobStore } from './storage/blob-store.js';

/**
 * Events between parts of the service. Each module types its own names on top of this
 * (`core.events as EventBus<RpaEvents>`); core only knows that events are named objects.
 */
export type AnyEvents = Record<string, object>;

/** What core hands to every module: the module takes what it needs and nothing else. */
export interface CoreContext {
  config: Readonly<Config>;
  database: Database;
  secrets: SecretBox;
  logger: Logger;
  events: EventBus<AnyEvents>;
  storage: BlobStore;
  jobs: JobQueue;
}

/** A module's public face (its index.ts exports one of these). */
export interface RetaguardaModule {
  name: ModuleName;
  migrations: MigrationSet;
  /** The background work it declares; the queue refuses to start on a duplicate kind. */
  jobs?: readonly AnyJobDefinition[];
  /** Registers the module's routes; runs inside its own encapsulated Fastify context. */
  register(app: FastifyInstance, core: CoreContext): Promise<void>;
}
