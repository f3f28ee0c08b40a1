import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';

import { expect, test } from './fixtures';

const NORTHWIND_DIR = path.resolve(process.cwd(), '../shared/data/northwind');
const CUSTOMERS_CSV = path.join(NORTHWIND_DIR, 'customers.csv');
const ORDERS_CSV = path.join(NORTHWIND_DIR, 'orders.csv');
const CUSTOMER_ID = 'SAVEA';

const SUM_CODE = [
  'const freight = vars.orders.reduce((sum, order) => sum + order.freight, 0);',
  'return {',
  '  company: vars.customer.companyName,',
  '  orderCount: vars.orders.length,',
  '  freight: Math.round(freight * 100) / 100,',
  '};',
].join('\n');

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });
}

/** What the workflow must find, computed from the CSV files themselves. */
function expectedFreight(customerId: string) {
  const customer = readCsv(CUSTOMERS_CSV).find((row) => row.customerID === customerId);
  const orders = readCsv(ORDERS_CSV).filter((row) => row.customerID === customerId);
  const freight = orders.reduce((sum, order) => sum + Number(order.freight), 0);

  return {
    company: customer?.companyName,
    orderCount: orders.length,
    freight: Math.round(freight * 100) / 100,
  };
}

test.describe('real data', () => {
  test.skip(
    !existsSync(CUSTOMERS_CSV) || !existsSync(ORDERS_CSV),
    `Northwind CSV files not found in ${NORTHWIND_DIR}`,
  );

  test('freight sum matches the CSV', async ({ tables, newWorkflow }) => {
    const expected = expectedFreight(CUSTOMER_ID);
    expect(expected.orderCount).toBeGreaterThan(0);

    expect(await tables.importCsv('customers', { path: CUSTOMERS_CSV })).toBe(
      readCsv(CUSTOMERS_CSV).length,
    );
    expect(await tables.importCsv('orders', { path: ORDERS_CSV })).toBe(readCsv(ORDERS_CSV).length);

    const workbench = await newWorkflow('northwind');
    await workbench.deleteBlock('output');
    const customer = await workbench.addBlock('query');
    await workbench.config.setName('findCustomer');
    await workbench.config.setTable('customers');
    await workbench.config.addFilter({ column: 'customerID', op: 'eq', value: 'input.customerId' });
    await workbench.config.field('single').check();
    await workbench.config.fill('outputKey', 'customer');
    const orders = await workbench.addBlock('query');
    await workbench.config.setName('customerOrders');
    await workbench.config.setTable('orders');
    await workbench.config.addFilter({
      column: 'customerID',
      op: 'eq',
      value: 'vars.customer.customerID',
    });
    await workbench.config.fill('outputKey', 'orders');
    const sum = await workbench.addBlock('js');
    await workbench.config.setName('sumFreight');
    await workbench.config.setCode('code', SUM_CODE);
    await workbench.config.fill('outputKey', 'summary');
    await workbench.autoLayout();
    await workbench.connect('input', customer);
    await workbench.autoLayout();
    await workbench.connect(customer, orders);
    await workbench.autoLayout();
    await workbench.connect(orders, sum);
    await workbench.run.setInput({ customerId: CUSTOMER_ID });

    const outcome = await workbench.run.preview();

    expect(outcome.status).toBe('success');
    await workbench.run.barsOf(sum).click();
    const output = workbench.run.output;
    await expect(output).toContainText(`company: ${JSON.stringify(expected.company)}`);
    await expect(output).toContainText(`orderCount: ${expected.orderCount}`);
    await expect(output).toContainText(`freight: ${expected.freight}`);
    await expect(workbench.run.metric('queries')).toHaveText('2');
  });
});
