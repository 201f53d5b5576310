import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';

declare module 'fastify' {
  interface FastifyInstance {
    /** `PUBLIC_URL` without its trailing slash, when configured: the origin links are built on. */
    publicUrl: string | undefined;
  }
}

/** The most pages a list may be asked for: OFFSET = (page - 1) × page_size stays an exact, small integer. */
export const MAX_PAGE = 1_000_000;

/** DRF's `page`/`page_size` query (seed 002), bounded so no page number reaches SQL as a float. */
export function pageQuery(options: { defaultSize?: number; maxSize?: number } = {}) {
  return {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
    page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: options.maxSize ?? 100, default: options.defaultSize ?? 20 })),
  };
}

/**
 * DRF's PageNumberPagination links (seed 002) to the neighbouring pages, or null: absolute on
 * `PUBLIC_URL` when configured, else relative to the host the client used. Never built from the
 * `Host` header, which the client chooses.
 */
export function pageLinks(request: FastifyRequest, page: number, pageSize: number, count: number) {
  const origin = request.server.publicUrl;
  const link = (target: number) => {
    const url = new URL(request.url, 'http://localhost');
    url.searchParams.set('page', String(target));
    url.searchParams.set('page_size', String(pageSize));
    const path = `${url.pathname}${url.search}`;
    return origin ? `${origin}${path}` : path;
  };
  return {
    next: page * pageSize < count ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
  };
}
