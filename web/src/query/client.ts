import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors';

/**
 * One cache for the whole console: identical requests made while one is in flight share it, data
 * stays fresh for 15 s (moving between pages does not refetch), and a 4xx is never retried.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});
