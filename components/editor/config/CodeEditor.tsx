'use client';

import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import {
  Compartment,
  EditorState,
  EditorView,
  StateEffect,
  type Extension,
} from '@uiw/react-codemirror';
import { useLayoutEffect, useRef, useState } from 'react';

import { externalChange, replaceDocument, syncDocument } from './code-editor-document';
import { codeEditorSetup, undoHistory } from './code-editor-setup';

const LANGUAGES = { javascript: javascript(), json: json() };

interface CodeEditorProps {
  /**
   * Identity of the document, such as the block id. A new key replaces the text and clears the
   * undo history in the same editor, which is cheaper than mounting a new one.
   */
  documentKey: string;
  value: string;
  onChange: (value: string) => void;
  language: keyof typeof LANGUAGES;
  label: string;
  readOnly?: boolean;
  minHeight?: string;
  testId?: string;
}

interface EditorConfig {
  language: keyof typeof LANGUAGES;
  label: string;
  readOnly: boolean;
  minHeight: string;
}

/** The view's fixed parts: the change listener and the compartment of the undo history. */
interface EditorParts {
  reportChange: Extension;
  history: Compartment;
}

function extensionsFor(config: EditorConfig, parts: EditorParts): Extension[] {
  const { language, label, readOnly, minHeight } = config;

  return [
    parts.reportChange,
    parts.history.of(undoHistory),
    codeEditorSetup(readOnly, minHeight),
    LANGUAGES[language],
    EditorView.contentAttributes.of({ 'aria-label': label }),
  ];
}

function isSameConfig(a: EditorConfig, b: EditorConfig): boolean {
  return (
    a.language === b.language &&
    a.label === b.label &&
    a.readOnly === b.readOnly &&
    a.minHeight === b.minHeight
  );
}

/**
 * Renders a CodeMirror 6 editor with syntax highlighting for JavaScript or JSON. The editor view
 * stays mounted while `documentKey` changes: only its text and undo history are replaced.
 */
export function CodeEditor(props: CodeEditorProps) {
  const { documentKey, value, onChange, language, label, testId } = props;
  const readOnly = props.readOnly ?? false;
  const minHeight = props.minHeight ?? '140px';
  const parentRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const appliedRef = useRef({ documentKey, language, label, readOnly, minHeight });
  const onChangeRef = useRef(onChange);

  useLayoutEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const [parts] = useState<EditorParts>(() => ({
    reportChange: EditorView.updateListener.of((update) => {
      const isExternal = update.transactions.some((tr) => tr.annotation(externalChange));
      if (update.docChanged && !isExternal) onChangeRef.current(update.state.doc.toString());
    }),
    history: new Compartment(),
  }));

  // Created once. Later props reach the view through the effect below, never by remounting.
  useLayoutEffect(() => {
    const extensions = extensionsFor(appliedRef.current, parts);
    const view = new EditorView({
      state: EditorState.create({ doc: value, extensions }),
      parent: parentRef.current!,
    });
    viewRef.current = view;

    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useLayoutEffect(() => {
    const view = viewRef.current;
    if (!view) return;

    const applied = appliedRef.current;
    const config = { language, label, readOnly, minHeight };
    appliedRef.current = { documentKey, ...config };

    if (!isSameConfig(applied, config)) {
      view.dispatch({ effects: StateEffect.reconfigure.of(extensionsFor(config, parts)) });
    }
    if (applied.documentKey !== documentKey) replaceDocument(view, value, parts.history);
    else syncDocument(view, value);
  }, [documentKey, value, language, label, readOnly, minHeight, parts]);

  return <div ref={parentRef} className="code-editor" data-testid={testId} />;
}
