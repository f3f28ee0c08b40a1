import {
  Compartment,
  EditorState,
  keymap,
  type StateCommand,
  type TransactionSpec,
} from '@uiw/react-codemirror';
import { describe, expect, it } from 'vitest';

import { externalChange, replaceDocument, syncDocument } from './code-editor-document';
import { codeEditorSetup, undoHistory } from './code-editor-setup';

/** Creates an editor without a view, which is enough for the transactions of a document switch. */
function createEditor(doc: string) {
  const history = new Compartment();
  const editor = {
    state: EditorState.create({
      doc,
      extensions: [codeEditorSetup(false, '140px'), history.of(undoHistory)],
    }),
    external: 0,
    dispatch(spec: TransactionSpec) {
      const transaction = editor.state.update(spec);
      if (transaction.annotation(externalChange)) editor.external += 1;
      editor.state = transaction.state;
    },
  };
  return { editor, history };
}

/** Runs the command bound to `key` in the editor's keymaps, as pressing the key would. */
function press(editor: ReturnType<typeof createEditor>['editor'], key: string): boolean {
  const binding = editor.state
    .facet(keymap)
    .flat()
    .find((candidate) => candidate.key === key && candidate.run);
  if (!binding) throw new Error(`No key binding for ${key}`);

  const run = binding.run as unknown as StateCommand;
  return run({
    state: editor.state,
    dispatch: (transaction) => (editor.state = transaction.state),
  });
}

function type(editor: ReturnType<typeof createEditor>['editor'], text: string): void {
  const end = editor.state.doc.length;
  editor.dispatch({ changes: { from: end, insert: text }, userEvent: 'input.type' });
}

describe('code editor document switch', () => {
  it('shows the new text with the cursor at the start', () => {
    const { editor, history } = createEditor('return 1;');
    editor.dispatch({ selection: { anchor: 5 } });

    replaceDocument(editor, 'return vars.b1 + 1;', history);

    expect(editor.state.doc.toString()).toBe('return vars.b1 + 1;');
    expect(editor.state.selection.main.head).toBe(0);
  });

  it('marks the replacement as external', () => {
    const { editor, history } = createEditor('return 1;');

    replaceDocument(editor, 'return 2;', history);

    expect(editor.external).toBe(1);
  });

  it('cannot undo back into the previous document', () => {
    const { editor, history } = createEditor('return vars.total;');
    // Undoing a deletion inserts text again, which would land in the new document.
    editor.dispatch({ changes: { from: 7, to: 12 }, userEvent: 'delete' });
    type(editor, ' // edited');

    replaceDocument(editor, 'return 2;', history);
    press(editor, 'Mod-z');
    press(editor, 'Mod-z');

    expect(editor.state.doc.toString()).toBe('return 2;');
  });

  it('undoes edits made after the switch', () => {
    const { editor, history } = createEditor('return 1;');
    replaceDocument(editor, 'return 2;', history);
    type(editor, ' // edited');

    const undone = press(editor, 'Mod-z');

    expect(undone).toBe(true);
    expect(editor.state.doc.toString()).toBe('return 2;');
  });

  it('leaves an unchanged document alone on sync', () => {
    const { editor } = createEditor('return 1;');
    const before = editor.state;

    syncDocument(editor, 'return 1;');

    expect(editor.state).toBe(before);
  });

  it('replaces a changed document on sync as an external change', () => {
    const { editor } = createEditor('return 1;');

    syncDocument(editor, 'return 3;');

    expect(editor.state.doc.toString()).toBe('return 3;');
    expect(editor.external).toBe(1);
  });
});
