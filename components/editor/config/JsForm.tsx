'use client';

import type { JsBlockConfig } from '@/engine/types';

import { CodeEditor } from './CodeEditor';
import { NumberField } from './fields';
import { OutputKeyField } from './QueryForm';
import type { BlockEditor } from './useBlockEditor';
import { useScopeNames } from './useScopeNames';

/** Config of a js block: the function body, output key and time limit. */
export function JsForm({ editor }: { editor: BlockEditor<JsBlockConfig> }) {
  const { config, readOnly, block } = editor;
  const names = useScopeNames(block.id);

  return (
    <>
      <div className="field">
        <span className="field__label">Code</span>
        <CodeEditor
          documentKey={block.id}
          value={config.code ?? ''}
          language="javascript"
          label="JavaScript code"
          readOnly={readOnly}
          testId="config-code"
          onChange={(code) => editor.setConfig({ code }, 'code')}
        />
        <div className="field__hint">
          A function body that returns a JSON value. In scope: {names.slice(0, 6).join(', ')}
        </div>
      </div>
      <OutputKeyField editor={editor} />
      <NumberField
        label="Timeout (ms)"
        value={config.timeoutMs}
        min={1}
        placeholder="run limit"
        readOnly={readOnly}
        testId="config-timeoutMs"
        onChange={(timeoutMs) =>
          timeoutMs === undefined
            ? editor.unsetConfig(['timeoutMs'], 'timeoutMs')
            : editor.setConfig({ timeoutMs }, 'timeoutMs')
        }
      />
    </>
  );
}
