import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase } from '../testing/test-database.js';
import { openDatabase } from './db.js';
import { createGroupCommit } from './group-commit.js';

describe('group commit (sqlite)', () => {
  it('runs concurrent transactions in one commit, each rolled back alone when it fails', async () => {
    const target = await createTestDatabase('sqlite');
    const database = openDatabase(target.url);
    try {
      await sql`create table notes (id integer primary key, body text not null unique)`.execute(database.db);
      const transact = createGroupCommit(database.db);
      const insert = (body: string) => sql`insert into notes (body) values (${body})`;
      const results = await Promise.allSettled([
        transact(async (trx) => {
          await insert('a').execute(trx);
          return 'first';
        }),
        transact(async (trx) => {
          await insert('b').execute(trx);
          await insert('a').execute(trx);
        }),
        transact(async (trx) => {
          await insert('c').execute(trx);
          throw new Error('regra de negócio');
        }),
        transact(async (trx) => {
          await insert('d').execute(trx);
          return (await sql<{ n: number }>`select count(*) as n from notes`.execute(trx)).rows[0]!.n;
        }),
      ]);
      assert.deepEqual(results[0], { status: 'fulfilled', value: 'first' });
      assert.equal(results[1].status, 'rejected', 'the duplicate failed');
      assert.match(String((results[2] as PromiseRejectedResult).reason), /regra de negócio/);
      // The fourth saw only what the ones before it kept: a, then d.
      assert.deepEqual(results[3], { status: 'fulfilled', value: 2 });
      const rows = await sql<{ body: string }>`select body from notes order by body`.execute(database.db);
      assert.deepEqual(rows.rows.map((r) => r.body), ['a', 'd']);
    } finally {
      await database.close();
      await target.drop();
    }
  });
});
