'use client';

import { useContext } from 'react';

import { DebuggerContext } from './DebuggerProvider';
import type { DebuggerStore } from './debugger-store';

/** The debugger store of the surrounding workbench, for its actions and `getState()`. */
export function useDebuggerStore(): DebuggerStore {
  const store = useContext(DebuggerContext);
  if (!store) throw new Error('useDebuggerStore must be used inside <DebuggerProvider>.');
  return store;
}
