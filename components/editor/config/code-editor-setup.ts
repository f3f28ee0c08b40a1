import {
  basicSetup,
  EditorView,
  getDefaultExtensions,
  type Extension,
} from '@uiw/react-codemirror';

const MAX_HEIGHT = '420px';
const setups = new Map<string, Extension>();

/**
 * CodeMirror's undo history alone: the basic setup with everything else turned off. Code editors
 * keep it in a compartment of its own, so a new document can start with an empty history.
 */
export const undoHistory: Extension = basicSetup({
  lineNumbers: false,
  highlightActiveLineGutter: false,
  highlightSpecialChars: false,
  foldGutter: false,
  drawSelection: false,
  dropCursor: false,
  allowMultipleSelections: false,
  indentOnInput: false,
  syntaxHighlighting: false,
  bracketMatching: false,
  closeBrackets: false,
  autocompletion: false,
  rectangularSelection: false,
  highlightActiveLine: false,
  highlightSelectionMatches: false,
  closeBracketsKeymap: false,
  defaultKeymap: false,
  searchKeymap: false,
  historyKeymap: false,
  foldKeymap: false,
  completionKeymap: false,
  lintKeymap: false,
});

/**
 * Returns the extensions every code editor shares, except the undo history (`undoHistory`):
 * CodeMirror's basic setup without fold gutters, Tab to indent, the light theme, the height limits
 * and the read-only flags. One instance per combination is kept, so reconfiguring an editor with
 * the same options changes nothing.
 */
export function codeEditorSetup(readOnly: boolean, minHeight: string): Extension {
  const key = `${readOnly}:${minHeight}`;
  const cached = setups.get(key);
  if (cached) return cached;

  const setup = [
    EditorView.theme({
      '&': { minHeight, maxHeight: MAX_HEIGHT },
      '& .cm-scroller': { height: '100% !important' },
    }),
    ...getDefaultExtensions({
      theme: 'light',
      editable: !readOnly,
      readOnly,
      indentWithTab: true,
      basicSetup: { foldGutter: false, highlightActiveLine: !readOnly, history: false },
    }),
  ];
  setups.set(key, setup);
  return setup;
}
