import type { Kysely, Migration } from 'kysely';
import { withSerialId } from '../../../core/db/schema-helpers.js';

// Frozen in time: migrations never import application code. Named after the cadastros migrations,
// so faturas_clientes exists when the processos reference it.
export const faturasProcessosMigrations: Record<string, Migration> = {
  '20261129_0500_faturas_processos': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('faturas_processos')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('cliente_id', 'varchar(36)', (c) => c.notNull().references('faturas_clientes.id'))
        .addColumn('operadora_id', 'varchar(36)', (c) => c.notNull().references('faturas_operadoras.id'))
        .addColumn('competencia', 'varchar(6)', (c) => c.notNull())
        .addColumn('status_processo', 'varchar(30)', (c) => c.notNull())
        .addColumn('valor_centavos', 'bigint')
        .addColumn('data_vencimento', 'varchar(10)')
        .addColumn('linha_digitavel', 'varchar(60)')
        .addColumn('fatura_key', 'varchar(500)')
        .addColumn('fatura_filename', 'varchar(255)')
        .addColumn('fatura_sha256', 'varchar(64)')
        .addColumn('data_upload_manual', 'bigint')
        .addColumn('upload_manual', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('criado_automaticamente', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('aprovado_por_usuario_id', 'varchar(36)')
        .addColumn('data_aprovacao', 'bigint')
        .addColumn('enviado_para_sat', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('data_envio_sat', 'bigint')
        .addColumn('protocolo_sat', 'varchar(200)')
        .addColumn('tentativas_download', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ultima_tentativa_download', 'bigint')
        .addColumn('tentativas_upload_sat', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ultima_tentativa_upload_sat', 'bigint')
        .addColumn('ultimo_erro', 'varchar(2000)')
        .addColumn('observacoes', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // One processo per cliente and competência: criar-mensais relies on it to insert-or-skip.
      await db.schema.createIndex('faturas_processos_cliente_competencia_uq').on('faturas_processos').columns(['cliente_id', 'competencia']).unique().execute();
      // The list's filters and orderings (ending in id, its tie-breaker, so no page sorts the whole set),
      // and the dashboard's month by operadora and status.
      await db.schema.createIndex('faturas_processos_competencia_idx').on('faturas_processos').columns(['competencia', 'created_at', 'id']).execute();
      await db.schema.createIndex('faturas_processos_competencia_status_idx').on('faturas_processos').columns(['competencia', 'status_processo', 'created_at', 'id']).execute();
      await db.schema.createIndex('faturas_processos_mes_operadora_idx').on('faturas_processos').columns(['competencia', 'operadora_id', 'status_processo', 'valor_centavos']).execute();
      await db.schema.createIndex('faturas_processos_status_vencimento_idx').on('faturas_processos').columns(['status_processo', 'data_vencimento', 'id']).execute();
      await db.schema.createIndex('faturas_processos_operadora_idx').on('faturas_processos').columns(['operadora_id', 'data_vencimento', 'id']).execute();
      await db.schema.createIndex('faturas_processos_vencimento_idx').on('faturas_processos').columns(['data_vencimento', 'id']).execute();
      await db.schema.createIndex('faturas_processos_created_idx').on('faturas_processos').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('faturas_processos_sha256_idx').on('faturas_processos').column('fatura_sha256').execute();

      await db.schema
        .createTable('faturas_execucoes')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('processo_id', 'varchar(36)', (c) => c.notNull().references('faturas_processos.id'))
        .addColumn('tipo_execucao', 'varchar(20)', (c) => c.notNull())
        .addColumn('status_execucao', 'varchar(20)', (c) => c.notNull())
        .addColumn('job_id', 'varchar(36)')
        .addColumn('numero_tentativa', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('parametros_entrada', 'text', (c) => c.notNull())
        .addColumn('resultado_saida', 'text')
        .addColumn('detalhes_erro', 'text')
        .addColumn('mensagem_log', 'text')
        .addColumn('url_arquivo', 'varchar(500)')
        .addColumn('agendada_para', 'bigint')
        .addColumn('data_inicio', 'bigint', (c) => c.notNull())
        .addColumn('data_fim', 'bigint')
        .addColumn('executado_por_usuario_id', 'varchar(36)')
        .addColumn('ip_origem', 'varchar(64)')
        .addColumn('user_agent', 'varchar(500)')
        .execute();
      await db.schema.createIndex('faturas_execucoes_processo_idx').on('faturas_execucoes').columns(['processo_id', 'data_inicio']).execute();
      await db.schema.createIndex('faturas_execucoes_job_idx').on('faturas_execucoes').column('job_id').execute();
      await db.schema.createIndex('faturas_execucoes_status_idx').on('faturas_execucoes').columns(['status_execucao', 'agendada_para']).execute();
      await db.schema.createIndex('faturas_execucoes_inicio_idx').on('faturas_execucoes').columns(['data_inicio', 'id']).execute();

      await withSerialId(db, db.schema.createTable('faturas_historico'))
        .addColumn('processo_id', 'varchar(36)', (c) => c.notNull().references('faturas_processos.id'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('usuario_id', 'varchar(36)')
        .addColumn('acao', 'varchar(40)', (c) => c.notNull())
        .addColumn('status_anterior', 'varchar(30)')
        .addColumn('status_novo', 'varchar(30)', (c) => c.notNull())
        .addColumn('motivo', 'varchar(2000)')
        .addColumn('ip_origem', 'varchar(64)')
        .addColumn('user_agent', 'varchar(500)')
        .execute();
      await db.schema.createIndex('faturas_historico_processo_idx').on('faturas_historico').columns(['processo_id', 'id']).execute();

      await withSerialId(db, db.schema.createTable('faturas_notificacoes'))
        .addColumn('usuario_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('tipo', 'varchar(40)', (c) => c.notNull())
        .addColumn('titulo', 'varchar(200)', (c) => c.notNull())
        .addColumn('mensagem', 'varchar(2000)', (c) => c.notNull())
        .addColumn('processo_id', 'varchar(36)')
        .addColumn('chave', 'varchar(200)', (c) => c.notNull())
        .addColumn('lida', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('faturas_notificacoes_chave_uq').on('faturas_notificacoes').columns(['usuario_id', 'chave']).unique().execute();
      await db.schema.createIndex('faturas_notificacoes_usuario_idx').on('faturas_notificacoes').columns(['usuario_id', 'lida', 'id']).execute();

      await db.schema
        .createTable('faturas_agendamentos')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('nome_agendamento', 'varchar(255)', (c) => c.notNull().unique())
        .addColumn('descricao', 'varchar(1000)')
        .addColumn('cron_expressao', 'varchar(100)', (c) => c.notNull())
        .addColumn('tipo_agendamento', 'varchar(40)', (c) => c.notNull())
        .addColumn('parametros_execucao', 'text', (c) => c.notNull())
        .addColumn('status_ativo', 'integer', (c) => c.notNull())
        .addColumn('schedule_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('ultima_execucao', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await withSerialId(db, db.schema.createTable('faturas_agendamento_runs'))
        .addColumn('agendamento_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('job_id', 'varchar(36)')
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('resultado', 'text')
        .addColumn('erro', 'varchar(2000)')
        .addColumn('inicio', 'bigint', (c) => c.notNull())
        .addColumn('fim', 'bigint')
        .execute();
      await db.schema.createIndex('faturas_agendamento_runs_idx').on('faturas_agendamento_runs').columns(['agendamento_id', 'id']).execute();
      await db.schema.createIndex('faturas_agendamento_runs_job_uq').on('faturas_agendamento_runs').column('job_id').unique().execute();
    },
    async down(db: Kysely<any>) {
      for (const table of [
        'faturas_agendamento_runs',
        'faturas_agendamentos',
        'faturas_notificacoes',
        'faturas_historico',
        'faturas_execucoes',
        'faturas_processos',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};
