import {
  Annotation,
  EditorView,
  Transaction,
  type Compartment,
  type EditorState,
  type TransactionSpec,
} from '@uiw/react-codemirror';

import { undoHistory } from './code-editor-setup';

/** Marks a document replaced from `value`, so the change is not reported back to `onChange`. */
export const externalChange = Annotation.define<boolean>();

/** The part of an `EditorView` that changes its document. */
export interface DocumentTarget {
  readonly state: EditorState;
  dispatch(spec: TransactionSpec): void;
}

/**
 * Shows another document in the same editor: new text scrolled to the top, the cursor at the
 * start and an empty undo history, as a new editor would have. `history` must contain
 * `undoHistory`. The history is dropped while the text is replaced, so undo cannot bring the
 * previous document back, and returns empty with the second transaction.
 */
export function replaceDocument(target: DocumentTarget, text: string, history: Compartment): void {
  target.dispatch({
    changes: { from: 0, to: target.state.doc.length, insert: text },
    selection: { anchor: 0 },
    effects: [history.reconfigure([]), EditorView.scrollIntoView(0)],
    annotations: [externalChange.of(true), Transaction.addToHistory.of(false)],
  });
  target.dispatch({ effects: history.reconfigure(undoHistory) });
}

/** Sets the text after an outside change of the same document, such as an undo in the graph. */
export function syncDocument(target: DocumentTarget, text: string): void {
  const current = target.state.doc.toString();
  if (current === text) return;

  target.dispatch({
    changes: { from: 0, to: current.length, insert: text },
    annotations: externalChange.of(true),
  });
}
