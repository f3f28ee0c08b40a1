import type { BlockContext, BlockResult } from '../block-context';

/** Evaluates `value`; it becomes the run's output (the last output block that runs wins). */
export async function runOutputBlock(context: BlockContext<'output'>): Promise<BlockResult> {
  const value = await context.evaluate('value', context.config.value);

  context.run.output = value;
  return { output: value };
}
