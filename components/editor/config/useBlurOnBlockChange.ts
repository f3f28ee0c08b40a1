'use client';

import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Moves the focus out of `container` when another block is selected. The settings form stays
 * mounted across blocks, so a field that kept the focus would go on editing the new block.
 */
export function useBlurOnBlockChange(
  container: RefObject<HTMLElement | null>,
  blockId: string | null,
): void {
  const shownBlockId = useRef(blockId);

  useLayoutEffect(() => {
    if (shownBlockId.current === blockId) return;
    shownBlockId.current = blockId;

    const focused = document.activeElement;
    if (focused instanceof HTMLElement && container.current?.contains(focused)) focused.blur();
  }, [container, blockId]);
}
