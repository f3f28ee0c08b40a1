'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import {
  getVersionAction,
  listVersionsAction,
  saveVersionAction,
} from '@/app/workflows/[id]/actions';
import type { VersionListEntry } from '@/app/workflows/[id]/version-commands';
import type { DebuggerState } from '@/components/debugger/debugger-state';
import { useDebuggerSelector } from '@/components/debugger/useDebuggerSelector';
import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';
import { Button } from '@/components/ui/Button';
import { RelativeTime } from '@/components/ui/RelativeTime';
import { useToast } from '@/components/ui/useToast';

import { UNSAVED_CHANGES_MESSAGE } from './useUnsavedChangesGuard';
import { versionsQueryKey } from './versions-query';

const selectVersion = (state: DebuggerState) => state.version;
const selectLatest = (state: DebuggerState) => state.latestVersionNumber;

/** Opens a version (read-only unless it is the newest) or restores it as a new version. */
function useVersionActions() {
  const store = useDebuggerStore();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [busyId, setBusyId] = useState<string | null>(null);

  const fetchVersion = async (entry: VersionListEntry) => {
    const { workflowId } = store.getState();
    const result = await getVersionAction({ workflowId, versionId: entry.id });
    if (!result.ok) toast(result.error, 'error');
    return result.ok ? result.version : null;
  };

  const open = async (entry: VersionListEntry) => {
    if (store.getState().isDirty && !window.confirm(UNSAVED_CHANGES_MESSAGE)) return;
    setBusyId(entry.id);
    const version = await fetchVersion(entry);
    setBusyId(null);
    if (!version) return;

    const isLatest = version.number >= store.getState().latestVersionNumber;
    store.loadVersion({ id: version.id, number: version.number }, version.graph, !isLatest);
  };

  const restore = async (entry: VersionListEntry) => {
    if (store.getState().isDirty && !window.confirm(UNSAVED_CHANGES_MESSAGE)) return;
    setBusyId(entry.id);
    const version = await fetchVersion(entry);
    const { workflowId } = store.getState();
    const saved = version && (await saveVersionAction({ workflowId, graph: version.graph }));
    setBusyId(null);
    if (!version || !saved) return;
    if (!saved.ok) return toast(saved.error, 'error');

    store.loadVersion(saved.version, version.graph, false);
    toast(`Version ${entry.number} restored as version ${saved.version.number}.`, 'success');
    await queryClient.invalidateQueries({ queryKey: versionsQueryKey(workflowId) });
  };

  return { open, restore, busyId };
}

/** Lists the workflow's saved versions, newest first, with open and restore buttons. */
export function VersionList() {
  const store = useDebuggerStore();
  const current = useDebuggerSelector(selectVersion);
  const latest = useDebuggerSelector(selectLatest);
  const { workflowId } = store.getState();
  const { open, restore, busyId } = useVersionActions();
  const query = useQuery({
    queryKey: versionsQueryKey(workflowId),
    queryFn: async () => {
      const result = await listVersionsAction({ workflowId });
      if (!result.ok) throw new Error(result.error);
      return result.versions;
    },
  });

  if (query.isPending) return <p className="side-panel__empty">Loading versions…</p>;
  if (query.error) return <p className="side-panel__error">{query.error.message}</p>;

  return (
    <ol className="versions" aria-label="Versions" data-testid="version-list">
      {query.data.map((entry) => {
        const isCurrent = entry.id === current?.id;
        const isLatest = entry.number === latest;
        return (
          <li
            key={entry.id}
            className={isCurrent ? 'versions__item is-current' : 'versions__item'}
            data-testid={`version-${entry.number}`}
          >
            <span className="versions__number">v{entry.number}</span>
            <span className="versions__time">
              <RelativeTime iso={entry.createdAt} />
            </span>
            {isLatest && <span className="chip">latest</span>}
            <span className="versions__actions">
              {!isCurrent && (
                <Button
                  size="sm"
                  disabled={busyId !== null}
                  onClick={() => void open(entry)}
                  aria-label={`Open version ${entry.number}`}
                >
                  Open
                </Button>
              )}
              {!isLatest && (
                <Button
                  size="sm"
                  disabled={busyId !== null}
                  onClick={() => void restore(entry)}
                  aria-label={`Restore version ${entry.number}`}
                >
                  Restore
                </Button>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
