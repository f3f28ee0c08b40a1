import type { BlockContext, BlockResult } from '../block-context';
import { checkInputSchema } from '../input-schema';

/** Checks the run input against the block's schema; the output is the input itself. */
export async function runInputBlock(context: BlockContext<'input'>): Promise<BlockResult> {
  const input = context.run.inputValue;
  const problems = checkInputSchema(input, context.config.schema);

  if (problems.length > 0) {
    throw context.fail(`the run input does not match the schema: ${problems.join('; ')}`);
  }
  return { output: input };
}
