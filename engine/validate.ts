/**
 * `validateGraph`: every problem of a workflow graph at once, before anything runs.
 */

import { blockLabel } from './block-labels';
import { checkExpressionSyntax, checkScriptSyntax } from './sandbox';
import type { GraphNode, ValidationProblem } from './types';
import { checkBlockConfig, type SyntaxCheckers } from './validate-config';
import { checkEdges } from './validate-edges';
import { checkCycles, checkGraphShape, checkNodes, checkParents } from './validate-structure';
import { ProblemList } from './validation-problems';

const SANDBOX_SYNTAX: SyntaxCheckers = {
  expression: checkExpressionSyntax,
  script: checkScriptSyntax,
};

/**
 * Validates a graph of unknown shape and returns every problem found, each naming its block
 * (or edge); an empty list means the graph can run. A graph that is not an object, has no node
 * array or is too large stops the checks at that point.
 */
export function validateGraph(
  graph: unknown,
  syntax: SyntaxCheckers = SANDBOX_SYNTAX,
): ValidationProblem[] {
  const problems = new ProblemList();

  const shape = checkGraphShape(graph, problems);
  if (!shape) return problems.problems;

  const nodes = checkNodes(shape.nodes, problems);
  checkParents(nodes, problems);
  const edges = checkEdges(shape.edges, nodes, problems);
  checkCycles(nodes, edges, problems);

  for (const node of nodes) checkBlockConfig(node, problems, syntax);
  checkOutputKeys(nodes, problems);

  return problems.problems;
}

/**
 * Two blocks may not write the same variable, and no block may write `__proto__`: assigning that
 * key to a plain object replaces its prototype instead of adding a variable.
 */
function checkOutputKeys(nodes: GraphNode[], problems: ProblemList): void {
  const writerByKey = new Map<string, GraphNode>();

  for (const node of nodes) {
    const outputKey = (node.config as { outputKey?: unknown }).outputKey;
    if (typeof outputKey !== 'string' || outputKey === '') continue;
    if (outputKey === '__proto__') {
      problems.add(
        'config_invalid',
        `${blockLabel(node)}: outputKey "__proto__" is reserved in JavaScript objects; choose another name`,
        { blockId: node.id },
      );
      continue;
    }

    const writer = writerByKey.get(outputKey);
    if (writer) {
      problems.add(
        'output_key_duplicate',
        `${blockLabel(node)}: outputKey "${outputKey}" is already written by block "${writer.id}"; give each block its own outputKey`,
        { blockId: node.id },
      );
    } else {
      writerByKey.set(outputKey, node);
    }
  }
}
