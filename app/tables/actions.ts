'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { getDatabase } from '@/lib/db/client';
import { logger } from '@/lib/logger';
import { deleteDataTable, getDataTable } from '@/lib/repositories/data-tables';
import { getSessionTenantId } from '@/lib/session';

export type ActionResult<T = object> = ({ ok: true } & T) | { ok: false; error: string };

const deleteSchema = z.object({ tableId: z.uuid({ error: 'must be a UUID' }) });

/** Deletes a data table of the session's tenant with its rows and indexes. */
export async function deleteTable(
  request: z.input<typeof deleteSchema>,
): Promise<ActionResult<{ name: string }>> {
  const parsed = deleteSchema.safeParse(request);
  if (!parsed.success) {
    return {
      ok: false,
      error: `Invalid delete request: tableId ${parsed.error.issues[0]?.message}`,
    };
  }

  const { tableId } = parsed.data;
  const tenantId = await getSessionTenantId();
  try {
    const { db } = await getDatabase();
    const table = await getDataTable(db, tenantId, tableId);
    if (!table || !(await deleteDataTable(db, tenantId, tableId))) {
      return { ok: false, error: `Data table "${tableId}" not found` };
    }

    logger.info({ tenantId, tableId, name: table.name }, 'data table deleted');
    revalidatePath('/tables');
    return { ok: true, name: table.name };
  } catch (error) {
    logger.error({ err: error, tenantId, tableId }, 'deleting a data table failed');
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Deleting the table failed: ${message}` };
  }
}
