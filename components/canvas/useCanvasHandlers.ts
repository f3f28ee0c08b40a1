'use client';

import {
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
  type OnNodeDrag,
} from '@xyflow/react';
import { useMemo } from 'react';

import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';

import { dropParentFor, relativeTo } from './drop-target';
import type { FlowEdge, FlowNode } from './flow-types';
import {
  connect,
  connectionProblem,
  moveBlocks,
  removeElements,
  reparentBlock,
} from './graph-edits';

/**
 * Returns the React Flow callbacks of the canvas. Drags, measurements and selection only touch
 * the canvas nodes. Deletes, connections and the end of a drag become graph edits with undo.
 */
export function useCanvasHandlers() {
  const store = useDebuggerStore();
  const { getInternalNode } = useReactFlow<FlowNode, FlowEdge>();

  return useMemo(() => {
    const onNodesChange = (changes: NodeChange<FlowNode>[]) => {
      const kept = changes.filter((change) => change.type !== 'remove');
      if (kept.length === 0) return;

      const state = store.getState();
      const nodes = applyNodeChanges(kept, state.nodes);
      store.setFlow(nodes, state.edges);

      if (kept.some((change) => change.type === 'select')) {
        const selected = nodes.find((node) => node.selected);
        store.selectBlock(selected?.id ?? null, { fromCanvas: true });
      }
    };

    const onEdgesChange = (changes: EdgeChange<FlowEdge>[]) => {
      const kept = changes.filter((change) => change.type !== 'remove');
      if (kept.length === 0) return;

      const state = store.getState();
      store.setFlow(state.nodes, applyEdgeChanges(kept, state.edges));
    };

    const onDelete: OnDelete<FlowNode, FlowEdge> = ({ nodes, edges }) => {
      const { graph } = store.getState();
      const nodeIds = nodes.map((node) => node.id);
      store.commitGraph(
        removeElements(
          graph,
          nodeIds,
          edges.map((edge) => edge.id),
        ),
      );
    };

    const onConnect = (connection: Connection) => {
      store.commitGraph(connect(store.getState().graph, connection));
    };

    const isValidConnection = (connection: Connection | Edge) =>
      connectionProblem(store.getState().graph, connection) === null;

    const onNodeDragStop: OnNodeDrag<FlowNode> = (_event, _node, dragged) => {
      const state = store.getState();
      const draggedIds = new Set(dragged.map((node) => node.id));
      const positions = new Map(
        state.nodes
          .filter((node) => draggedIds.has(node.id))
          .map((node) => [
            node.id,
            { x: Math.round(node.position.x), y: Math.round(node.position.y) },
          ]),
      );
      let graph = moveBlocks(state.graph, positions);

      if (dragged.length === 1) graph = reparentDropped(graph, dragged[0]!.id);
      store.commitGraph(graph);
    };

    const reparentDropped = (graph: ReturnType<typeof store.getState>['graph'], id: string) => {
      const internal = getInternalNode(id);
      const current = graph.nodes.find((node) => node.id === id);
      if (!internal || !current) return graph;

      const absolute = internal.internals.positionAbsolute;
      const parentId = dropParentFor(graph, id, absolute, getInternalNode);
      if (parentId === current.parentId) return graph;

      return reparentBlock(graph, id, parentId, relativeTo(parentId, absolute, getInternalNode));
    };

    return { onNodesChange, onEdgesChange, onDelete, onConnect, isValidConnection, onNodeDragStop };
  }, [store, getInternalNode]);
}
