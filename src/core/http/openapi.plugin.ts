import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** `/openapi.json` (OpenAPI 3, built from the route schemas) and Swagger UI at `/docs`. */
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
    });
  },
  { name: 'openapi', dependencies: ['guard'] },
);
