'use client';

import { useEffect } from 'react';

import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';

export const UNSAVED_CHANGES_MESSAGE = 'This workflow has unsaved changes. Leave without saving?';

/**
 * Warns before unsaved changes are lost: on reload or closing the tab (`beforeunload`), and on
 * in-app links, which navigate without unloading the page.
 */
export function useUnsavedChangesGuard(): void {
  const store = useDebuggerStore();

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!store.getState().isDirty) return;
      event.preventDefault();
      event.returnValue = '';
    };

    const onClick = (event: MouseEvent) => {
      if (!store.getState().isDirty || event.defaultPrevented || event.button !== 0) return;
      const link = (event.target as HTMLElement | null)?.closest?.('a[href]');
      const opensHere = link && !link.getAttribute('target') && !event.metaKey && !event.ctrlKey;
      if (!opensHere) return;

      // Links to this workflow's runs stay in the workbench; a full page load still meets the
      // beforeunload warning.
      const workflowPath = `/workflows/${store.getState().workflowId}`;
      const path = new URL(link.getAttribute('href')!, window.location.href).pathname;
      if (path === workflowPath || path.startsWith(`${workflowPath}/`)) return;
      if (window.confirm(UNSAVED_CHANGES_MESSAGE)) return;

      event.preventDefault();
      event.stopPropagation();
    };

    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [store]);
}
