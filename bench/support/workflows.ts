/** Workflow graphs the figures run, built from the graph contract in engine/types.ts. */

import type { GraphEdge, GraphNode, WorkflowGraph } from '../../engine/types';

function edge(source: string, target: string): GraphEdge {
  return { id: `${source}->${target}`, source, target };
}

function chainEdges(nodes: GraphNode[]): GraphEdge[] {
  return nodes.slice(1).map((node, index) => edge(nodes[index]!.id, node.id));
}

/**
 * `length` js blocks in a chain, each returning the previous block's value plus one, the first
 * reading `input.payload`; an output block names the last value. With `{ payload: 0 }` as
 * input the run's output is `length`.
 */
export function jsChainGraph(length: number): WorkflowGraph {
  const nodes: GraphNode[] = [];

  for (let index = 0; index < length; index++) {
    const previous = index === 0 ? 'input.payload' : `vars.b${index - 1}`;
    nodes.push({
      id: `b${index}`,
      type: 'js',
      config: { code: `return ${previous} + 1;`, outputKey: `b${index}` },
    });
  }
  nodes.push({ id: 'result', type: 'output', config: { value: `vars.b${length - 1}` } });

  return { nodes, edges: chainEdges(nodes) };
}

/**
 * A loop over `iterations` items whose body is one js block that does nothing (`return null`),
 * then an output block.
 */
export function idleLoopGraph(iterations: number): WorkflowGraph {
  const nodes: GraphNode[] = [
    {
      id: 'loop',
      type: 'loop',
      config: { items: `Array.from({ length: ${iterations} }, (_, i) => i)`, as: 'item' },
    },
    {
      id: 'idle',
      type: 'js',
      parentId: 'loop',
      config: { code: 'return null;', outputKey: 'idle' },
    },
    { id: 'result', type: 'output', config: { value: '1' } },
  ];

  return { nodes, edges: [edge('loop', 'result')] };
}

/** Payload of the js-block figures: a small order with a few lines, about 300 bytes of JSON. */
export const SMALL_ORDER = {
  id: 'ORD-10248',
  customer: { id: 'VINET', name: 'Vins et alcools Chevalier', country: 'France' },
  lines: [
    { product: 'Queso Cabrales', quantity: 12, unitPrice: 14 },
    { product: 'Singaporean Hokkien Fried Mee', quantity: 10, unitPrice: 9.8 },
    { product: 'Mozzarella di Giovanni', quantity: 5, unitPrice: 34.8 },
  ],
  freight: 32.38,
};

/**
 * js code that summarises the small order read from `source` (`input` or `vars.order`) into a
 * small object.
 */
export function orderSummaryCode(source: string): string {
  return [
    `const order = ${source};`,
    'let total = 0;',
    'for (const line of order.lines) total += line.quantity * line.unitPrice;',
    'return { id: order.id, customer: order.customer.id, total: total + order.freight, lines: order.lines.length };',
  ].join('\n');
}

/** `count` js blocks in a chain, each summarising the run input, then an output block. */
export function manyJsBlocksGraph(count: number): WorkflowGraph {
  const nodes: GraphNode[] = [];

  for (let index = 0; index < count; index++) {
    nodes.push({
      id: `js${index}`,
      type: 'js',
      config: { code: orderSummaryCode('input'), outputKey: `summary${index}` },
    });
  }
  nodes.push({ id: 'result', type: 'output', config: { value: `vars.summary${count - 1}.total` } });

  return { nodes, edges: chainEdges(nodes) };
}
