import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { isPostgres } from './schema-helpers.js';

export type MigrationSet = Record<string, Migration>;

/**
 * Applies the migrations of every owner (core and each enabled module) in name order.
 * Names start with a date (`20261123_0001_…`) so that order is the order they were written.
 */
export async function migrateToLatest(db: Kysely<any>, sets: MigrationSet[]): Promise<MigrationResultSet> {
  const all: MigrationSet = {};
  for (const set of sets) {
    for (const [name, migration] of Object.entries(set)) {
      if (all[name]) throw new Error(`Migração duplicada: ${name}`);
      all[name] = migration;
    }
  }
  // Kysely looks for its bookkeeping tables across every schema; pin them to ours, so databases that
  // share a server (one schema per tenant or per test) do not see each other's.
  const schema = isPostgres(db)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({
    db,
    migrationTableSchema: schema,
    provider: { getMigrations: async () => all },
    // Modules may be enabled later than others; their older-named migrations must still apply.
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
