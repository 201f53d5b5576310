import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

// ReDoc from the installed package, never a CDN: the docs work offline and load nothing third-party.
const redocBundle = () => createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
const REDOC_PAGE = `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Retaguarda API — ReDoc</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/api/schema/"></redoc><script src="/api/redoc/redoc.standalone.js"></script></body></html>`;

/** `/openapi.json` (OpenAPI 3, built from the route schemas) and Swagger UI at `/docs`; seed 002's `/api/schema/`, `/api/docs/`, `/api/redoc/`. */
export const openapiPlugin = fp(
  async (app: FastifyInstance, opts: { version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Retaguarda',
          version: opts.version,
          description: 'Fiados, robôs RPA, faturas, documentos fiscais e atendimento em um serviço.',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
    });
    await app.register(async (docs) => {
      docs.addHook('onRoute', (route) => {
        route.config = { ...(route.config ?? {}), public: true };
      });
      await docs.register(swaggerUi, { routePrefix: '/docs' });
      docs.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
      // Seed 002's addresses for the same document and viewers (drf-spectacular's paths).
      docs.get('/api/schema/', { schema: { hide: true } }, async () => app.swagger());
      await docs.register(async (seed) => seed.register(swaggerUi, { routePrefix: '/api/docs' }));
      docs.get('/api/redoc/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(REDOC_PAGE));
      docs.get('/api/redoc/redoc.standalone.js', { schema: { hide: true } }, async (_request, reply) =>
        reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(fs.createReadStream(redocBundle())),
      );
    });
  },
  { name: 'openapi', dependencies: ['guard'] },
);
