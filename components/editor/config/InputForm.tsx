'use client';

import { useState } from 'react';

import type { InputBlockConfig } from '@/engine/types';

import { CodeEditor } from './CodeEditor';
import type { BlockEditor } from './useBlockEditor';

function schemaText(schema: unknown): string {
  return schema === undefined ? '' : JSON.stringify(schema, null, 2);
}

/**
 * Config of an input block: the JSON schema of the run input. The text is kept while it is not
 * valid JSON, and the schema changes only once it parses.
 */
export function InputForm({ editor }: { editor: BlockEditor<InputBlockConfig> }) {
  const [text, setText] = useState(() => schemaText(editor.config.schema));
  const [error, setError] = useState<string | null>(null);

  const onChange = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setError(null);
      editor.unsetConfig(['schema'], 'schema');
      return;
    }

    try {
      const schema: unknown = JSON.parse(next);
      setError(null);
      editor.setConfig({ schema }, 'schema');
    } catch (parseError) {
      setError(`Invalid JSON: ${(parseError as Error).message}. The last valid schema is kept.`);
    }
  };

  return (
    <div className="field">
      <span className="field__label">Input schema (JSON)</span>
      <CodeEditor
        documentKey={editor.block.id}
        value={text}
        language="json"
        label="Input JSON schema"
        readOnly={editor.readOnly}
        testId="config-schema"
        onChange={onChange}
      />
      {error ? (
        <div className="field__error" role="alert">
          {error}
        </div>
      ) : (
        <div className="field__hint">
          Optional. A JSON schema subset (type, properties, required, items); leave empty to accept
          any input.
        </div>
      )}
    </div>
  );
}
