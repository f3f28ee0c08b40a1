'use client';

import { useCallback, useMemo } from 'react';

import type { BlockConfig, GraphNode } from '@/engine/types';

import { updateBlock } from '@/components/canvas/graph-edits';
import type { DebuggerState } from '@/components/debugger/debugger-state';
import { useDebuggerSelector } from '@/components/debugger/useDebuggerSelector';
import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';

export interface BlockEditor<C = BlockConfig> {
  block: GraphNode;
  config: C;
  readOnly: boolean;
  setName(name: string): void;
  /** Merges `patch` into the config; keystrokes in the same `field` undo as one edit. */
  setConfig(patch: Partial<C>, field: string): void;
  /** Removes config keys, so the engine default applies. */
  unsetConfig(keys: string[], field: string): void;
}

const selectReadOnly = (state: DebuggerState) => state.readOnly;

/** Reads one block of the graph and edits it through the store's undo history. */
export function useBlockEditor<C extends BlockConfig = BlockConfig>(
  blockId: string,
): BlockEditor<C> | null {
  const store = useDebuggerStore();
  const readOnly = useDebuggerSelector(selectReadOnly);
  const select = useCallback(
    (state: DebuggerState) => state.graph.nodes.find((node) => node.id === blockId),
    [blockId],
  );
  const block = useDebuggerSelector(select);

  return useMemo(() => {
    if (!block) return null;

    const commit = (patch: { name?: string; config?: BlockConfig }, field: string) => {
      store.commitGraph(updateBlock(store.getState().graph, blockId, patch), `${blockId}:${field}`);
    };
    const current = () => store.getState().graph.nodes.find((node) => node.id === blockId)!;

    return {
      block,
      config: block.config as C,
      readOnly,
      setName: (name) => commit({ name }, 'name'),
      setConfig: (patch, field) =>
        commit({ config: { ...current().config, ...patch } as BlockConfig }, field),
      unsetConfig: (keys, field) => {
        const config = { ...current().config } as Record<string, unknown>;
        for (const key of keys) delete config[key];
        commit({ config: config as BlockConfig }, field);
      },
    };
  }, [block, blockId, readOnly, store]);
}
