import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../../core/crypto/secrets.js';
import { inTransaction } from '../../core/db/transaction.js';
import { conflict, notFound } from '../../core/http/errors.js';
import type { CadastrosDb } from './cadastros.tables.js';
import { pageOf, toCliente } from './cadastros.presenters.js';
import { invalidField } from './cadastros.validation.js';
import { clienteRow, draftCliente, type ClienteInput } from './clientes.draft.js';
import * as repo from './clientes.repository.js';
import type { Cliente, ClienteCreate, ClienteQuery, ClienteUpdate } from './clientes.schemas.js';
import { findOperadora, uniqueViolation, type CadastrosExecutor, type OperadoraRow } from './operadoras.repository.js';

export const CONTA_DUPLICADA = 'Já existe um cliente com este CNPJ, operadora, unidade e serviço.';
export const OPERADORA_INATIVA = 'Operadora inativa: clientes só podem ser vinculados a operadoras ativas.';

export const contaTaken = () => conflict(CONTA_DUPLICADA);

/** The operadora a cliente is being put on: it must exist and be active. */
export async function operadoraForCliente(db: CadastrosExecutor, id: string): Promise<OperadoraRow> {
  const operadora = await findOperadora(db, id);
  if (!operadora) throw invalidField('operadora_id', 'Operadora não encontrada.');
  if (operadora.status_ativo !== 1) throw invalidField('operadora_id', OPERADORA_INATIVA);
  return operadora;
}

/** A password as typed: blank keeps what is stored, null erases it, anything else is sealed. */
export function sealedPassword(secrets: SecretBox, typed: string | null | undefined, stored: string | null): string | null {
  if (typed === null) return null;
  if (typed === undefined || typed.trim() === '') return stored;
  return secrets.encrypt(typed);
}

/**
 * Clientes (billing accounts at one carrier): one per (CNPJ, operadora, unidade, serviço), CNPJ and CPF
 * checked, the portal password sealed and never returned. DELETE deactivates: processos keep their cliente.
 */
export function createClientesService(db: CadastrosDb, secrets: SecretBox) {
  async function load(executor: CadastrosExecutor, id: string): Promise<repo.ClienteJoined> {
    const row = await repo.findCliente(executor, id);
    if (!row) throw notFound('Cliente não encontrado.');
    return row;
  }

  async function write(fn: () => Promise<string>): Promise<Cliente> {
    let id: string;
    try {
      id = await fn();
    } catch (error) {
      // Two writers of the same account at once: the unique constraint refuses the second.
      if (uniqueViolation(error) !== undefined) throw contaTaken();
      throw error;
    }
    return toCliente(await load(db, id));
  }

  async function ensureFree(executor: CadastrosExecutor, key: repo.ContaKey, selfId?: string): Promise<void> {
    const other = await repo.findClienteByConta(executor, key);
    if (other && other.id !== selfId) throw contaTaken();
  }

  return {
    async list(query: ClienteQuery, page: number, pageSize: number) {
      const filter = { q: query.q, operadora_id: query.operadora_id, status_ativo: query.status_ativo };
      return pageOf(
        repo.countClientes(db, filter),
        repo.listClientes(db, filter, query.ordering ?? 'razao_social', pageSize, (page - 1) * pageSize),
        toCliente,
      );
    },

    get: async (id: string): Promise<Cliente> => toCliente(await load(db, id)),

    create(input: ClienteCreate): Promise<Cliente> {
      const draft = draftCliente(input);
      const senha = sealedPassword(secrets, input.senha_portal, null);
      return write(() =>
        inTransaction(db, async (trx) => {
          const operadora = await operadoraForCliente(trx, input.operadora_id);
          await ensureFree(trx, { ...draft, operadora_id: operadora.id });
          const now = Date.now();
          const row = clienteRow(draft, operadora, senha, { id: randomUUID(), created_at: now, updated_at: now });
          await repo.insertCliente(trx, row);
          return row.id;
        }),
      );
    },

    update(id: string, input: ClienteUpdate): Promise<Cliente> {
      return write(() =>
        inTransaction(db, async (trx) => {
          const current = await load(trx, id);
          const merged: ClienteInput = { ...current, status_ativo: current.status_ativo === 1 };
          for (const [key, value] of Object.entries(input)) {
            if (value !== undefined && key !== 'senha_portal' && key !== 'operadora_id') Object.assign(merged, { [key]: value });
          }
          const draft = draftCliente(merged);
          // Moving to another operadora needs an active one; staying on an inactive one is allowed.
          const operadora =
            input.operadora_id && input.operadora_id !== current.operadora_id
              ? await operadoraForCliente(trx, input.operadora_id)
              : { id: current.operadora_id, codigo: current.op_codigo };
          await ensureFree(trx, { ...draft, operadora_id: operadora.id }, id);
          const senha = sealedPassword(secrets, input.senha_portal, current.senha_portal_cifrada);
          const row = clienteRow(draft, operadora, senha, { id, created_at: current.created_at, updated_at: Date.now() });
          await repo.updateCliente(trx, id, row);
          return id;
        }),
      );
    },

    async deactivate(id: string): Promise<void> {
      await load(db, id);
      await repo.updateCliente(db, id, { status_ativo: 0, updated_at: Date.now() });
    },
  };
}

export type ClientesService = ReturnType<typeof createClientesService>;
