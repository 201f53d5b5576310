import type { FiadosContext, Trx } from './fiados.context.js';
import * as repo from './fiados.repository.js';
import { fiadosErrors } from './fiados.rules.js';
import type { ClientCreateBody, ClientOut, ClientUpdateBody, PageQuery, PurchaseOut } from './fiados.schemas.js';

export interface ClientsService {
  list(query: PageQuery & { is_active?: boolean }): Promise<ClientOut[]>;
  get(id: number): Promise<ClientOut>;
  create(body: ClientCreateBody): Promise<ClientOut>;
  /** Updates the given fields; `is_active` 0 deactivates with the cascade, 1 restores the client alone. */
  update(id: number, body: ClientUpdateBody): Promise<ClientOut>;
  /** Deactivates the client, its purchases and their payments (purchase totals back to 0). */
  remove(id: number): Promise<void>;
  restore(id: number): Promise<ClientOut>;
  purchases(id: number, query: PageQuery & { only_active?: boolean }): Promise<PurchaseOut[]>;
}

export function createClientsService(ctx: FiadosContext): ClientsService {
  const { db, present } = ctx;

  async function lockExisting(trx: Trx, id: number): Promise<repo.ClientRow> {
    const client = await repo.lockClient(trx, id);
    if (!client) throw fiadosErrors.clientNotFound();
    return client;
  }

  async function cascadeDeactivation(trx: Trx, client: repo.ClientRow, now: number): Promise<void> {
    const purchases = await repo.lockActiveClientPurchases(trx, client.id);
    await repo.deactivatePaymentsOf(
      trx,
      purchases.map((p) => p.id),
      now,
    );
    for (const purchase of purchases) await ctx.settle(trx, purchase, now, { is_active: 0 });
  }

  return {
    async list(query) {
      const rows = await repo.listClients(db, query.is_active ?? true, query);
      return rows.map(present.client);
    },

    async get(id) {
      const row = await repo.findClient(db, id);
      if (!row) throw fiadosErrors.clientNotFound();
      return present.client(row);
    },

    async create(body) {
      const now = ctx.now();
      // Through `transact` although it is one INSERT: on SQLite it then shares a commit with its neighbours.
      const row = await ctx.transact((trx) =>
        repo.insertClient(trx, {
          name: body.name,
          nickname: body.nickname ?? null,
          phone: body.phone ?? null,
          email: body.email ?? null,
          is_active: 1,
          created_at: now,
          updated_at: now,
        }),
      );
      return present.client(row);
    },

    async update(id, body) {
      return ctx.transact(async (trx) => {
        const client = await lockExisting(trx, id);
        const now = ctx.now();
        const active = body.is_active === undefined ? client.is_active : Number(body.is_active);
        if (active === 0 && client.is_active === 1) await cascadeDeactivation(trx, client, now);
        const row = await repo.updateClient(trx, id, {
          ...(body.name !== undefined && { name: body.name }),
          ...(body.nickname !== undefined && { nickname: body.nickname }),
          ...(body.phone !== undefined && { phone: body.phone }),
          ...(body.email !== undefined && { email: body.email }),
          is_active: active,
          updated_at: now,
        });
        return present.client(row);
      });
    },

    async remove(id) {
      await ctx.transact(async (trx) => {
        const client = await lockExisting(trx, id);
        if (client.is_active === 0) throw fiadosErrors.clientAlreadyInactive();
        const now = ctx.now();
        await cascadeDeactivation(trx, client, now);
        await repo.updateClient(trx, id, { is_active: 0, updated_at: now });
      });
    },

    async restore(id) {
      return ctx.transact(async (trx) => {
        const client = await lockExisting(trx, id);
        if (client.is_active === 1) throw fiadosErrors.clientAlreadyActive();
        return present.client(await repo.updateClient(trx, id, { is_active: 1, updated_at: ctx.now() }));
      });
    },

    async purchases(id, query) {
      if (!(await repo.findClient(db, id))) throw fiadosErrors.clientNotFound();
      const rows = await repo.listClientPurchases(db, id, query.only_active ?? true, query);
      return rows.map(present.purchase);
    },
  };
}
