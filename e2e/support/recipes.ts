/**
 * Workflows and data that several specs build through the UI, so that each spec asserts its own
 * feature on the same, known graph.
 */

import type { TablesPage } from './tables-page';
import type { Workbench } from './workbench';

/** Orders of two customers; ALFKI's freight adds up to 110.75, BONAP's to 5. */
export const ORDERS_CSV = {
  name: 'orders.csv',
  text: 'orderId,customerId,freight\n1,ALFKI,40.5\n2,ALFKI,70.25\n3,BONAP,5\n',
};

/** The table the review workflow writes to, with one row so that its column types are known. */
export const REVIEWS_CSV = {
  name: 'reviews.csv',
  text: 'customerId,total,note\nSEED,0,seed row\n',
};

export const ALFKI_FREIGHT_TOTAL = 110.75;

/** Creates the `orders` and `reviews` tables of the test's tenant through the import page. */
export async function importOrderTables(tables: TablesPage): Promise<void> {
  await tables.importCsv('orders', ORDERS_CSV);
  await tables.importCsv('reviews', REVIEWS_CSV);
}

/** Block ids of the order review workflow. */
export interface OrderReviewBlocks {
  input: string;
  orders: string;
  ordersAgain: string;
  total: string;
  check: string;
  review: string;
  note: string;
}

const INPUT_SCHEMA = JSON.stringify({
  type: 'object',
  properties: { customerId: { type: 'string' } },
  required: ['customerId'],
});

/**
 * Builds the order review workflow from an empty canvas: input → fetch the customer's orders →
 * fetch them again (a cache hit) → sum their freight → branch on `vars.total > 100`, which
 * records a review on `true` and writes a note on `false`. Needs `importOrderTables` first.
 */
export async function buildOrderReview(workbench: Workbench): Promise<OrderReviewBlocks> {
  await removeStarterBlocks(workbench);

  const input = await workbench.addBlock('input');
  await workbench.config.setCode('schema', INPUT_SCHEMA);

  const orders = await addOrdersQuery(workbench, 'fetchOrders', 'orders');
  const ordersAgain = await addOrdersQuery(workbench, 'fetchOrdersAgain', 'ordersAgain');
  const total = await addJs(
    workbench,
    'sumFreight',
    'total',
    'return vars.orders.reduce((sum, order) => sum + order.freight, 0);',
  );

  const check = await workbench.addBlock('branch');
  await workbench.config.setName('bigSpender');
  await workbench.config.fill('condition', 'vars.total > 100');

  const review = await addReviewWrite(workbench);
  const note = await addJs(
    workbench,
    'smallSpender',
    'smallNote',
    "return 'no review for ' + input.customerId;",
  );

  const blocks = { input, orders, ordersAgain, total, check, review, note };
  await connectOrderReview(workbench, blocks);
  return blocks;
}

async function removeStarterBlocks(workbench: Workbench): Promise<void> {
  for (const id of await workbench.blockIds()) await workbench.deleteBlock(id);
}

async function addOrdersQuery(workbench: Workbench, name: string, outputKey: string) {
  const id = await workbench.addBlock('query');
  await workbench.config.setName(name);
  await workbench.config.setTable('orders');
  await workbench.config.addFilter({ column: 'customerId', op: 'eq', value: 'input.customerId' });
  await workbench.config.fill('outputKey', outputKey);
  return id;
}

async function addJs(workbench: Workbench, name: string, outputKey: string, code: string) {
  const id = await workbench.addBlock('js');
  await workbench.config.setName(name);
  await workbench.config.setCode('code', code);
  await workbench.config.fill('outputKey', outputKey);
  return id;
}

async function addReviewWrite(workbench: Workbench): Promise<string> {
  const id = await workbench.addBlock('write');
  await workbench.config.setName('recordReview');
  await workbench.config.setTable('reviews');
  await workbench.config.addValue('customerId', 'input.customerId');
  await workbench.config.addValue('total', 'vars.total');
  await workbench.config.addValue('note', "'big spender'");
  await workbench.config.fill('outputKey', 'review');
  return id;
}

async function connectOrderReview(workbench: Workbench, blocks: OrderReviewBlocks) {
  const chain = [blocks.input, blocks.orders, blocks.ordersAgain, blocks.total, blocks.check];

  await workbench.autoLayout();
  for (let i = 1; i < chain.length; i += 1) {
    await workbench.connect(chain[i - 1]!, chain[i]!);
    await workbench.autoLayout();
  }
  await workbench.connect(blocks.check, blocks.review, 'true');
  await workbench.autoLayout();
  await workbench.connect(blocks.check, blocks.note, 'false');
  await workbench.autoLayout();
}
