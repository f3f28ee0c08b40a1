'use client';

import { Controls, MarkerType, MiniMap, ReactFlow, type DefaultEdgeOptions } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';

import type { DebuggerState } from '@/components/debugger/debugger-state';
import { useDebuggerSelector } from '@/components/debugger/useDebuggerSelector';
import { useRunCanvas } from '@/components/debugger/useRunCanvas';
import type { BlockType } from '@/engine/types';

import { BLOCK_META } from './block-meta';
import { CanvasBackground } from './CanvasBackground';
import { styleEdges } from './edge-style';
import type { FlowEdge, FlowNode } from './flow-types';
import { nodeTypes } from './node-types';
import { BLOCK_DRAG_TYPE } from './Palette';
import { useAddBlock } from './useAddBlock';
import { useCanvasHandlers } from './useCanvasHandlers';
import './canvas.css';

const selectNodes = (state: DebuggerState) => state.nodes;
const selectEdges = (state: DebuggerState) => state.edges;
const selectReadOnly = (state: DebuggerState) => state.readOnly;

const DELETE_KEYS = ['Delete', 'Backspace'];
const edgeOptions: DefaultEdgeOptions = {
  type: 'smoothstep',
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
};
const MINIMAP_SIZE = { width: 150, height: 96 };
// Option objects are module constants, because React Flow copies a changed one into its store, and
// every store update re-runs the selectors of all nodes and edges.
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1 };
const PRO_OPTIONS = { hideAttribution: true };
const minimapColor = (node: FlowNode) => BLOCK_META[node.data.blockType].color;

/** Renders the workflow canvas: blocks, edges, minimap and controls, editable unless read-only. */
export function FlowCanvas() {
  const nodes = useDebuggerSelector(selectNodes);
  const edges = useDebuggerSelector(selectEdges);
  const readOnly = useDebuggerSelector(selectReadOnly);
  const runCanvas = useRunCanvas();
  const styledEdges = useMemo(() => styleEdges(edges, runCanvas), [edges, runCanvas]);
  const handlers = useCanvasHandlers();
  const addBlock = useAddBlock();

  const onDragOver = (event: React.DragEvent) => {
    if (!event.dataTransfer.types.includes(BLOCK_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };

  const onDrop = (event: React.DragEvent) => {
    const type = event.dataTransfer.getData(BLOCK_DRAG_TYPE) as BlockType;
    if (!type || !(type in BLOCK_META)) return;
    event.preventDefault();
    addBlock(type, { clientX: event.clientX, clientY: event.clientY });
  };

  return (
    <div className="flow-canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={styledEdges}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={edgeOptions}
        {...handlers}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesFocusable={!readOnly}
        // Raising the selected node reorders the canvas's paint, so every selection repainted
        // and rasterized most of the canvas again. canvas.css raises the node being dragged.
        elevateNodesOnSelect={false}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        maxZoom={2}
        proOptions={PRO_OPTIONS}
      >
        <CanvasBackground />
        <MiniMap<FlowNode>
          pannable
          zoomable
          nodeColor={minimapColor}
          ariaLabel="Minimap"
          style={MINIMAP_SIZE}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
