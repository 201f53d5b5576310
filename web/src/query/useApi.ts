import { keepPreviousData, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { AnyEndpoint, CallArgs, ResponseOf } from '../api/endpoint';
import { toApiError, type ApiError } from '../api/errors';
import { call } from '../api/http';
import { queryClient } from './client';

type Args<E> = Omit<CallArgs<E>, 'signal'>;
// `call`'s arguments are typed per endpoint; here they are already checked by `Args<E>`.
const callLoose = call as (endpoint: AnyEndpoint, args: object) => Promise<unknown>;

/** The cache key of a call: the endpoint's path first, so a whole endpoint can be invalidated at once. */
export function apiKey<E extends AnyEndpoint>(endpoint: E, args?: Args<E>): readonly unknown[] {
  return args === undefined ? [endpoint.path, endpoint.method] : [endpoint.path, endpoint.method, args];
}

type Options<T> = Omit<UseQueryOptions<T, ApiError, T, readonly unknown[]>, 'queryKey' | 'queryFn'> & {
  /** Keep showing the previous page while the next one loads (lists whose filters change). */
  keepPrevious?: boolean;
};

/**
 * Server state for a GET endpoint through TanStack Query: requests shared while in flight, cached,
 * refreshed in the background, and cancelled when nobody needs them anymore.
 */
export function useApi<E extends AnyEndpoint>(endpoint: E, args: Args<E>, options: Options<ResponseOf<E>> = {}) {
  const { keepPrevious, ...rest } = options;
  return useQuery<ResponseOf<E>, ApiError, ResponseOf<E>, readonly unknown[]>({
    queryKey: apiKey(endpoint, args),
    queryFn: async ({ signal }) => {
      try {
        return (await callLoose(endpoint, { ...args, signal })) as ResponseOf<E>;
      } catch (error) {
        throw signal.aborted ? error : toApiError(error);
      }
    },
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...rest,
  });
}

/** Marks every cached answer of these endpoints stale and refetches the ones on screen. */
export function invalidate(...endpoints: AnyEndpoint[]): Promise<void> {
  const paths = new Set(endpoints.map((endpoint) => endpoint.path));
  return queryClient.invalidateQueries({ predicate: (query) => paths.has(String(query.queryKey[0])) });
}
