import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built console (web/dist) at `/`: hashed assets cached for a year, index.html never
 * cached, and client-side routes answered with index.html when the browser asks for a page.
 */
export const consolePlugin = fp(
  async (app: FastifyInstance, opts: { root: string }) => {
    const index = path.join(opts.root, 'index.html');
    if (!fs.existsSync(index)) {
      app.log.warn({ root: opts.root }, 'console não compilado: rode `npm run build`');
      return;
    }
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...(route.config ?? {}), public: true };
        route.schema = { ...(route.schema ?? {}), hide: true };
      });
      await scope.register(fastifyStatic, {
        root: opts.root,
        prefix: '/',
        wildcard: false,
        index: false,
        setHeaders(res, filePath) {
          const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
          res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    });
    const html = await fs.promises.readFile(index);
    // A browser navigating to a console page may hit a path an API route also serves (`/jobs/…`);
    // navigations announce themselves (Sec-Fetch-Dest: document), API calls never do.
    app.addHook('onRequest', (request, reply, done) => {
      const url = request.routeOptions.url;
      const navigation = request.method === 'GET' && request.headers['sec-fetch-dest'] === 'document';
      if (!navigation || (url && (request.routeOptions.config.public || url.startsWith('/ws/')))) return done();
      reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    });
    app.setNotFoundFallback(async (request, reply) => {
      const accept = request.headers.accept ?? '';
      if (!accept.includes('text/html')) return false;
      reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
      return true;
    });
  },
  { name: 'console', dependencies: ['http'] },
);
