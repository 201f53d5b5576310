import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../core/db/transaction.js';
import { conflict, notFound } from '../../core/http/errors.js';
import type { CadastrosDb } from './cadastros.tables.js';
import { pageOf, toOperadora } from './cadastros.presenters.js';
import { invalidField, optionalText, requiredText } from './cadastros.validation.js';
import { listHashInputs, updateCliente } from './clientes.repository.js';
import { hashUnico } from './clientes.rules.js';
import * as repo from './operadoras.repository.js';
import type { Operadora, OperadoraCreate, OperadoraQuery, OperadoraUpdate } from './operadoras.schemas.js';

const MAX_CONFIG_CHARS = 16_000;

const nomeTaken = () => invalidField('nome', 'Este nome já está sendo usado por outra operadora.', 409);
const codigoTaken = () => invalidField('codigo', 'Este código já está sendo usado por outra operadora.', 409);

function configText(value: Record<string, unknown> | null | undefined): string | null {
  if (!value) return null;
  const text = JSON.stringify(value);
  if (text.length > MAX_CONFIG_CHARS) throw invalidField('configuracao_rpa', 'Configuração RPA excede o tamanho permitido.');
  return text;
}

/** Carriers: unique nome (case-insensitively) and codigo (upper case); deleted only while no cliente uses them. */
export function createOperadorasService(db: CadastrosDb) {
  async function load(executor: repo.CadastrosExecutor, id: string): Promise<repo.OperadoraRow> {
    const row = await repo.findOperadora(executor, id);
    if (!row) throw notFound('Operadora não encontrada.');
    return row;
  }

  async function ensureFree(executor: repo.CadastrosExecutor, nome: string, codigo: string, exceptId?: string): Promise<void> {
    const clash = await repo.findOperadoraClash(executor, nome, codigo, exceptId);
    if (!clash) return;
    throw clash.codigo === codigo ? codigoTaken() : nomeTaken();
  }

  // A concurrent writer can still win between the check and the write: the unique indexes decide.
  async function guardUnique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const where = repo.uniqueViolation(error);
      if (where === undefined) throw error;
      throw where.includes('nome') ? nomeTaken() : codigoTaken();
    }
  }

  return {
    async list(query: OperadoraQuery, page: number, pageSize: number) {
      const filter = { q: query.q, status_ativo: query.status_ativo, possui_rpa: query.possui_rpa };
      return pageOf(
        repo.countOperadoras(db, filter),
        repo.listOperadoras(db, filter, query.ordering ?? 'nome', pageSize, (page - 1) * pageSize),
        toOperadora,
      );
    },

    get: async (id: string): Promise<Operadora> => toOperadora(await load(db, id)),

    async create(input: OperadoraCreate): Promise<Operadora> {
      const now = Date.now();
      const row: repo.OperadoraRow = {
        id: randomUUID(),
        nome: requiredText(input.nome, 'nome'),
        codigo: input.codigo.trim().toUpperCase(),
        possui_rpa: input.possui_rpa ? 1 : 0,
        status_ativo: input.status_ativo === false ? 0 : 1,
        url_portal: optionalText(input.url_portal, 'url_portal'),
        instrucoes_acesso: optionalText(input.instrucoes_acesso, 'instrucoes_acesso'),
        configuracao_rpa: configText(input.configuracao_rpa),
        created_at: now,
        updated_at: now,
      };
      await guardUnique(() =>
        inTransaction(db, async (trx) => {
          await ensureFree(trx, row.nome, row.codigo);
          await repo.insertOperadora(trx, row);
        }),
      );
      return toOperadora(row);
    },

    /** A new codigo changes every hash_unico of its clientes: they are re-hashed in the same transaction. */
    async update(id: string, input: OperadoraUpdate): Promise<Operadora> {
      const row = await guardUnique(() =>
        inTransaction(db, async (trx) => {
          const current = await load(trx, id);
          const next: repo.OperadoraRow = {
            ...current,
            nome: input.nome === undefined ? current.nome : requiredText(input.nome, 'nome'),
            codigo: input.codigo === undefined ? current.codigo : input.codigo.trim().toUpperCase(),
            possui_rpa: input.possui_rpa === undefined ? current.possui_rpa : input.possui_rpa ? 1 : 0,
            status_ativo: input.status_ativo === undefined ? current.status_ativo : input.status_ativo ? 1 : 0,
            url_portal: input.url_portal === undefined ? current.url_portal : optionalText(input.url_portal, 'url_portal'),
            instrucoes_acesso: input.instrucoes_acesso === undefined ? current.instrucoes_acesso : optionalText(input.instrucoes_acesso, 'instrucoes_acesso'),
            configuracao_rpa: input.configuracao_rpa === undefined ? current.configuracao_rpa : configText(input.configuracao_rpa),
            updated_at: Date.now(),
          };
          await ensureFree(trx, next.nome, next.codigo, id);
          await repo.updateOperadora(trx, id, next);
          if (next.codigo !== current.codigo) {
            for (const c of await listHashInputs(trx, id)) {
              await updateCliente(trx, c.id, { hash_unico: hashUnico({ ...c, operadoraCodigo: next.codigo }) });
            }
          }
          return next;
        }),
      );
      return toOperadora(row);
    },

    async remove(id: string): Promise<void> {
      const inUse = (nome: string, n: number) =>
        conflict(`Não é possível excluir a operadora "${nome}" pois existem ${n} cliente(s) vinculado(s).`);
      await inTransaction(db, async (trx) => {
        const current = await load(trx, id);
        const clientes = await repo.countClientesOf(trx, id);
        if (clientes > 0) throw inUse(current.nome, clientes);
        try {
          await repo.deleteOperadora(trx, id);
        } catch (error) {
          // A cliente created meanwhile: the foreign key refused the delete.
          if (repo.isForeignKeyViolation(error)) throw inUse(current.nome, 1);
          throw error;
        }
      });
    },
  };
}

export type OperadorasService = ReturnType<typeof createOperadorasService>;
