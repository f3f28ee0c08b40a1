import type { BlockContext, BlockResult } from '../block-context';
import type { BlockType } from '../types';
import { runBranchBlock } from './branch';
import { runHttpBlock } from './http';
import { runInputBlock } from './input';
import { runJsBlock } from './js';
import { runLoopBlock } from './loop';
import { runOutputBlock } from './output';
import { runQueryBlock } from './query';
import { runWriteBlock } from './write';

type BlockHandlers = { [T in BlockType]: (context: BlockContext<T>) => Promise<BlockResult> };

export const BLOCK_HANDLERS: BlockHandlers = {
  input: runInputBlock,
  query: runQueryBlock,
  write: runWriteBlock,
  js: runJsBlock,
  http: runHttpBlock,
  branch: runBranchBlock,
  loop: runLoopBlock,
  output: runOutputBlock,
};

export function runBlockHandler(context: BlockContext): Promise<BlockResult> {
  const handler = BLOCK_HANDLERS[context.node.type] as (
    context: BlockContext,
  ) => Promise<BlockResult>;
  return handler(context);
}
