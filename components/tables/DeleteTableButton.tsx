'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

import { deleteTable } from '@/app/tables/actions';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useToast } from '@/components/ui/useToast';

/** Deletes a data table after a confirmation that names it and its row count. */
export function DeleteTableButton({
  tableId,
  name,
  rowCount,
}: {
  tableId: string;
  name: string;
  rowCount: number;
}) {
  const router = useRouter();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  const remove = () =>
    startTransition(async () => {
      const result = await deleteTable({ tableId });
      setConfirming(false);
      if (!result.ok) {
        toast(result.error, 'error');
        return;
      }
      toast(`Deleted the table "${result.name}".`, 'success');
      router.push('/tables');
      router.refresh();
    });

  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setConfirming(true)}
        data-testid="delete-table"
      >
        Delete table
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Delete "${name}"?`}
        message={`This deletes the table and its ${rowCount.toLocaleString('en-US')} rows. Workflows that query it will fail until a table of that name exists again.`}
        confirmLabel="Delete table"
        danger
        busy={pending}
        onCancel={() => setConfirming(false)}
        onConfirm={remove}
      />
    </>
  );
}
