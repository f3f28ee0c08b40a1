'use client';

import { BLOCK_TYPES, type BlockType } from '@/engine/types';

import { BlockIcon } from './BlockIcon';
import { BLOCK_META } from './block-meta';
import { useAddBlock } from './useAddBlock';

/** The drag-and-drop payload type of a palette entry. */
export const BLOCK_DRAG_TYPE = 'application/x-flowscope-block';

/** Block types to add: click for a free spot, or drag onto the canvas or into a loop. */
export function Palette({ disabled }: { disabled?: boolean }) {
  const addBlock = useAddBlock();

  const onDragStart = (event: React.DragEvent, type: BlockType) => {
    event.dataTransfer.setData(BLOCK_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="palette" aria-label="Blocks">
      <h2 className="palette__title">Blocks</h2>
      {BLOCK_TYPES.map((type) => (
        <button
          key={type}
          type="button"
          className="palette__item"
          data-testid={`palette-${type}`}
          title={`${BLOCK_META[type].description}. Click to add, or drag onto the canvas.`}
          disabled={disabled}
          draggable={!disabled}
          onDragStart={(event) => onDragStart(event, type)}
          onClick={() => addBlock(type)}
        >
          <BlockIcon type={type} />
          <span className="palette__label">{BLOCK_META[type].label}</span>
        </button>
      ))}
    </nav>
  );
}
