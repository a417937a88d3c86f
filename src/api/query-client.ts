import { QueryClient } from '@tanstack/react-query';

/** Query defaults: paid submits (mutations) are never retried automatically. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      mutations: { retry: 0 },
      queries: { refetchOnWindowFocus: false, staleTime: 5_000 },
    },
  });
}
