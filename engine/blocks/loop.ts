import type { BlockContext, BlockResult } from '../block-context';
import { describeType } from '../block-labels';

/**
 * Runs the loop body once per item of `items`, in order, with the item under `as` (default
 * `item`) and `index`. The output is an array with one entry per iteration: the value of the
 * last body block that executed and assigned an outputKey in that iteration, or null when none
 * did. It is assigned to `vars[outputKey]` when the loop sets one.
 */
export async function runLoopBlock(context: BlockContext<'loop'>): Promise<BlockResult> {
  const items = await context.evaluate('items', context.config.items);
  if (!Array.isArray(items)) {
    throw context.fail(`items must be an array, got ${describeType(items)}`);
  }

  const itemName = context.config.as ?? 'item';
  const outputs: unknown[] = [];
  for (const [index, item] of items.entries()) {
    const lastOutput = await context.runBody({
      locals: { item, index, itemName },
      iteration: index,
    });
    outputs.push(lastOutput);
  }

  return { inputs: { itemCount: items.length }, output: outputs };
}
