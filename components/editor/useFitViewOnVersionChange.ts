'use client';

import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';

import type { DebuggerState } from '@/components/debugger/debugger-state';
import { useDebuggerSelector } from '@/components/debugger/useDebuggerSelector';

const selectLoadCount = (state: DebuggerState) => state.loadCount;

/** Fits the view to the graph whenever another version is opened. */
export function useFitViewOnVersionChange(): void {
  const loadCount = useDebuggerSelector(selectLoadCount);
  const { fitView } = useReactFlow();

  useEffect(() => {
    if (loadCount === 0) return;
    // One frame later, so React Flow has measured the new nodes.
    const frame = requestAnimationFrame(
      () => void fitView({ padding: 0.2, maxZoom: 1, duration: 200 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [loadCount, fitView]);
}
