import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testDialects } from '../testing/test-database.js';
import { openDatabase } from './db.js';
import { migrateToLatest } from './migrate.js';

const widgets = {
  '20260101_0001_widgets': {
    up: async (db: Parameters<typeof migrateToLatest>[0]) => {
      await db.schema.createTable('widgets').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
    },
  },
};

for (const dialect of testDialects()) {
  describe(`database (${dialect})`, () => {
    it('migrates once: a second run applies nothing and the table is there', async () => {
      const target = await createTestDatabase(dialect);
      const database = openDatabase(target.url);
      try {
        assert.equal((await migrateToLatest(database.db, [widgets])).results?.length, 1);
        assert.equal((await migrateToLatest(database.db, [widgets])).results?.length, 0);
        const tables = await database.db.introspection.getTables();
        assert.ok(tables.some((t) => t.name === 'widgets' && t.columns.some((c) => c.name === 'id')));
      } finally {
        await database.close();
        await target.drop();
      }
    });
  });
}

if (testDialects().includes('postgres')) {
  describe('database (postgres): schemas sharing a server', () => {
    it('introspection sees only its own schema and survives others being dropped meanwhile', async () => {
      const mine = await createTestDatabase('postgres');
      const database = openDatabase(mine.url);
      try {
        await migrateToLatest(database.db, [widgets]);
        // Other test files create and drop their schemas while this one migrates: that used to fail
        // with "schema … does not exist" from the introspection query.
        let churning = true;
        const churn = Array.from({ length: 4 }, async () => {
          for (let i = 0; i < 10; i++) {
            const other = await createTestDatabase('postgres');
            const otherDb = openDatabase(other.url);
            await sql`create table gadgets (id integer)`.execute(otherDb.db);
            await otherDb.close();
            await other.drop();
          }
        });
        const looks = (async () => {
          const seen: string[][] = [];
          while (churning) seen.push((await database.db.introspection.getTables()).map((t) => t.name));
          return seen;
        })();
        await Promise.all(churn).finally(() => (churning = false));
        const seen = await looks;
        assert.ok(seen.length > 10, `only ${seen.length} looks`);
        for (const names of seen) assert.deepEqual(names.filter((n) => !n.startsWith('kysely_')), ['widgets']);
      } finally {
        await database.close();
        await mine.drop();
      }
    });
  });
}

describe('database (sqlite): WAL checkpoints', () => {
  it('commits leave the checkpoint to the background thread, which copies the WAL into the file', async () => {
    const target = await createTestDatabase('sqlite');
    const file = path.join(target.dataDir, 'test.db');
    const database = openDatabase(target.url);
    try {
      assert.equal((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db)).rows[0]?.wal_autocheckpoint, 0);
      await sql`create table blobs (id integer primary key, data text)`.execute(database.db);
      const before = fs.statSync(file).size;
      for (let i = 0; i < 200; i++) await sql`insert into blobs (data) values (${'x'.repeat(8000)})`.execute(database.db);
      // Only a checkpoint writes pages into the database file itself.
      let grown = false;
      for (let i = 0; i < 50 && !grown; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        grown = fs.statSync(file).size > before + 1_000_000;
      }
      assert.ok(grown, 'the database file received the WAL pages');
    } finally {
      await database.close();
    }
    assert.equal(fs.existsSync(`${file}-wal`), false, 'closing checkpoints and removes the WAL');
    await target.drop();
  });
});
