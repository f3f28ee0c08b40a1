/**
 * Structural validation of a graph: its shape and size, block and edge ids, block types, loop
 * nesting, edges and cycles. Config of each block is checked in validate-config.ts.
 */

import { blockLabel, describeType } from './block-labels';
import { scopeOf, TOP_LEVEL_SCOPE } from './graph';
import { findCycles } from './graph-cycles';
import { BLOCK_TYPES, type GraphEdge, type GraphNode } from './types';
import type { ProblemList } from './validation-problems';

export const MAX_GRAPH_NODES = 5000;
export const MAX_GRAPH_JSON_BYTES = 2 * 1024 * 1024;
export const MAX_ID_LENGTH = 200;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export interface StructurallyValidGraph {
  /** Blocks with a valid, unique id, a known type and an object config. */
  nodes: GraphNode[];
  /** Edges with a valid, unique id between two of those blocks. */
  edges: GraphEdge[];
}

/** Checks the shape and size; returns the node and edge arrays, or null when they are unusable. */
export function checkGraphShape(
  graph: unknown,
  problems: ProblemList,
): { nodes: unknown[]; edges: unknown[] } | null {
  if (typeof graph !== 'object' || graph === null || Array.isArray(graph)) {
    problems.add(
      'graph_invalid',
      `The workflow graph must be an object with "nodes" and "edges" arrays, got ${describeType(graph)}`,
    );
    return null;
  }

  const { nodes, edges = [] } = graph as { nodes?: unknown; edges?: unknown };
  if (!Array.isArray(nodes)) {
    problems.add(
      'graph_invalid',
      `The workflow graph's "nodes" must be an array, got ${describeType(nodes)}`,
    );
  }
  if (!Array.isArray(edges)) {
    problems.add(
      'graph_invalid',
      `The workflow graph's "edges" must be an array, got ${describeType(edges)}`,
    );
  }
  if (!Array.isArray(nodes) || !Array.isArray(edges)) return null;

  return checkGraphSize(graph, nodes, problems) ? { nodes, edges } : null;
}

function checkGraphSize(graph: object, nodes: unknown[], problems: ProblemList): boolean {
  if (nodes.length > MAX_GRAPH_NODES) {
    problems.add(
      'graph_too_large',
      `The workflow graph has ${nodes.length} blocks, more than the maximum of ${MAX_GRAPH_NODES}; split it into smaller workflows`,
    );
    return false;
  }

  // A UTF-16 code unit takes at most 3 bytes in UTF-8, so a short text needs no byte count.
  const json = JSON.stringify(graph) ?? '';
  const bytes = json.length * 3 <= MAX_GRAPH_JSON_BYTES ? 0 : Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_GRAPH_JSON_BYTES) {
    problems.add(
      'graph_too_large',
      `The workflow graph is ${bytes} bytes of JSON, more than the maximum of ${MAX_GRAPH_JSON_BYTES}; split it into smaller workflows`,
    );
    return false;
  }
  return true;
}

/** Describes what is wrong with an id; null when it is a non-empty string of at most 200 characters. */
export function describeIdProblem(id: unknown): string | null {
  if (typeof id !== 'string' || id === '')
    return `must be a non-empty string, got ${JSON.stringify(id) ?? 'undefined'}`;
  if (id.length > MAX_ID_LENGTH)
    return `"${id.slice(0, 40)}..." is longer than ${MAX_ID_LENGTH} characters`;
  if (CONTROL_CHARACTER.test(id)) return `${JSON.stringify(id)} contains a control character`;
  return null;
}

