/**
 * Graph indexing: blocks by id, edges by block, the scopes (the top level and each loop body)
 * and a topological order per scope. Cycles are found by graph-cycles.ts.
 *
 * A block belongs to the scope of its `parentId` (a loop block) or to the top level. Edges
 * connect blocks of one scope; a loop body reads what the outer blocks computed through `vars`.
 */

import type { GraphEdge, GraphNode, WorkflowGraph } from './types';

/** Scope key of the top level; a loop body's scope key is the loop's id. */
export const TOP_LEVEL_SCOPE = '';

export interface IndexedGraph {
  nodes: ReadonlyMap<string, GraphNode>;
  incoming: ReadonlyMap<string, GraphEdge[]>;
  outgoing: ReadonlyMap<string, GraphEdge[]>;
  /** Blocks of each scope in topological order. */
  scopes: ReadonlyMap<string, GraphNode[]>;
}

export function scopeOf(node: GraphNode): string {
  return node.parentId ?? TOP_LEVEL_SCOPE;
}

/** Indexes a graph that passed validation: edges inside scopes, no cycles. */
export function indexGraph(graph: WorkflowGraph): IndexedGraph {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const incoming = groupEdges(graph.edges, 'target');
  const outgoing = groupEdges(graph.edges, 'source');

  const members = new Map<string, GraphNode[]>([[TOP_LEVEL_SCOPE, []]]);
  for (const node of graph.nodes) {
    const scope = scopeOf(node);
    const scopeNodes = members.get(scope);
    if (scopeNodes === undefined) members.set(scope, [node]);
    else scopeNodes.push(node);
  }

  const scopes = new Map<string, GraphNode[]>();
  for (const [scope, scopeNodes] of members) {
    scopes.set(scope, topologicalOrder(scopeNodes, outgoing).order);
  }

  return { nodes, incoming, outgoing, scopes };
}

function groupEdges(edges: GraphEdge[], end: 'source' | 'target'): Map<string, GraphEdge[]> {
  const grouped = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    const group = grouped.get(edge[end]);
    if (group === undefined) grouped.set(edge[end], [edge]);
    else group.push(edge);
  }
  return grouped;
}

/**
 * Kahn's algorithm over the blocks of one scope, ready blocks taken in graph order. Blocks left
 * over sit on or behind a cycle.
 */
export function topologicalOrder(
  scopeNodes: GraphNode[],
  outgoing: ReadonlyMap<string, GraphEdge[]>,
): { order: GraphNode[]; leftOver: GraphNode[] } {
  const inScope = new Map(scopeNodes.map((node) => [node.id, node]));
  const indegree = new Map(scopeNodes.map((node) => [node.id, 0]));

  for (const node of scopeNodes) {
    for (const target of successorsInScope(node.id, outgoing, inScope)) {
      indegree.set(target, indegree.get(target)! + 1);
    }
  }

  const ready = scopeNodes.filter((node) => indegree.get(node.id) === 0);
  const order: GraphNode[] = [];
  for (let next = ready.shift(); next; next = ready.shift()) {
    order.push(next);

    for (const target of successorsInScope(next.id, outgoing, inScope)) {
      indegree.set(target, indegree.get(target)! - 1);
      if (indegree.get(target) === 0) ready.push(inScope.get(target)!);
    }
  }

  const ordered = new Set(order);
  return { order, leftOver: scopeNodes.filter((node) => !ordered.has(node)) };
}

/** Targets of a block's edges that stay in its scope, self edges excluded. */
export function successorsInScope(
  nodeId: string,
  outgoing: ReadonlyMap<string, GraphEdge[]>,
  inScope: ReadonlyMap<string, GraphNode>,
): string[] {
  return (outgoing.get(nodeId) ?? [])
    .map((edge) => edge.target)
    .filter((target) => target !== nodeId && inScope.has(target));
}
