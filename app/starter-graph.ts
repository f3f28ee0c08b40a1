import type { WorkflowGraph } from '@/engine/types';

/** Builds the graph of a new workflow: an input block connected to an output block. */
export function starterGraph(): WorkflowGraph {
  return {
    nodes: [
      { id: 'input', type: 'input', name: 'Input', position: { x: 0, y: 0 }, config: {} },
      {
        id: 'output',
        type: 'output',
        name: 'Output',
        position: { x: 0, y: 160 },
        config: { value: 'input' },
      },
    ],
    edges: [{ id: 'e-input-output', source: 'input', target: 'output' }],
  };
}
