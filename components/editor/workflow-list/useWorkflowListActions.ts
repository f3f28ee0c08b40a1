'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import {
  createWorkflowAction,
  deleteWorkflowAction,
  duplicateWorkflowAction,
  renameWorkflowAction,
} from '@/app/actions';
import { useToast } from '@/components/ui/useToast';

import type { WorkflowRow } from './types';

/** State of the list's dialogs: closed, creating, or renaming or deleting one workflow. */
export type ListDialog =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'rename'; workflow: WorkflowRow }
  | { kind: 'delete'; workflow: WorkflowRow };

/** Provides the list's create, rename, duplicate and delete, with dialog and error state. */
export function useWorkflowListActions() {
  const router = useRouter();
  const toast = useToast();
  const [dialog, setDialog] = useState<ListDialog>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = (next: ListDialog) => {
    setError(null);
    setDialog(next);
  };
  const close = () => open({ kind: 'none' });

  const perform = async (work: () => Promise<{ ok: true } | { ok: false; error: string }>) => {
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (!result.ok) setError(result.error);
    return result.ok;
  };

  const create = async (name: string) => {
    let id = '';
    const ok = await perform(async () => {
      const result = await createWorkflowAction({ name });
      if (result.ok) id = result.id;
      return result;
    });
    if (ok) router.push(`/workflows/${id}`);
  };

  const rename = async (workflow: WorkflowRow, name: string) => {
    if (await perform(() => renameWorkflowAction({ id: workflow.id, name }))) {
      close();
      router.refresh();
    }
  };

  const remove = async (workflow: WorkflowRow) => {
    if (await perform(() => deleteWorkflowAction({ id: workflow.id }))) {
      close();
      toast(`Deleted "${workflow.name}".`, 'success');
      router.refresh();
    }
  };

  const duplicate = async (workflow: WorkflowRow) => {
    const result = await duplicateWorkflowAction({ id: workflow.id });
    if (!result.ok) return toast(result.error, 'error');
    toast(`Duplicated "${workflow.name}".`, 'success');
    router.refresh();
  };

  return { dialog, open, close, busy, error, create, rename, remove, duplicate };
}
