import fp from 'fastify-plugin';
import client from 'prom-client';
import type { FastifyInstance } from 'fastify';

const registry = client.register;
let defaultsCollected = false;

const durations = new client.Histogram({
  name: 'retaguarda_http_request_duration_seconds',
  help: 'Duração das requisições HTTP por rota e status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/** `/metrics` in Prometheus format: request durations by route and status, and process metrics. */
export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    if (!defaultsCollected) {
      client.collectDefaultMetrics({ prefix: 'retaguarda_' });
      defaultsCollected = true;
    }
    app.addHook('onResponse', (request, reply, done) => {
      // Route patterns, never raw URLs, so ids cannot explode the label set.
      const route = request.routeOptions.url ?? 'not_found';
      durations.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
    app.get('/metrics', {
      config: { perfil: ['ADMINISTRADOR'], serviceTokenAllowed: true },
      schema: { tags: ['core'], summary: 'Métricas Prometheus', hide: false },
    }, async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics', dependencies: ['guard'] },
);
