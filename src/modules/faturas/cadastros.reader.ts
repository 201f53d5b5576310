import type { CoreDb } from '../../core/db/db.js';
import type { SecretBox } from '../../core/crypto/secrets.js';
import { unprocessable } from '../../core/http/errors.js';
import type { CadastrosTables } from './cadastros.tables.js';
import { toCliente } from './cadastros.presenters.js';
import { findCliente, listActiveClientes } from './clientes.repository.js';
import type { Cliente } from './clientes.schemas.js';

export interface OperadoraDoCliente {
  id: string;
  codigo: string;
  nome: string;
  possui_rpa: boolean;
  status_ativo: boolean;
}

/** What a robot job needs about a cliente; the only place the portal password is decrypted. */
export interface ClienteForRobot {
  cliente: Cliente;
  operadora: OperadoraDoCliente;
  loginPortal: string | null;
  senhaPortal: string | null;
}

/** Read access to operadoras and clientes for the rest of the faturas module. */
export interface CadastrosReader {
  /**
   * The cliente with its operadora and decrypted portal credentials; undefined when it does not exist.
   * A password sealed under another key throws a 422 AppError.
   */
  getClienteForRobot(clienteId: string): Promise<ClienteForRobot | undefined>;
  /** Active clientes of active operadoras (optionally one operadora), by razão social. */
  listActiveClientes(filter?: { operadoraId?: string }): Promise<Cliente[]>;
}

// Sealed under another SECRET_KEY (a restored backup, a changed key): a clear 422, not a 500.
function open(secrets: SecretBox, sealed: string): string {
  try {
    return secrets.decrypt(sealed);
  } catch {
    throw unprocessable('A senha do portal deste cliente não pode ser decifrada (a SECRET_KEY mudou?): cadastre-a novamente.');
  }
}

export function createCadastrosReader(db: CoreDb, secrets: SecretBox): CadastrosReader {
  const cadastros = db.withTables<CadastrosTables>();
  return {
    async getClienteForRobot(clienteId) {
      const row = await findCliente(cadastros, clienteId);
      if (!row) return undefined;
      const cliente = toCliente(row);
      return {
        cliente,
        operadora: cliente.operadora,
        loginPortal: row.login_portal,
        senhaPortal: row.senha_portal_cifrada === null ? null : open(secrets, row.senha_portal_cifrada),
      };
    },
    async listActiveClientes(filter = {}) {
      return (await listActiveClientes(cadastros, filter.operadoraId)).map(toCliente);
    },
  };
}
