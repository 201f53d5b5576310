import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fromCentavos } from '../../core/money/index.js';
import { foldText, searchClients } from './fiados-clients-search.repository.js';
import { ClientSearchQuery, ClientSearchResult } from './fiados-clients-search.schemas.js';
import type { Presenters } from './fiados.presenters.js';
import { ValidationDetail } from './fiados.schemas.js';
import type { FiadosDb } from './fiados.tables.js';

export interface ClientsSearchOptions {
  db: FiadosDb;
  present: Presenters;
}

/**
 * Beyond seed 003: the console's client list. Searched on the server across every page (accents and
 * case ignored), with each client's open balance, a situação filter, sort and totals. `/clients/`
 * keeps the seed's contract.
 */
export const fiadosClientsSearchRoutes: FastifyPluginAsyncTypebox<ClientsSearchOptions> = async (app, { db, present }) => {
  app.get(
    '/clients/search',
    {
      schema: {
        tags: ['fiados: clientes'],
        summary: 'Busca clientes (nome, apelido, telefone, e-mail; sem acentos) com saldo em aberto, filtro de situação, ordenação e totais',
        querystring: ClientSearchQuery,
        response: { 200: ClientSearchResult, 422: ValidationDetail },
      },
    },
    async (request) => {
      const query = request.query;
      const text = foldText(query.q?.trim() ?? '');
      const digits = text.replace(/\D/g, '');
      const sort = query.sort ?? 'name';
      const found = await searchClients(db, {
        ...(text ? { text } : {}),
        ...(digits.length >= 3 ? { digits } : {}),
        situacao: query.situacao ?? 'ativos',
        sort: { by: sort.replace(/^-/, '') as 'name' | 'balance' | 'created_at', desc: sort.startsWith('-') },
        limit: query.limit ?? 20,
        offset: query.offset ?? 0,
      });
      return {
        message: 'Clientes encontrados.',
        total: found.total,
        total_balance: fromCentavos(found.totalBalance),
        clients: found.rows.map((row) => ({
          ...present.client(row),
          balance: fromCentavos(row.balance),
          open_purchases: row.open_purchases,
          oldest_open_purchase_at: row.oldest_open === null ? null : present.localTime(row.oldest_open),
        })),
      };
    },
  );
};
