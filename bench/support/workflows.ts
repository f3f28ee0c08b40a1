/** Workflow graphs the figures run, built from the graph contract in engine/types.ts. */

import type { GraphEdge, GraphNode, WorkflowGraph } from '../../engine/types';

function edge(source: string, target: string): GraphEdge {
  return { id: `${source}->${target}`, source, target };
}

function chainEdges(nodes: GraphNode[]): GraphEdge[] {
  return nodes.slice(1).map((node, index) => edge(nodes[index]!.id, node.id));
}

/**
 * Builds `length` js blocks in a chain, each returning the previous block's value plus one. The
 * first returns `first` plus one (`input.payload` by default), and an output block names the
 * last value, so with `{ payload: 0 }` as input the run's output is `length`. Blocks sit on a
 * grid of `columns` columns, for the canvas.
 */
export function jsChainGraph(length: number, first = 'input.payload', columns = 20): WorkflowGraph {
  const nodes: GraphNode[] = [];
  const position = (index: number) => ({
    x: (index % columns) * 260,
    y: Math.floor(index / columns) * 140,
  });

  for (let index = 0; index < length; index++) {
    const previous = index === 0 ? first : `vars.b${index - 1}`;
    nodes.push({
      id: `b${index}`,
      type: 'js',
      position: position(index),
      config: { code: `return ${previous} + 1;`, outputKey: `b${index}` },
    });
  }
  nodes.push({
    id: 'result',
    type: 'output',
    position: position(length),
    config: { value: `vars.b${length - 1}` },
  });

  return { nodes, edges: chainEdges(nodes) };
}

/**
 * Builds a loop over `iterations` items whose body is one js block that does nothing
 * (`return null`), then an output block.
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

/**
 * Builds a workflow like the demo ones: it reads a customer's orders from `orders_<rowCount>`,
 * sums them in a js block, branches on the total and names the result. Input: `{ customerId }`.
 */
export function customerOrdersGraph(rowCount: number): WorkflowGraph {
  const nodes: GraphNode[] = [
    {
      id: 'orders',
      type: 'query',
      config: {
        table: `orders_${rowCount}`,
        filters: [{ column: 'customerId', op: 'eq', value: 'input.customerId' }],
        sort: [{ column: 'amount', direction: 'desc' }],
        limit: 50,
        outputKey: 'orders',
      },
    },
    {
      id: 'total',
      type: 'js',
      config: {
        code: 'return vars.orders.reduce((sum, order) => sum + order.amount, 0);',
        outputKey: 'total',
      },
    },
    { id: 'large', type: 'branch', config: { condition: 'vars.total > 1000' } },
    { id: 'flag', type: 'output', config: { value: '({ total: vars.total, large: true })' } },
    { id: 'plain', type: 'output', config: { value: '({ total: vars.total, large: false })' } },
  ];
  const edges: GraphEdge[] = [
    edge('orders', 'total'),
    edge('total', 'large'),
    { ...edge('large', 'flag'), label: 'true' },
    { ...edge('large', 'plain'), label: 'false' },
  ];

  return { nodes, edges };
}
