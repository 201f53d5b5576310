import type { Kysely, Migration } from 'kysely';
import { withSerialId } from '../../../core/db/schema-helpers.js';

// Frozen in time: migrations never import application code.
export const fiadosMigrations: Record<string, Migration> = {
  '20261123_0101_fiados_tables': {
    async up(db: Kysely<any>) {
      await withSerialId(db, db.schema.createTable('fiados_clients'))
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('nickname', 'varchar(100)')
        .addColumn('phone', 'varchar(40)')
        .addColumn('email', 'varchar(254)')
        .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await withSerialId(db, db.schema.createTable('fiados_purchases'))
        .addColumn('client_id', 'integer', (c) => c.notNull().references('fiados_clients.id'))
        .addColumn('description', 'varchar(500)', (c) => c.notNull())
        .addColumn('total_value', 'bigint', (c) => c.notNull())
        .addColumn('total_paid_value', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('pending'))
        .addColumn('note_number', 'varchar(64)')
        .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // Unique only when given: both SQLite and PostgreSQL let NULLs repeat in a unique index.
      await db.schema.createIndex('fiados_purchases_note_number_uq').on('fiados_purchases').column('note_number').unique().execute();
      await db.schema.createIndex('fiados_purchases_client_idx').on('fiados_purchases').columns(['client_id', 'id']).execute();
      // Receivables and `only_pending` read the open purchases only.
      await db.schema
        .createIndex('fiados_purchases_open_idx')
        .on('fiados_purchases')
        .columns(['is_active', 'status', 'client_id'])
        .execute();

      await withSerialId(db, db.schema.createTable('fiados_payments'))
        .addColumn('purchase_id', 'integer', (c) => c.notNull().references('fiados_purchases.id'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('payment_date', 'bigint', (c) => c.notNull())
        .addColumn('method', 'varchar(50)', (c) => c.notNull())
        .addColumn('description', 'varchar(500)')
        .addColumn('receipt_number', 'varchar(64)')
        .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fiados_payments_receipt_number_uq').on('fiados_payments').column('receipt_number').unique().execute();
      // Covers the sum of a purchase's active payments, recomputed on every change.
      await db.schema
        .createIndex('fiados_payments_purchase_idx')
        .on('fiados_payments')
        .columns(['purchase_id', 'is_active', 'amount'])
        .execute();

      await db.schema
        .createTable('fiados_sequences')
        .addColumn('kind', 'varchar(20)', (c) => c.primaryKey())
        .addColumn('last_value', 'bigint', (c) => c.notNull())
        .execute();
      await db
        .insertInto('fiados_sequences')
        .values([
          { kind: 'note', last_value: 0 },
          { kind: 'receipt', last_value: 0 },
        ])
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['fiados_sequences', 'fiados_payments', 'fiados_purchases', 'fiados_clients']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};
