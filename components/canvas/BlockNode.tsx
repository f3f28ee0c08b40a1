'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';

import { useBlockProblem } from '@/components/debugger/useBlockProblem';
import { useIsBlockSelected } from '@/components/debugger/useIsBlockSelected';

import { BlockBadgesSlot } from './BlockBadgesSlot';
import { BlockIcon } from './BlockIcon';
import { BLOCK_META, summarizeConfig } from './block-meta';
import type { BlockFlowNode } from './flow-types';
import { useBlockStatusClass } from './useBlockStatusClass';

function BranchHandles() {
  return (
    <>
      <Handle
        type="source"
        id="true"
        position={Position.Bottom}
        className="block-handle block-handle--true"
        style={{ left: '30%' }}
        aria-label="true output"
        data-testid="handle-true"
      />
      <span className="block-handle__label block-handle__label--true">true</span>
      <Handle
        type="source"
        id="false"
        position={Position.Bottom}
        className="block-handle block-handle--false"
        style={{ left: '70%' }}
        aria-label="false output"
        data-testid="handle-false"
      />
      <span className="block-handle__label block-handle__label--false">false</span>
    </>
  );
}

function BlockNodeView({ id, data }: NodeProps<BlockFlowNode>) {
  const problem = useBlockProblem(id);
  const selected = useIsBlockSelected(id);
  const statusClass = useBlockStatusClass(id);
  const meta = BLOCK_META[data.blockType];
  const hasInput = data.blockType !== 'input';
  const hasOutput = data.blockType !== 'output';
  const classes = [
    'block-node',
    statusClass,
    selected ? 'is-selected' : '',
    problem ? 'has-problem' : '',
  ];

  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-testid={`block-${id}`}
      aria-label={`${meta.label} block ${data.name || id}`}
      title={problem ?? undefined}
    >
      {hasInput && <Handle type="target" position={Position.Top} className="block-handle" />}
      <div className="block-node__header">
        <BlockIcon type={data.blockType} />
        <span className="block-node__name">{data.name || id}</span>
        <span className="block-node__type">{meta.label}</span>
      </div>
      <div className="block-node__summary">{summarizeConfig(data.blockType, data.config)}</div>
      <BlockBadgesSlot blockId={id} />
      {problem && (
        <div className="block-node__problem" data-testid="block-problem">
          {problem}
        </div>
      )}
      {data.blockType === 'branch' ? (
        <BranchHandles />
      ) : (
        hasOutput && <Handle type="source" position={Position.Bottom} className="block-handle" />
      )}
    </div>
  );
}

/** A block on the canvas: icon, name, type, config summary, run badges and validation problems. */
export const BlockNode = memo(BlockNodeView);
