'use client';

import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import CodeMirror from '@uiw/react-codemirror';

const LANGUAGES = { javascript: [javascript()], json: [json()] };

interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  language: keyof typeof LANGUAGES;
  label: string;
  readOnly?: boolean;
  minHeight?: string;
  testId?: string;
}

/** Renders a CodeMirror 6 editor with syntax highlighting for JavaScript or JSON. */
export function CodeEditor(props: CodeEditorProps) {
  const { value, onChange, language, label, readOnly, minHeight = '140px', testId } = props;

  return (
    <div className="code-editor" data-testid={testId}>
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={LANGUAGES[language]}
        readOnly={readOnly}
        editable={!readOnly}
        minHeight={minHeight}
        maxHeight="420px"
        aria-label={label}
        basicSetup={{ foldGutter: false, highlightActiveLine: !readOnly }}
      />
    </div>
  );
}
