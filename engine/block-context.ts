/**
 * The context of a block handler: its node, the run, its open step, the loop locals, and helpers that
 * evaluate expressions in the sandbox and turn failures into run errors.
 */

import { blockLabel } from './block-labels';
import { BlockError, isBlockError, isRunLimitError, describeError } from './errors';
import { raceAbort } from './limits';
import type { RunState } from './run-state';
import { isSandboxError } from './sandbox/errors';
import type { SandboxLocals } from './sandbox/types';
import type { OpenStep } from './trace-recorder';
import type { BlockConfig, BlockType, GraphNode, StepSideEffects } from './types';

/** The result of a block handler; the step runner records it and assigns the output. */
export interface BlockResult {
  /** The block's value, assigned to `vars[outputKey]` when the block has an outputKey. */
  output?: unknown;
  inputs?: unknown;
  sideEffects?: StepSideEffects;
  cacheHit?: boolean;
  cacheKey?: string;
  logs?: string[];
  /** True when the sandbox already stored the output in `vars` (a `js` block's `assignTo`). */
  assignedInSandbox?: boolean;
  /** A branch block's decision: edges with this label are taken. */
  takenLabel?: 'true' | 'false';
  /** Set when the block decided not to run after all (the idempotency guard). */
  skip?: { reason: string; detail: unknown };
  /** Called with the step's index once it is recorded. */
  onRecorded?(stepIndex: number): void;
}

/** The values of one loop iteration, or none outside loops. */
export interface Frame {
  locals: SandboxLocals;
  iteration?: number;
}

/** Runs a loop body once with the given frame; returns the iteration's last output. */
export type RunBody = (frame: Frame) => Promise<unknown>;

export class BlockContext<T extends BlockType = BlockType> {
  readonly config: BlockConfig<T>;
  readonly label: string;

  constructor(
    readonly node: GraphNode<T>,
    readonly run: RunState,
    readonly step: OpenStep,
    readonly frame: Frame,
    readonly runBody: RunBody,
  ) {
    this.config = node.config;
    this.label = blockLabel(node);
  }

  /** Evaluates an expression of this block in the sandbox; its time counts as JS time. */
  async evaluate(field: string, source: string): Promise<unknown> {
    const { budget, sandbox } = this.run;
    budget.checkTime();

    try {
      const call = sandbox.evaluate(source, this.frame.locals, {
        timeoutMs: budget.callTimeoutMs(),
        blockId: this.node.id,
        field,
      });
      const result = await raceAbort(call, budget.signal);
      this.step.jsTimeMs += result.jsTimeMs;
      return result.value;
    } catch (error) {
      throw this.toRunError(error, true);
    }
  }

  /** Creates a BlockError whose message starts with the block's label. */
  fail(problem: string, cause?: unknown): BlockError {
    return new BlockError(this.node.id, `${this.label}: ${problem}`, cause ? { cause } : undefined);
  }

  /**
   * Maps anything a call threw to the error that ends the run. That is the run's limit error once
   * its time is up, or when a sandbox call timed out on the run's time left
   * (`timeoutWasRunTimeLeft`). Engine errors pass as they are, sandbox errors keep their own
   * message (which names the block), and anything else is wrapped in a BlockError.
   */
  toRunError(error: unknown, timeoutWasRunTimeLeft = false): Error {
    if (isRunLimitError(error) || isBlockError(error)) return error;

    const isSandboxTimeout = isSandboxError(error) && error.code === 'SANDBOX_TIMEOUT';
    if (this.run.budget.isTimeUp() || (isSandboxTimeout && timeoutWasRunTimeLeft)) {
      return this.run.budget.timeLimitError();
    }
    if (isSandboxError(error)) return new BlockError(this.node.id, error.message, { cause: error });

    return this.fail(describeError(error), error);
  }
}
