'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';

import { useBlockProblem } from '@/components/debugger/useBlockProblem';
import { useIsBlockSelected } from '@/components/debugger/useIsBlockSelected';

import { BlockBadgesSlot } from './BlockBadgesSlot';
import { BlockIcon } from './BlockIcon';
import { summarizeConfig } from './block-meta';
import type { LoopFlowNode } from './flow-types';
import { useBlockStatusClass } from './useBlockStatusClass';

function LoopNodeView({ id, data }: NodeProps<LoopFlowNode>) {
  const problem = useBlockProblem(id);
  const selected = useIsBlockSelected(id);
  const statusClass = useBlockStatusClass(id);
  const classes = [
    'loop-node',
    statusClass,
    selected ? 'is-selected' : '',
    problem ? 'has-problem' : '',
  ];

  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-testid={`block-${id}`}
      aria-label={`Loop block ${data.name || id}`}
      title={problem ?? undefined}
    >
      <Handle type="target" position={Position.Top} className="block-handle" />
      <div className="loop-node__header">
        <BlockIcon type="loop" />
        <span className="block-node__name is-clipped">{data.name || id}</span>
        <span className="block-node__type">Loop</span>
        <span className="loop-node__summary">{summarizeConfig('loop', data.config)}</span>
        <BlockBadgesSlot blockId={id} />
      </div>
      {problem && (
        <div className="block-node__problem" data-testid="block-problem">
          {problem}
        </div>
      )}
      <div className="loop-node__hint">Drop blocks here to run them once per item</div>
      <Handle type="source" position={Position.Bottom} className="block-handle" />
    </div>
  );
}

/** A loop block: a frame whose child nodes are the loop body. */
export const LoopNode = memo(LoopNodeView);
