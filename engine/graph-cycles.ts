/**
 * Cycle detection for validation: the strongly connected components of a scope's blocks and one
 * cycle through each, so the message can name the blocks along it.
 */

import { successorsInScope } from './graph';
import type { GraphEdge, GraphNode } from './types';

/**
 * Finds the cycles among the blocks of one scope, one per strongly connected component of more
 * than one block. Each cycle lists the block ids along it, with the first repeated at the end.
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
    const work: Array<{ id: string; next: number; targets?: string[] }> = [{ id: root, next: 0 }];

    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next === 0 && !indexOf.has(frame.id)) {
        indexOf.set(frame.id, indexOf.size);
        lowLink.set(frame.id, indexOf.get(frame.id)!);
        stack.push(frame.id);
        onStack.add(frame.id);
      }

      frame.targets ??= successors(frame.id);
      const targets = frame.targets;
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
 * Finds a cycle through the first block of a strongly connected component, searching depth
 * first inside the component from that block until an edge leads back to it.
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