/** Checks every node; returns the ones that later checks can rely on. */
export function checkNodes(rawNodes: unknown[], problems: ProblemList): GraphNode[] {
  const valid: GraphNode[] = [];
  const positionById = new Map<string, number>();

  rawNodes.forEach((raw, position) => {
    const node = checkNode(raw, position, problems);
    if (!node) return;

    const firstPosition = positionById.get(node.id);
    if (firstPosition !== undefined) {
      problems.add(
        'id_duplicate',
        `Block "${node.id}": the id is used by nodes ${firstPosition} and ${position}; give each block a unique id`,
        { blockId: node.id },
      );
      return;
    }

    positionById.set(node.id, position);
    if (isKnownBlock(node, problems)) valid.push(node);
  });

  return valid;
}

function checkNode(raw: unknown, position: number, problems: ProblemList): GraphNode | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.add(
      'node_invalid',
      `Node ${position} must be an object with id, type and config, got ${describeType(raw)}`,
    );
    return null;
  }

  const node = raw as GraphNode;
  const idProblem = describeIdProblem(node.id);
  if (idProblem) {
    problems.add('id_invalid', `Node ${position}: the block id ${idProblem}`);
    return null;
  }
  return node;
}

function isKnownBlock(node: GraphNode, problems: ProblemList): boolean {
  if (!(BLOCK_TYPES as readonly unknown[]).includes(node.type)) {
    problems.add(
      'block_type_unknown',
      `Block "${node.id}": unknown block type ${JSON.stringify(node.type) ?? 'undefined'}; use one of ${BLOCK_TYPES.join(', ')}`,
      { blockId: node.id },
    );
    return false;
  }

  const config = node.config as unknown;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    problems.add(
      'config_missing',
      `${blockLabel(node)}: config must be an object, got ${describeType(config)}`,
      {
        blockId: node.id,
      },
    );
    return false;
  }
  return true;
}

/** Checks that every `parentId` names a loop block and that loops do not nest in themselves. */
export function checkParents(nodes: GraphNode[], problems: ProblemList): void {
  const byId = new Map(nodes.map((node) => [node.id, node]));

  for (const node of nodes) {
    if (node.parentId === undefined) continue;

    const parent = byId.get(node.parentId);
    if (parent?.type !== 'loop') {
      problems.add(
        'parent_invalid',
        `${blockLabel(node)}: parentId ${JSON.stringify(node.parentId)} is not a loop block of this graph; only loop blocks contain other blocks`,
        { blockId: node.id },
      );
    } else if (node.type === 'loop' && nestsInItself(node, byId)) {
      problems.add(
        'parent_invalid',
        `${blockLabel(node)}: the loop is nested in itself through parentId`,
        {
          blockId: node.id,
        },
      );
    }
  }
}

function nestsInItself(loop: GraphNode, byId: ReadonlyMap<string, GraphNode>): boolean {
  const seen = new Set<string>();
  for (
    let current = byId.get(loop.parentId ?? '');
    current;
    current = byId.get(current.parentId ?? '')
  ) {
    if (current.id === loop.id) return true;
    if (seen.has(current.id)) return false;
    seen.add(current.id);
  }
  return false;
}

/** Describes a scope for messages: the top level or a loop's body. */
export function describeScope(scope: string): string {
  return scope === TOP_LEVEL_SCOPE ? 'the top level' : `the body of loop "${scope}"`;
}

/** Checks the cycles of every scope; each message names the blocks along the cycle. */
export function checkCycles(nodes: GraphNode[], edges: GraphEdge[], problems: ProblemList): void {
  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of edges) appendTo(outgoing, edge.source, edge);

  const scopes = new Map<string, GraphNode[]>();
  for (const node of nodes) appendTo(scopes, scopeOf(node), node);

  for (const [scope, scopeNodes] of scopes) {
    for (const cycle of findCycles(scopeNodes, outgoing)) {
      const path = cycle.map((id) => `"${id}"`).join(' → ');
      problems.add(
        'cycle',
        `Blocks ${path} form a cycle in ${describeScope(scope)}; blocks can only run in an acyclic order, so remove one of these edges (use a loop block to repeat blocks)`,
        { blockId: cycle[0] },
      );
    }
  }
}

function appendTo<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, [item]);
  else group.push(item);
}
