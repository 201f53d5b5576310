import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

// Frozen in time: migrations never import application code.
export const cadastrosMigrations: Record<string, Migration> = {
  '20261129_0001_faturas_operadoras_clientes': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('faturas_operadoras')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('nome', 'varchar(100)', (c) => c.notNull())
        .addColumn('codigo', 'varchar(20)', (c) => c.notNull().unique())
        .addColumn('possui_rpa', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status_ativo', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('url_portal', 'varchar(500)')
        .addColumn('instrucoes_acesso', 'text')
        .addColumn('configuracao_rpa', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // "Oi" and "OI" are the same carrier to a person.
      await db.schema
        .createIndex('faturas_operadoras_nome_uq')
        .on('faturas_operadoras')
        .expression(sql`lower(nome)`)
        .unique()
        .execute();

      await db.schema
        .createTable('faturas_clientes')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('hash_unico', 'varchar(50)', (c) => c.notNull())
        .addColumn('razao_social', 'varchar(255)', (c) => c.notNull())
        .addColumn('nome_sat', 'varchar(255)', (c) => c.notNull())
        .addColumn('cnpj', 'varchar(14)', (c) => c.notNull())
        .addColumn('operadora_id', 'varchar(36)', (c) => c.notNull().references('faturas_operadoras.id').onDelete('restrict'))
        .addColumn('filtro', 'varchar(255)')
        .addColumn('servico', 'varchar(255)', (c) => c.notNull())
        .addColumn('dados_sat', 'text')
        .addColumn('unidade', 'varchar(100)', (c) => c.notNull())
        .addColumn('site_emissao', 'varchar(500)')
        .addColumn('login_portal', 'varchar(254)')
        .addColumn('senha_portal_cifrada', 'text')
        .addColumn('cpf', 'varchar(11)')
        .addColumn('status_ativo', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('busca', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('faturas_clientes_conta_uq', ['cnpj', 'operadora_id', 'unidade', 'servico'])
        .execute();
      // Not unique: the original's rule leaves the CNPJ out, so distinct accounts may share a hash.
      await db.schema.createIndex('faturas_clientes_hash_idx').on('faturas_clientes').column('hash_unico').execute();
      await db.schema
        .createIndex('faturas_clientes_operadora_idx')
        .on('faturas_clientes')
        .columns(['operadora_id', 'status_ativo'])
        .execute();
      await db.schema.createIndex('faturas_clientes_razao_idx').on('faturas_clientes').columns(['razao_social', 'id']).execute();

      const now = Date.now();
      // The carriers the rpa module has robots for (seed 001 §3.2.2), named by their codigo.
      const robots = [
        ['Oi', 'OI'],
        ['Vivo', 'VIVO'],
        ['Embratel', 'EMBRATEL'],
        ['DigitalNet', 'DIGITALNET'],
      ];
      await db
        .insertInto('faturas_operadoras')
        .values(
          robots.map(([nome, codigo]) => ({
            id: randomUUID(),
            nome,
            codigo,
            possui_rpa: 1,
            status_ativo: 1,
            url_portal: null,
            instrucoes_acesso: null,
            configuracao_rpa: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('faturas_clientes').execute();
      await db.schema.dropTable('faturas_operadoras').execute();
    },
  },
};
