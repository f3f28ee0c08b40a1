'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';

import { useBlockProblem } from '@/components/debugger/useBlockProblem';
import { useIsBlockSelected } from '@/components/debugger/useIsBlockSelected';

import { BlockBadgesSlot } from './BlockBadgesSlot';
import { BlockIcon } from './BlockIcon';
import { BLOCK_META, summarizeConfig } from './block-meta';
import type { BlockFlowNode } from './flow-types';
import { mayOverflow } from './text-fit';
import { useBlockStatusClass } from './useBlockStatusClass';

/**
 * Maximum name length, in character cells, that fits the header without clipping. The 198-pixel
 * header less the icon, the gaps and the widest type label (JAVASCRIPT, 61 pixels in Chromium on
 * Linux) leaves about 109 pixels: seven of the widest 12-pixel bold characters (W, 13 pixels)
 * with room for wider fonts. The widths are estimates for common system fonts.
 */
const NAME_FIT_CELLS = 7;
/** Maximum summary length that fits: 198 pixels of 11-pixel monospace at up to 0.65 em a cell. */
const SUMMARY_FIT_CELLS = 27;

/**
 * Returns the class of a one-line label, which clips with an ellipsis only when its text may not
 * fit. Each clipping box splits the canvas into more paint chunks, which Chromium walks on every
 * repaint.
 */
function labelClass(base: string, text: string, fitCells: number): string {
  return mayOverflow(text, fitCells) ? `${base} is-clipped` : base;
}

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
  const name = data.name || id;
  const summary = summarizeConfig(data.blockType, data.config);
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
      aria-label={`${meta.label} block ${name}`}
      title={problem ?? undefined}
    >
      {hasInput && <Handle type="target" position={Position.Top} className="block-handle" />}
      <div className="block-node__header">
        <BlockIcon type={data.blockType} />
        <span className={labelClass('block-node__name', name, NAME_FIT_CELLS)}>{name}</span>
        <span className="block-node__type">{meta.label}</span>
      </div>
      <div className={labelClass('block-node__summary', summary, SUMMARY_FIT_CELLS)}>{summary}</div>
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
