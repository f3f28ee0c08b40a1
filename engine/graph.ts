/**
 * Graph indexing: blocks by id, edges by block, the scopes (the top level and each loop body),
 * a topological order per scope, and the cycles that prevent one.
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
    members.set(scope, [...(members.get(scope) ?? []), node]);
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
    grouped.set(edge[end], [...(grouped.get(edge[end]) ?? []), edge]);
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

function successorsInScope(
  nodeId: string,
  outgoing: ReadonlyMap<string, GraphEdge[]>,
  inScope: ReadonlyMap<string, GraphNode>,
): string[] {
  return (outgoing.get(nodeId) ?? [])
    .map((edge) => edge.target)
    .filter((target) => target !== nodeId && inScope.has(target));
}

/**
 * The cycles among the blocks of one scope, one per strongly connected component of more than
 * one block, each as the block ids along it with the first repeated at the end.
 */
export function findCycles(
  scopeNodes: GraphNode[],
  outgoing: ReadonlyMap<string, GraphEdge[]>,
): string[][] {
  const inScope = new Map(scopeNodes.map((node) => [node.id, node]));
  const successors = (id: string) => successorsInScope(id, outgoing, inScope);

  return stronglyConnectedComponents(
    scopeNodes.map((node) => node.id),
    successors,
  )
    .filter((component) => component.length > 1)
    .map((component) => cycleThrough(component, successors));
}

/** Tarjan's algorithm, iterative so that long chains do not overflow the call stack. */
function stronglyConnectedComponents(
  ids: string[],
  successors: (id: string) => string[],
): string[][] {
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];

  for (const root of ids) {
    if (indexOf.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];

    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next === 0 && !indexOf.has(frame.id)) {
        indexOf.set(frame.id, indexOf.size);
        lowLink.set(frame.id, indexOf.get(frame.id)!);
        stack.push(frame.id);
        onStack.add(frame.id);
      }

      const targets = successors(frame.id);
      if (frame.next < targets.length) {
        const target = targets[frame.next]!;
        frame.next += 1;
        if (!indexOf.has(target)) work.push({ id: target, next: 0 });
        else if (onStack.has(target)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, indexOf.get(target)!));
        }
        continue;
      }

      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        lowLink.set(parent.id, Math.min(lowLink.get(parent.id)!, lowLink.get(frame.id)!));
      }
      if (lowLink.get(frame.id) === indexOf.get(frame.id)) {
        components.push(popComponent(stack, onStack, frame.id));
      }
    }
  }

  return components;
}

function popComponent(stack: string[], onStack: Set<string>, rootId: string): string[] {
  const component: string[] = [];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    onStack.delete(id);
    component.push(id);
    if (id === rootId) break;
  }
  return component.reverse();
}

/**
 * A cycle through the first block of a strongly connected component: a depth-first search
 * inside the component from that block until an edge leads back to it.
 */
function cycleThrough(component: string[], successors: (id: string) => string[]): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const visited = new Set([start]);
  const path = [start];
  const pending = [successors(start).filter((id) => members.has(id))];

  while (pending.length > 0) {
    const candidates = pending[pending.length - 1]!;
    const next = candidates.shift();

    if (next === undefined) {
      pending.pop();
      path.pop();
    } else if (next === start) {
      return [...path, start];
    } else if (!visited.has(next)) {
      visited.add(next);
      path.push(next);
      pending.push(successors(next).filter((id) => members.has(id)));
    }
  }

  return [...component, start];
}
