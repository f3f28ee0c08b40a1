'use client';

import { useRef } from 'react';

import type {
  BlockConfig,
  BranchBlockConfig,
  HttpBlockConfig,
  InputBlockConfig,
  JsBlockConfig,
  LoopBlockConfig,
  OutputBlockConfig,
  QueryBlockConfig,
  WriteBlockConfig,
} from '@/engine/types';

import { BlockIcon } from '@/components/canvas/BlockIcon';
import { BLOCK_META } from '@/components/canvas/block-meta';
import { useSelectedBlockId } from '@/components/debugger/useSelectedBlockId';

import { ExpressionField } from './ExpressionField';
import { TextField } from './fields';
import { HttpForm } from './HttpForm';
import { InputForm } from './InputForm';
import { JsForm } from './JsForm';
import { QueryForm } from './QueryForm';
import { BranchForm, LoopForm, OutputForm } from './SimpleForms';
import { useBlockEditor, type BlockEditor } from './useBlockEditor';
import { useBlurOnBlockChange } from './useBlurOnBlockChange';
import { WriteForm } from './WriteForm';

function TypeForm({ editor }: { editor: BlockEditor }) {
  const as = <C extends BlockConfig>() => editor as unknown as BlockEditor<C>;

  switch (editor.block.type) {
    case 'input':
      // Keyed because the form keeps the schema text, which may be invalid JSON, in its own state.
      return <InputForm key={editor.block.id} editor={as<InputBlockConfig>()} />;
    case 'query':
      return <QueryForm editor={as<QueryBlockConfig>()} />;
    case 'write':
      return <WriteForm editor={as<WriteBlockConfig>()} />;
    case 'js':
      return <JsForm editor={as<JsBlockConfig>()} />;
    case 'http':
      return <HttpForm editor={as<HttpBlockConfig>()} />;
    case 'branch':
      return <BranchForm editor={as<BranchBlockConfig>()} />;
    case 'loop':
      return <LoopForm editor={as<LoopBlockConfig>()} />;
    case 'output':
      return <OutputForm editor={as<OutputBlockConfig>()} />;
  }
}

function BlockConfigForm({ blockId }: { blockId: string }) {
  const editor = useBlockEditor(blockId);
  if (!editor) return null;

  const { block, readOnly } = editor;
  // A branch block's `condition` is its branch condition, so it has no separate run condition.
  const hasRunCondition = block.type !== 'branch';

  return (
    <div className="config-panel__form">
      <header className="config-panel__header">
        <BlockIcon type={block.type} size={18} />
        <h2 className="config-panel__title">{BLOCK_META[block.type].label} block</h2>
        {readOnly && <span className="config-panel__readonly">read-only</span>}
      </header>
      <TextField
        label="Name"
        value={block.name ?? ''}
        placeholder={block.id}
        readOnly={readOnly}
        testId="config-name"
        onChange={editor.setName}
      />
      <TextField label="Id" value={block.id} readOnly mono testId="config-id" onChange={() => {}} />
      <TypeForm editor={editor} />
      {hasRunCondition && (
        <ExpressionField
          label="Run only if (optional)"
          blockId={block.id}
          value={block.config.condition ?? ''}
          placeholder="vars.orders.length > 0"
          readOnly={readOnly}
          testId="config-run-condition"
          onChange={(condition) =>
            condition === ''
              ? editor.unsetConfig(['condition'], 'condition')
              : editor.setConfig({ condition }, 'condition')
          }
        />
      )}
    </div>
  );
}

/**
 * Renders the settings of the selected block, or a hint when none is selected. The form stays
 * mounted when another block of the same type is selected, so its code editor swaps documents
 * instead of being rebuilt.
 */
export function ConfigPanel() {
  const selectedBlockId = useSelectedBlockId();
  const panelRef = useRef<HTMLElement>(null);
  useBlurOnBlockChange(panelRef, selectedBlockId);

  return (
    <aside
      ref={panelRef}
      className="config-panel"
      aria-label="Block settings"
      data-testid="config-panel"
    >
      {selectedBlockId ? (
        <BlockConfigForm blockId={selectedBlockId} />
      ) : (
        <div className="config-panel__empty">
          Select a block to edit its settings, or add one from the palette.
        </div>
      )}
    </aside>
  );
}
