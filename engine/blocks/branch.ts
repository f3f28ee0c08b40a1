import type { BlockContext, BlockResult } from '../block-context';

/**
 * Evaluates `condition` and takes the edges labelled `true` when the value is truthy, else the
 * edges labelled `false`. The output is the value as a boolean.
 */
export async function runBranchBlock(context: BlockContext<'branch'>): Promise<BlockResult> {
  const value = await context.evaluate('condition', context.config.condition);
  const isTrue = Boolean(value);

  return { inputs: { condition: value }, output: isTrue, takenLabel: isTrue ? 'true' : 'false' };
}
