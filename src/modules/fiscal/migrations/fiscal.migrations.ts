import type { Kysely, Migration } from 'kysely';
import { withSerialId } from '../../../core/db/schema-helpers.js';

// Frozen in time: migrations never import application code.
export const fiscalMigrations: Record<string, Migration> = {
  '20261129_0401_fiscal_tables': {
    async up(db: Kysely<any>) {
      await withSerialId(db, db.schema.createTable('fiscal_invoices'))
        .addColumn('ref', 'varchar(50)', (c) => c.notNull().unique())
        .addColumn('tipo', 'varchar(8)', (c) => c.notNull())
        .addColumn('status', 'varchar(40)', (c) => c.notNull())
        .addColumn('cnpj_emitente', 'varchar(14)')
        .addColumn('chave', 'varchar(60)')
        .addColumn('numero', 'varchar(20)')
        .addColumn('serie', 'varchar(10)')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('focus_document', 'text')
        .addColumn('send_failed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('xml_key', 'varchar(300)')
        .addColumn('pdf_key', 'varchar(300)')
        .addColumn('files_pending', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // The dashboard's last 50, the NFSe list by status, and reconciliation's stale notes.
      await db.schema.createIndex('fiscal_invoices_created_idx').on('fiscal_invoices').column('created_at').execute();
      await db.schema.createIndex('fiscal_invoices_tipo_status_idx').on('fiscal_invoices').columns(['tipo', 'status', 'created_at']).execute();
      await db.schema.createIndex('fiscal_invoices_status_updated_idx').on('fiscal_invoices').columns(['status', 'updated_at']).execute();
      await db.schema.createIndex('fiscal_invoices_files_idx').on('fiscal_invoices').columns(['files_pending', 'updated_at']).execute();

      await withSerialId(db, db.schema.createTable('fiscal_invoice_events'))
        .addColumn('invoice_id', 'integer', (c) => c.notNull().references('fiscal_invoices.id'))
        .addColumn('evento', 'varchar(40)', (c) => c.notNull())
        .addColumn('status', 'varchar(40)')
        .addColumn('mensagem', 'varchar(2000)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fiscal_invoice_events_invoice_idx').on('fiscal_invoice_events').columns(['invoice_id', 'id']).execute();

      await withSerialId(db, db.schema.createTable('fiscal_webhook_logs'))
        .addColumn('ref', 'varchar(100)')
        .addColumn('status', 'varchar(40)')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('resultado', 'varchar(40)')
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('applied_at', 'bigint')
        .execute();
      await db.schema.createIndex('fiscal_webhook_logs_applied_idx').on('fiscal_webhook_logs').column('applied_at').execute();

      await db.schema
        .createTable('fiscal_counts')
        .addColumn('tipo', 'varchar(8)', (c) => c.notNull())
        .addColumn('status', 'varchar(40)', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('fiscal_counts_pk', ['tipo', 'status'])
        .execute();

      await db.schema
        .createTable('fiscal_received_nfe')
        .addColumn('chave', 'varchar(44)', (c) => c.primaryKey())
        .addColumn('cnpj_destinatario', 'varchar(14)', (c) => c.notNull())
        .addColumn('versao', 'bigint', (c) => c.notNull())
        .addColumn('situacao', 'varchar(20)')
        .addColumn('manifestacao_destinatario', 'varchar(20)')
        .addColumn('documento', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fiscal_received_nfe_cnpj_idx').on('fiscal_received_nfe').columns(['cnpj_destinatario', 'versao']).execute();

      await db.schema
        .createTable('fiscal_received_sync')
        .addColumn('cnpj', 'varchar(14)', (c) => c.primaryKey())
        .addColumn('versao', 'bigint', (c) => c.notNull())
        .addColumn('synced_at', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['fiscal_received_sync', 'fiscal_received_nfe', 'fiscal_counts', 'fiscal_webhook_logs', 'fiscal_invoice_events', 'fiscal_invoices']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};
