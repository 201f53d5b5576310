import type { FastifyRequest } from 'fastify';

/** DRF's PageNumberPagination links (seed 002): absolute URLs to the neighbouring pages, or null. */
export function pageLinks(request: FastifyRequest, page: number, pageSize: number, count: number) {
  const link = (target: number) => {
    const url = new URL(request.url, `${request.protocol}://${request.host}`);
    url.searchParams.set('page', String(target));
    url.searchParams.set('page_size', String(pageSize));
    return url.toString();
  };
  return {
    next: page * pageSize < count ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
  };
}
