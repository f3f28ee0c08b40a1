/**
 * Validation of edges: ids, both ends present, no self edges, both ends in one scope, and the
 * `true`/`false` labels on the edges leaving a branch block.
 */

import { describeType } from './block-labels';
import { scopeOf } from './graph';
import type { GraphEdge, GraphNode } from './types';
import { describeIdProblem, describeScope } from './validate-structure';
import type { ProblemList } from './validation-problems';

const BRANCH_LABELS = ['true', 'false'];

/** Checks every edge; returns the ones between existing blocks of one scope. */
export function checkEdges(
  rawEdges: unknown[],
  nodes: GraphNode[],
  problems: ProblemList,
): GraphEdge[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const seenIds = new Set<string>();
  const valid: GraphEdge[] = [];

  rawEdges.forEach((raw, position) => {
    const edge = checkEdgeShape(raw, position, problems);
    if (!edge) return;

    if (seenIds.has(edge.id)) {
      problems.add(
        'id_duplicate',
        `Edge "${edge.id}" from block "${String(edge.source)}": the edge id is used more than once; give each edge a unique id`,
        {
          edgeId: edge.id,
        },
      );
      return;
    }
    seenIds.add(edge.id);

    if (checkEdgeEnds(edge, byId, problems)) valid.push(edge);
  });

  return valid;
}

function checkEdgeShape(raw: unknown, position: number, problems: ProblemList): GraphEdge | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.add(
      'edge_invalid',
      `Edge ${position} must be an object with id, source and target, got ${describeType(raw)}`,
    );
    return null;
  }

  const edge = raw as GraphEdge;
  const idProblem = describeIdProblem(edge.id);
  if (idProblem) {
    problems.add(
      'id_invalid',
      `Edge ${position} from block ${JSON.stringify(edge.source) ?? 'undefined'}: the edge id ${idProblem}`,
    );
    return null;
  }
  return edge;
}

function checkEdgeEnds(
  edge: GraphEdge,
  byId: ReadonlyMap<string, GraphNode>,
  problems: ProblemList,
): boolean {
  const source = byId.get(edge.source);
  const target = byId.get(edge.target);
  const ids = { edgeId: edge.id, blockId: source?.id ?? target?.id };

  if (!source || !target) {
    const missing = !source ? ['source', edge.source] : ['target', edge.target];
    const present = source
      ? ` from block "${source.id}"`
      : target
        ? ` to block "${target.id}"`
        : '';
    problems.add(
      'edge_missing_block',
      `Edge "${edge.id}"${present}: ${missing[0]} block ${JSON.stringify(missing[1]) ?? 'undefined'} does not exist`,
      ids,
    );
    return false;
  }

  if (source.id === target.id) {
    problems.add(
      'edge_self',
      `Edge "${edge.id}": block "${source.id}" is connected to itself; remove the edge`,
      ids,
    );
    return false;
  }

  if (scopeOf(source) !== scopeOf(target)) {
    problems.add(
      'edge_crosses_scope',
      `Edge "${edge.id}" connects block "${source.id}" in ${describeScope(scopeOf(source))} to block "${target.id}" in ${describeScope(scopeOf(target))}; edges connect blocks of the same scope, and loop bodies read outer results through vars`,
      ids,
    );
    return false;
  }

  checkBranchLabel(edge, source, problems);
  return true;
}

function checkBranchLabel(edge: GraphEdge, source: GraphNode, problems: ProblemList): void {
  if (source.type !== 'branch' || BRANCH_LABELS.includes(edge.label ?? '')) return;

  const got = edge.label === undefined ? 'none' : JSON.stringify(edge.label);
  problems.add(
    'edge_label_missing',
    `Edge "${edge.id}" from branch block "${source.id}" needs the label "true" or "false", got ${got}`,
    { edgeId: edge.id, blockId: source.id },
  );
}
