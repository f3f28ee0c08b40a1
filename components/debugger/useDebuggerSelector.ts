'use client';

import { useCallback, useSyncExternalStore } from 'react';

import type { DebuggerState } from './debugger-state';
import { useDebuggerStore } from './useDebuggerStore';

/**
 * Subscribes to one slice of the debugger state. The selector must return a value that is stable
 * while its inputs are (a field, a primitive), or the component re-renders on every change.
 */
export function useDebuggerSelector<T>(selector: (state: DebuggerState) => T): T {
  const store = useDebuggerStore();
  const getSnapshot = useCallback(() => selector(store.getState()), [store, selector]);

  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
