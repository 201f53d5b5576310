import type { Kysely, Migration } from 'kysely';

// Frozen in time: migrations never import application code.
export const atendimentoMigrations: Record<string, Migration> = {
  '20261129_0300_atendimento_config_whatsapp': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('atendimento_config')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('company_data', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('chat_settings', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('email_settings', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('appearance_settings', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('whatsapp_settings', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('atendimento_wa_session')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('reason', 'varchar(64)')
        .addColumn('started_by', 'varchar(36)')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('atendimento_wa_messages')
        .addColumn('message_id', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('direction', 'varchar(8)', (c) => c.notNull())
        .addColumn('contact', 'varchar(20)', (c) => c.notNull())
        .addColumn('chat_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('type', 'varchar(10)', (c) => c.notNull())
        .addColumn('text', 'text')
        .addColumn('media_url', 'varchar(2048)')
        .addColumn('caption', 'text')
        .addColumn('contact_name', 'varchar(200)')
        .addColumn('status', 'varchar(10)', (c) => c.notNull())
        .addColumn('provider_message_id', 'varchar(128)')
        .addColumn('error_code', 'varchar(40)')
        .addColumn('error_message', 'varchar(500)')
        .addColumn('created_by', 'varchar(36)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('queued_at', 'bigint')
        .addColumn('sent_at', 'bigint')
        .addColumn('delivered_at', 'bigint')
        .addColumn('read_at', 'bigint')
        .addColumn('failed_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('atendimento_wa_messages_provider_uq')
        .on('atendimento_wa_messages')
        .column('provider_message_id')
        .unique()
        .execute();
      await db.schema
        .createIndex('atendimento_wa_messages_chat_ix')
        .on('atendimento_wa_messages')
        .columns(['chat_id', 'created_at'])
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['atendimento_wa_messages', 'atendimento_wa_session', 'atendimento_config']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};
