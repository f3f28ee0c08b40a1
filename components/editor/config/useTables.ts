'use client';

import { useQuery } from '@tanstack/react-query';

import type { DataTableInfo } from '@/engine/data';

import { listTablesAction } from '@/app/workflows/[id]/actions';

/** Fetches the tenant's data tables with their columns, for the table and column pickers. */
export function useTables(): { tables: DataTableInfo[]; error: string | null; loading: boolean } {
  const query = useQuery({
    queryKey: ['data-tables'],
    queryFn: async () => {
      const result = await listTablesAction();
      if (!result.ok) throw new Error(result.error);
      return result.tables;
    },
    // Refetched whenever a form opens, so a table imported a moment ago is offered at once.
    staleTime: 0,
  });

  return {
    tables: query.data ?? [],
    error: query.error ? query.error.message : null,
    loading: query.isPending,
  };
}
