'use client';

import { useEffect } from 'react';

import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';

import { isTextEditingTarget, shortcutOf } from './keyboard';
import { useSaveWorkflow } from './useSaveWorkflow';

/**
 * Ctrl/Cmd+S saves everywhere; Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z undo and redo graph edits, except
 * inside a text field, where they edit the text.
 */
export function useEditorShortcuts(): void {
  const store = useDebuggerStore();
  const save = useSaveWorkflow();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = shortcutOf(event);
      if (!shortcut) return;

      if (shortcut === 'save') {
        event.preventDefault();
        void save();
        return;
      }
      if (isTextEditingTarget(event.target)) return;

      event.preventDefault();
      if (shortcut === 'undo') store.undo();
      else store.redo();
    };

    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, save]);
}
