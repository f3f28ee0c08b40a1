'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';

let browserQueryClient: QueryClient | undefined;

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, refetchOnWindowFocus: false, retry: 1 },
      mutations: { retry: false },
    },
  });
}

/**
 * Returns the browser's one query client, so the run buttons, the run history and the run panel
 * share their cache wherever they are mounted. On the server every render gets a fresh client.
 */
export function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return createQueryClient();

  browserQueryClient ??= createQueryClient();
  return browserQueryClient;
}

/** Provides the shared query client to the run components below it. */
export function RunQueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
