/** Checks whether a key event comes from a text field, where Ctrl/Cmd+Z edits the text. */
export function isTextEditingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).closest !== 'function') return false;
  const element = target as HTMLElement;
  return Boolean(element.closest('input, textarea, select, [contenteditable="true"], .cm-editor'));
}

export type EditorShortcut = 'save' | 'undo' | 'redo' | null;

/** Maps a key event to an editor shortcut: Ctrl/Cmd+S, Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, Ctrl+Y. */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): EditorShortcut {
  const hasModifier = (event.ctrlKey || event.metaKey) && !event.altKey;
  if (!hasModifier) return null;

  const key = event.key.toLowerCase();
  if (key === 's') return 'save';
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}
