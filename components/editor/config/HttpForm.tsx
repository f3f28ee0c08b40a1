'use client';

import type { HttpBlockConfig } from '@/engine/types';

import { ExpressionField } from './ExpressionField';
import { NumberField, SelectField } from './fields';
import { KeyValueEditor } from './KeyValueEditor';
import { OutputKeyField } from './QueryForm';
import type { BlockEditor } from './useBlockEditor';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/** Config of an http block: method, URL, headers, body, output key, timeout and retries. */
export function HttpForm({ editor }: { editor: BlockEditor<HttpBlockConfig> }) {
  const { config, readOnly, block } = editor;
  const optionalNumber = (key: 'timeoutMs' | 'retries') => (value: number | undefined) =>
    value === undefined ? editor.unsetConfig([key], key) : editor.setConfig({ [key]: value }, key);

  return (
    <>
      <SelectField
        label="Method"
        value={(config.method || 'GET') as (typeof METHODS)[number]}
        options={METHODS}
        disabled={readOnly}
        testId="config-method"
        onChange={(method) => editor.setConfig({ method }, 'method')}
      />
      <ExpressionField
        label="URL"
        blockId={block.id}
        value={config.url ?? ''}
        placeholder="'http://127.0.0.1:8080/hook'"
        readOnly={readOnly}
        testId="config-url"
        onChange={(url) => editor.setConfig({ url }, 'url')}
      />
      <KeyValueEditor
        label="Headers"
        entries={config.headers ?? {}}
        keyPlaceholder="header"
        valuePlaceholder="expression"
        readOnly={readOnly}
        testId="config-headers"
        onChange={(headers) => editor.setConfig({ headers }, 'headers')}
      />
      <ExpressionField
        label="Body"
        blockId={block.id}
        value={config.body ?? ''}
        placeholder="{ id: vars.order._id }"
        multiline
        readOnly={readOnly}
        testId="config-body"
        onChange={(body) =>
          body === '' ? editor.unsetConfig(['body'], 'body') : editor.setConfig({ body }, 'body')
        }
      />
      <OutputKeyField editor={editor} />
      <NumberField
        label="Timeout (ms)"
        value={config.timeoutMs}
        min={1}
        placeholder="run limit"
        readOnly={readOnly}
        testId="config-timeoutMs"
        onChange={optionalNumber('timeoutMs')}
      />
      <NumberField
        label="Retries"
        value={config.retries}
        min={0}
        max={10}
        placeholder="0"
        hint="Extra attempts after a failed or timed-out request."
        readOnly={readOnly}
        testId="config-retries"
        onChange={optionalNumber('retries')}
      />
    </>
  );
}
