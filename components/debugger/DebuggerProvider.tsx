'use client';

import { createContext, type ReactNode } from 'react';

import type { DebuggerStore } from './debugger-store';

export const DebuggerContext = createContext<DebuggerStore | null>(null);

/** Makes one workflow's debugger store available to the workbench below it. */
export function DebuggerProvider({
  store,
  children,
}: {
  store: DebuggerStore;
  children: ReactNode;
}) {
  return <DebuggerContext.Provider value={store}>{children}</DebuggerContext.Provider>;
}
