/**
 * The demo workflows seeded with the demo tenant. They run on its `customers`, `orders` and
 * `products` tables (see dataset.ts) and, run in preview, together show every badge of the
 * canvas: a cache hit, an idempotency skip in a loop, a branch not taken, a condition false, a
 * staged write, `js` blocks and an HTTP request that is recorded but not sent.
 */

import type { GraphEdge, GraphNode, WorkflowGraph } from '../../engine/types';
import type { DemoWorkflow } from './seed';

/** Vertical distance between blocks that follow each other, in canvas pixels. */
const ROW = 140;

/** Horizontal offset of the two sides of a branch. */
const SIDE = 150;

function at(column: number, row: number): { x: number; y: number } {
  return { x: column * SIDE, y: row * ROW };
}

function connect(source: string, target: string, label?: 'true' | 'false'): GraphEdge {
  return { id: `e-${source}-${target}`, source, target, ...(label ? { label } : {}) };
}

function sequence(...ids: string[]): GraphEdge[] {
  return ids.slice(1).map((id, index) => connect(ids[index]!, id));
}

const customerReview: WorkflowGraph = {
  nodes: [
    {
      id: 'input',
      type: 'input',
      name: 'Customer id',
      position: at(0, 0),
      config: {
        schema: {
          type: 'object',
          required: ['customerId'],
          properties: { customerId: { type: 'string' } },
          // A customer who is not yet VIP and spent over 1,500, so a preview stages the update.
          examples: [{ customerId: 'C009' }],
        },
      },
    },
    {
      id: 'customer',
      type: 'query',
      name: 'Load customer',
      position: at(0, 1),
      config: {
        table: 'customers',
        filters: [{ column: 'customerId', op: 'eq', value: 'input.customerId' }],
        single: true,
        outputKey: 'customer',
      },
    },
    {
      id: 'orders',
      type: 'query',
      name: 'Orders of the customer',
      position: at(0, 2),
      config: {
        table: 'orders',
        filters: [
          { column: 'customerId', op: 'eq', value: 'input.customerId' },
          { column: 'status', op: 'neq', value: '"cancelled"' },
        ],
        sort: [{ column: 'orderDate', direction: 'desc' }],
        outputKey: 'orders',
      },
    },
    {
      id: 'summary',
      type: 'js',
      name: 'Sum the orders',
      position: at(0, 3),
      config: {
        code: [
          'const spent = vars.orders.reduce((sum, order) => sum + order.total, 0);',
          'console.log(`${vars.orders.length} orders for ${vars.customer.name}`);',
          'return {',
          '  count: vars.orders.length,',
          '  spent: Math.round(spent * 100) / 100,',
          '  lastOrder: vars.orders[0]?.orderDate ?? null,',
          '};',
        ].join('\n'),
        outputKey: 'summary',
      },
    },
    {
      id: 'bigSpender',
      type: 'branch',
      name: 'Spent over 1,500?',
      position: at(0, 4),
      config: { condition: 'vars.summary.spent > 1500' },
    },
    {
      id: 'promote',
      type: 'write',
      name: 'Mark as VIP',
      position: at(-1, 5),
      config: {
        table: 'customers',
        operation: 'update',
        rowId: 'vars.customer._id',
        values: { vip: 'true' },
        outputKey: 'promoted',
        condition: '!vars.customer.vip',
      },
    },
    {
      id: 'note',
      type: 'js',
      name: 'Write a note',
      position: at(1, 5),
      config: {
        code: 'return `${vars.customer.name} spent ${vars.summary.spent} in ${vars.summary.count} orders`;',
        outputKey: 'note',
      },
    },
    {
      id: 'output',
      type: 'output',
      name: 'Review',
      position: at(0, 6),
      config: {
        value:
          '({ customer: vars.customer.name, ...vars.summary, promoted: Boolean(vars.promoted), note: vars.note ?? null })',
      },
    },
  ],
  edges: [
    ...sequence('input', 'customer', 'orders', 'summary', 'bigSpender'),
    connect('bigSpender', 'promote', 'true'),
    connect('bigSpender', 'note', 'false'),
    connect('promote', 'output'),
    connect('note', 'output'),
  ],
};

/** Loop body positions are relative to the loop frame, below its title bar. */
const restockBody: GraphNode[] = [
  {
    id: 'restock',
    type: 'write',
    name: 'Add 100 to stock',
    parentId: 'eachProduct',
    position: { x: 24, y: 44 },
    config: {
      table: 'products',
      operation: 'update',
      rowId: 'product._id',
      values: { stock: 'product.stock + 100' },
      outputKey: 'restockedRow',
    },
  },
];

