import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Serves the built console (web/dist) at `/`: hashed assets cached for a year as immutable, the
 * build's brotli/gzip copies sent to browsers that accept them, index.html never cached. `/` and
 * `/index.html` are the console whatever the request accepts (`curl localhost:8000/`); other
 * client-side routes are answered with index.html when a browser navigates to them.
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
        // `vite build` writes `x.js.br` and `x.js.gz` beside each asset (vite-plugin-compression2).
        preCompressed: true,
        // `send` would otherwise write its own `max-age=0` over the header set below.
        cacheControl: false,
        setHeaders(res, filePath) {
          const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
          res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
          res.setHeader('vary', 'accept-encoding');
        },
      });
    });
    const html = await fs.promises.readFile(index);
    const sendShell = (reply: FastifyReply) => reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => sendShell(reply));
    // A browser navigating to a console page may hit a path an API route also serves (`/jobs/…`);
    // navigations announce themselves (Sec-Fetch-Dest: document), API calls never do.
    app.addHook('onRequest', (request, reply, done) => {
      const url = request.routeOptions.url;
      const navigation = request.method === 'GET' && request.headers['sec-fetch-dest'] === 'document';
      if (!navigation || (url && (request.routeOptions.config.public || url.startsWith('/ws/')))) return done();
      sendShell(reply);
    });
    app.setNotFoundFallback(async (request, reply) => {
      const accept = request.headers.accept ?? '';
      if (!accept.includes('text/html')) return false;
      sendShell(reply);
      return true;
    });
  },
  { name: 'console', dependencies: ['http'] },
);
