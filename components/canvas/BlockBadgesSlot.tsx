'use client';

import { useBlockRunState } from '@/components/debugger/useBlockRunState';
import { BlockBadges } from '@/components/trace/BlockBadges';

/** Renders a block's badges of the active run, reading only this block's run state. */
export function BlockBadgesSlot({ blockId }: { blockId: string }) {
  const state = useBlockRunState(blockId);
  if (!state) return null;

  return (
    <div className="block-node__badges">
      <BlockBadges state={state} />
    </div>
  );
}
