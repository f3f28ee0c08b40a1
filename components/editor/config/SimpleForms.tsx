'use client';

import type { BranchBlockConfig, LoopBlockConfig, OutputBlockConfig } from '@/engine/types';

import { ExpressionField } from './ExpressionField';
import { TextField } from './fields';
import { OutputKeyField } from './QueryForm';
import type { BlockEditor } from './useBlockEditor';

/** Config of a branch block: the condition that picks the `true` or the `false` edges. */
export function BranchForm({ editor }: { editor: BlockEditor<BranchBlockConfig> }) {
  return (
    <ExpressionField
      label="Condition"
      blockId={editor.block.id}
      value={editor.config.condition ?? ''}
      placeholder="vars.order.total > 100"
      readOnly={editor.readOnly}
      testId="config-condition"
      onChange={(condition) => editor.setConfig({ condition }, 'condition')}
    />
  );
}

/** Config of a loop block: the items expression and the item variable's name. */
export function LoopForm({ editor }: { editor: BlockEditor<LoopBlockConfig> }) {
  const { config, readOnly, block } = editor;

  return (
    <>
      <ExpressionField
        label="Items"
        blockId={block.id}
        value={config.items ?? ''}
        placeholder="vars.orders"
        readOnly={readOnly}
        testId="config-items"
        onChange={(items) => editor.setConfig({ items }, 'items')}
      />
      <TextField
        label="Item variable"
        value={config.as ?? ''}
        placeholder="item"
        mono
        hint="Body blocks read the current item under this name, and its position as index."
        readOnly={readOnly}
        testId="config-as"
        onChange={(as) =>
          as === '' ? editor.unsetConfig(['as'], 'as') : editor.setConfig({ as }, 'as')
        }
      />
      <OutputKeyField editor={editor} optional />
    </>
  );
}

/** Config of an output block: the expression of the run's result. */
export function OutputForm({ editor }: { editor: BlockEditor<OutputBlockConfig> }) {
  return (
    <ExpressionField
      label="Value"
      blockId={editor.block.id}
      value={editor.config.value ?? ''}
      placeholder="{ total: vars.total }"
      multiline
      readOnly={editor.readOnly}
      testId="config-value"
      onChange={(value) => editor.setConfig({ value }, 'value')}
    />
  );
}
