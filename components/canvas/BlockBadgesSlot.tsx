'use client';

import { useBlockRunState } from '@/components/debugger/useBlockRunState';

/** Where a block shows the badges of the active run; reads only this block's run state. */
export function BlockBadgesSlot({ blockId }: { blockId: string }) {
  const state = useBlockRunState(blockId);
  if (!state) return null;

  // TODO: render the trace panel's <BlockBadges state={state} /> here once it exists; until then
  // the slot shows the status alone.
  return (
    <div className="block-node__badges" data-testid="block-badges" data-status={state.status}>
      {state.status}
    </div>
  );
}
