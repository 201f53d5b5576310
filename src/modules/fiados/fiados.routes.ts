import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Client,
  ClientCreate,
  ClientEnvelope,
  ClientList,
  ClientListQuery,
  ClientParams,
  ClientPurchasesQuery,
  ClientRemoved,
  ClientUpdate,
  ErrorDetail,
  NoteParams,
  PaymentCreate,
  PaymentEnvelope,
  PaymentList,
  PaymentListQuery,
  PaymentParams,
  PaymentsParams,
  PaymentUpdate,
  Purchase,
  PurchaseClientParams,
  PurchaseCreate,
  PurchaseEnvelope,
  PurchaseList,
  PurchaseListQuery,
  PurchaseParams,
  PurchaseUpdate,
  ValidationDetail,
} from './fiados.schemas.js';
import type { FiadosService } from './fiados.service.js';

// Seed 003 answers 200 for creations too; 404 unknown id, 409 state forbids it, 422 invalid or rule broken.
const read = { 404: ErrorDetail, 422: ValidationDetail };
const write = { 404: ErrorDetail, 409: ErrorDetail, 422: ValidationDetail };

/** Seed 003's routes (§1–3), same paths, envelopes and messages. Every route needs a Bearer token. */
export const fiadosRoutes: FastifyPluginAsyncTypebox<{ service: FiadosService }> = async (app, { service }) => {
  const { clients, purchases, payments } = service;
  const clientTags = ['fiados: clientes'];
  const purchaseTags = ['fiados: compras'];
  const paymentTags = ['fiados: pagamentos'];

  app.get(
    '/clients/',
    { schema: { tags: clientTags, summary: 'Lista clientes (por padrão só os ativos)', querystring: ClientListQuery, response: { 200: ClientList, 422: ValidationDetail } } },
    async (request) => ({ message: 'Clientes encontrados.', clients: await clients.list(request.query) }),
  );

  app.post(
    '/clients/',
    { schema: { tags: clientTags, summary: 'Cria um cliente', body: ClientCreate, response: { 200: ClientEnvelope, 422: ValidationDetail } } },
    async (request) => ({ message: 'Cliente criado com sucesso.', client: await clients.create(request.body) }),
  );

  app.get(
    '/clients/:client_id',
    { schema: { tags: clientTags, summary: 'Obtém um cliente', params: ClientParams, response: { 200: Client, ...read } } },
    async (request) => clients.get(request.params.client_id),
  );

  app.put(
    '/clients/:client_id',
    {
      schema: {
        tags: clientTags,
        summary: 'Atualiza os campos enviados; is_active 1 restaura o cliente (não as compras), 0 desativa como o DELETE',
        params: ClientParams,
        body: ClientUpdate,
        response: { 200: ClientEnvelope, ...write },
      },
    },
    async (request) => ({ message: 'Cliente atualizado.', client: await clients.update(request.params.client_id, request.body) }),
  );

  app.delete(
    '/clients/:client_id',
    {
      schema: {
        tags: clientTags,
        summary: 'Desativa o cliente, suas compras e os pagamentos delas',
        params: ClientParams,
        response: { 200: ClientRemoved, ...write },
      },
    },
    async (request) => {
      await clients.remove(request.params.client_id);
      return { message: 'Cliente removido com sucesso.', client: null };
    },
  );

  app.put(
    '/clients/:client_id/restore',
    {
      schema: {
        tags: clientTags,
        summary: 'Restaura um cliente desativado (compras e pagamentos continuam desativados)',
        params: ClientParams,
        response: { 200: ClientEnvelope, ...write },
      },
    },
    async (request) => ({ message: 'Cliente restaurado.', client: await clients.restore(request.params.client_id) }),
  );

  app.get(
    '/clients/:client_id/purchases',
    {
      schema: {
        tags: clientTags,
        summary: 'Lista as compras de um cliente (por padrão só as ativas)',
        params: ClientParams,
        querystring: ClientPurchasesQuery,
        response: { 200: PurchaseList, ...read },
      },
    },
    async (request) => ({ message: 'Compras encontradas.', purchases: await clients.purchases(request.params.client_id, request.query) }),
  );

  app.get(
    '/purchases/',
    { schema: { tags: purchaseTags, summary: 'Lista compras', querystring: PurchaseListQuery, response: { 200: PurchaseList, 422: ValidationDetail } } },
    async (request) => ({ message: 'Compras encontradas.', purchases: await purchases.list(request.query) }),
  );

  app.post(
    '/purchases/:id',
    {
      schema: {
        tags: purchaseTags,
        summary: 'Cria uma compra para o cliente {id}, com pagamento adiantado opcional',
        params: PurchaseClientParams,
        body: PurchaseCreate,
        response: { 200: PurchaseEnvelope, ...write },
      },
    },
    async (request) => ({ message: 'Compra criada com sucesso.', purchase: await purchases.create(request.params.id, request.body) }),
  );

  app.get(
    '/purchases/by-note/:note_number',
    { schema: { tags: purchaseTags, summary: 'Obtém uma compra pelo número da nota', params: NoteParams, response: { 200: Purchase, ...read } } },
    async (request) => purchases.getByNote(request.params.note_number),
  );

  app.get(
    '/purchases/:id',
    { schema: { tags: purchaseTags, summary: 'Obtém uma compra', params: PurchaseParams, response: { 200: Purchase, ...read } } },
    async (request) => purchases.get(request.params.id),
  );

  app.put(
    '/purchases/:id',
    {
      schema: {
        tags: purchaseTags,
        summary: 'Atualiza os campos enviados e recalcula os totais',
        params: PurchaseParams,
        body: PurchaseUpdate,
        response: { 200: PurchaseEnvelope, ...write },
      },
    },
    async (request) => ({ message: 'Compra atualizada.', purchase: await purchases.update(request.params.id, request.body) }),
  );

  app.delete(
    '/purchases/:id',
    { schema: { tags: purchaseTags, summary: 'Desativa a compra e seus pagamentos', params: PurchaseParams, response: { 200: PurchaseEnvelope, ...write } } },
    async (request) => ({ message: 'Compra desativada com sucesso.', purchase: await purchases.deactivate(request.params.id) }),
  );

  app.put(
    '/purchases/:id/restore',
    {
      schema: {
        tags: purchaseTags,
        summary: 'Restaura a compra; os pagamentos continuam desativados',
        params: PurchaseParams,
        response: { 200: PurchaseEnvelope, ...write },
      },
    },
    async (request) => ({ message: 'Compra restaurada.', purchase: await purchases.restore(request.params.id) }),
  );

  app.get(
    '/purchases/:purchase_id/payments/',
    {
      schema: {
        tags: paymentTags,
        summary: 'Lista os pagamentos da compra (ativos e inativos); compra 0: pagamentos ativos de todas',
        params: PaymentsParams,
        querystring: PaymentListQuery,
        response: { 200: PaymentList, ...read },
      },
    },
    async (request) => ({ message: 'Pagamentos encontrados.', payments: await payments.list(request.params.purchase_id, request.query) }),
  );

  app.post(
    '/purchases/:purchase_id/payments/',
    {
      schema: {
        tags: paymentTags,
        summary: 'Registra um pagamento e recalcula a compra; excedente do saldo é recusado',
        params: PaymentsParams,
        body: PaymentCreate,
        response: { 200: PaymentEnvelope, ...write },
      },
    },
    async (request) => ({ message: 'Pagamento criado com sucesso.', payment: await payments.create(request.params.purchase_id, request.body) }),
  );

  app.put(
    '/purchases/:purchase_id/payments/:payment_id',
    {
      schema: {
        tags: paymentTags,
        summary: 'Atualiza valor, método, descrição ou data e recalcula a compra',
        params: PaymentParams,
        body: PaymentUpdate,
        response: { 200: PaymentEnvelope, ...write },
      },
    },
    async (request) => ({
      message: 'Pagamento atualizado com sucesso.',
      payment: await payments.update(request.params.purchase_id, request.params.payment_id, request.body),
    }),
  );

  app.delete(
    '/purchases/:purchase_id/payments/:payment_id',
    { schema: { tags: paymentTags, summary: 'Desativa o pagamento e recalcula a compra', params: PaymentParams, response: { 200: PaymentEnvelope, ...write } } },
    async (request) => ({
      message: 'Pagamento desativado com sucesso.',
      payment: await payments.deactivate(request.params.purchase_id, request.params.payment_id),
    }),
  );

  app.put(
    '/purchases/:purchase_id/payments/:payment_id/restore',
    { schema: { tags: paymentTags, summary: 'Restaura o pagamento e recalcula a compra', params: PaymentParams, response: { 200: PaymentEnvelope, ...write } } },
    async (request) => ({
      message: 'Pagamento restaurado.',
      payment: await payments.restore(request.params.purchase_id, request.params.payment_id),
    }),
  );
};
