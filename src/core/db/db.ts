import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type Transaction,
} from 'kysely';
import { CurrentSchemaIntrospector } from './pg-introspector.js';
import { checkpointInBackground } from './sqlite-checkpointer.js';
import type { CoreTables } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';

/** Kysely over core tables; a module widens it with `db.withTables<ModuleTables>()`. */
export type CoreDb = Kysely<CoreTables>;
export type Executor<T = CoreTables> = Kysely<T> | Transaction<T>;

export interface Database {
  db: CoreDb;
  dialect: Dialect;
  close(): Promise<void>;
}

// SQLite's plain BEGIN takes the write lock late, so two processes that read then write can deadlock
// or lose an update; BEGIN IMMEDIATE takes it up front and serializes writers across processes.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

function immediateSqliteDialect(database: Sqlite.Database): KyselyDialect {
  const base = new SqliteDialect({ database });
  return {
    createAdapter: () => base.createAdapter(),
    createDriver: () => new ImmediateSqliteDriver({ database }),
    createIntrospector: (db) => base.createIntrospector(db),
    createQueryCompiler: () => base.createQueryCompiler(),
  };
}

// Kysely prepares every query anew; better-sqlite3 statements are reusable, and preparing was about a
// fifth of the CPU of a write. Kysely's SQL text is stable per query shape, so a small cache hits.
function withStatementCache(database: Sqlite.Database, limit = 1000): Sqlite.Database {
  const cache = new Map<string, Sqlite.Statement>();
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= limit) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  }) as Sqlite.Database['prepare'];
  return database;
}

let pgParsersInstalled = false;
function installPgParsers(): void {
  if (pgParsersInstalled) return;
  pgParsersInstalled = true;
  // bigint (epoch ms, ids, centavos) and count(*) come back as strings by default.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
}

export function dialectOf(url: string): Dialect {
  return url.startsWith('postgres') ? 'postgres' : 'sqlite';
}

export function openDatabase(url: string, options: { poolSize?: number } = {}): Database {
  const dialect = dialectOf(url);
  if (dialect === 'postgres') {
    installPgParsers();
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    const base = new PostgresDialect({ pool });
    const scoped: KyselyDialect = {
      createAdapter: () => base.createAdapter(),
      createDriver: () => base.createDriver(),
      createIntrospector: (db) => new CurrentSchemaIntrospector(db),
      createQueryCompiler: () => base.createQueryCompiler(),
    };
    const db = new Kysely<CoreTables>({ dialect: scoped });
    return { db, dialect, close: () => db.destroy() };
  }
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Sqlite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode never corrupts and loses nothing on a process crash; only an OS crash may
  // drop the last commits. That trade buys most of SQLite's write throughput.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLite's default page cache is 2 MiB: an index written at random places (payments by purchase)
  // outgrows it within minutes and every write then reads its pages back through the OS.
  sqlite.pragma('cache_size = -32768');
  const stopCheckpoints = file === ':memory:' ? async () => undefined : checkpointInBackground(path.resolve(file), sqlite);
  const db = new Kysely<CoreTables>({ dialect: immediateSqliteDialect(withStatementCache(sqlite)) });
  return {
    db,
    dialect,
    close: async () => {
      await stopCheckpoints();
      await db.destroy();
    },
  };
}