const restock: WorkflowGraph = {
  nodes: [
    {
      id: 'lowStock',
      type: 'query',
      name: 'Products running low',
      position: at(0, 0),
      config: {
        table: 'products',
        filters: [
          { column: 'stock', op: 'lt', value: '40' },
          { column: 'discontinued', op: 'eq', value: 'false' },
        ],
        sort: [{ column: 'stock', direction: 'asc' }],
        outputKey: 'lowStock',
      },
    },
    {
      id: 'eachProduct',
      type: 'loop',
      name: 'For each product',
      position: at(0, 1),
      config: { items: 'vars.lowStock', as: 'product', outputKey: 'restocked' },
    },
    ...restockBody,
    {
      id: 'notify',
      type: 'http',
      name: 'Tell the warehouse',
      position: { x: 0, y: ROW + 240 },
      config: {
        method: 'POST',
        url: '"http://127.0.0.1:9/restock"',
        headers: { 'x-source': '"flowscope-demo"' },
        body: '({ products: vars.lowStock.map((product) => product.name) })',
        outputKey: 'notified',
      },
    },
    {
      id: 'output',
      type: 'output',
      name: 'Restocked',
      position: { x: 0, y: ROW + 380 },
      config: { value: '({ lowStock: vars.lowStock.length, restocked: vars.restocked })' },
    },
  ],
  edges: sequence('lowStock', 'eachProduct', 'notify', 'output'),
};

const salesByCountry: WorkflowGraph = {
  nodes: [
    {
      id: 'delivered',
      type: 'query',
      name: 'Delivered orders',
      position: at(0, 0),
      config: {
        table: 'orders',
        filters: [{ column: 'status', op: 'eq', value: '"delivered"' }],
        limit: 1000,
        outputKey: 'delivered',
      },
    },
    {
      id: 'byCountry',
      type: 'js',
      name: 'Total by country',
      position: at(0, 1),
      config: {
        code: [
          'const totals = {};',
          'for (const order of vars.delivered) {',
          '  totals[order.shipCountry] = (totals[order.shipCountry] ?? 0) + order.total;',
          '}',
          'return Object.entries(totals)',
          '  .map(([country, total]) => ({ country, total: Math.round(total * 100) / 100 }))',
          '  .sort((a, b) => b.total - a.total);',
        ].join('\n'),
        outputKey: 'byCountry',
      },
    },
    {
      id: 'deliveredAgain',
      type: 'query',
      name: 'Delivered orders (again)',
      position: at(0, 2),
      config: {
        table: 'orders',
        filters: [{ column: 'status', op: 'eq', value: '"delivered"' }],
        limit: 1000,
        outputKey: 'deliveredCheck',
      },
    },
    {
      id: 'check',
      type: 'js',
      name: 'Check the totals',
      position: at(0, 3),
      config: {
        code: [
          'const sum = vars.byCountry.reduce((total, row) => total + row.total, 0);',
          'const expected = vars.deliveredCheck.reduce((total, order) => total + order.total, 0);',
          'return { countries: vars.byCountry.length, balanced: Math.abs(sum - expected) < 0.05 };',
        ].join('\n'),
        outputKey: 'check',
      },
    },
    {
      id: 'output',
      type: 'output',
      name: 'Report',
      position: at(0, 4),
      config: { value: '({ top: vars.byCountry.slice(0, 3), ...vars.check })' },
    },
  ],
  edges: sequence('delivered', 'byCountry', 'deliveredAgain', 'check', 'output'),
};

export const DEMO_WORKFLOWS: DemoWorkflow[] = [
  {
    name: 'Customer order review',
    description:
      'Loads a customer and their orders, sums what they spent and, above 1,500, marks them as VIP. Run it in preview with {"customerId": "C001"}: the write is staged, one side of the branch is skipped, and customers who are VIP already skip the write on its condition.',
    graph: customerReview,
  },
  {
    name: 'Restock low inventory',
    description:
      'Adds 100 to the stock of every product running low, then tells the warehouse over HTTP. The write in the loop has no idempotency key, so the guard lets only the first product through and skips the rest: set idempotencyKey to product._id to restock each one. In preview the HTTP request is recorded, not sent.',
    graph: restock,
  },
  {
    name: 'Sales by country',
    description:
      'Totals delivered orders by shipping country, then reads the same orders again to check the sum. The second query is identical to the first, so the run answers it from its query cache.',
    graph: salesByCountry,
  },
];
