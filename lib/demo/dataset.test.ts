import { describe, expect, it } from 'vitest';

import { normaliseWriteValues } from '../data/write-values';
import {
  buildDemoDataset,
  DEMO_CUSTOMER_COUNT,
  DEMO_ORDER_COUNT,
  DEMO_PRODUCT_COUNT,
} from './dataset';

describe('demo dataset', () => {
  const [customers, orders, products] = buildDemoDataset();

  it('has the three tables with their row counts', () => {
    expect([customers!.name, orders!.name, products!.name]).toEqual([
      'customers',
      'orders',
      'products',
    ]);
    expect(customers!.rows).toHaveLength(DEMO_CUSTOMER_COUNT);
    expect(orders!.rows).toHaveLength(DEMO_ORDER_COUNT);
    expect(products!.rows).toHaveLength(DEMO_PRODUCT_COUNT);
  });

  it('is the same for the same seed', () => {
    expect(buildDemoDataset()).toEqual(buildDemoDataset());
  });

  it('differs for another seed', () => {
    expect(buildDemoDataset(7)[1]!.rows).not.toEqual(orders!.rows);
  });

  it('has values that fit the column types', () => {
    for (const table of [customers!, orders!, products!]) {
      const info = { id: table.name, name: table.name, columns: table.columns };
      for (const row of table.rows) {
        expect(normaliseWriteValues(info, row)).toEqual(row);
      }
    }
  });

  it('orders only reference existing customers', () => {
    const customerIds = new Set(customers!.rows.map((row) => row.customerId));

    expect(orders!.rows.every((order) => customerIds.has(order.customerId))).toBe(true);
  });

  it('has unique customer codes and emails', () => {
    expect(new Set(customers!.rows.map((row) => row.customerId)).size).toBe(DEMO_CUSTOMER_COUNT);
    expect(new Set(customers!.rows.map((row) => row.email)).size).toBe(DEMO_CUSTOMER_COUNT);
  });

  it('mixes order statuses, VIPs and discontinued products', () => {
    const statuses = new Set(orders!.rows.map((row) => row.status));

    expect([...statuses].sort()).toEqual(['cancelled', 'delivered', 'paid', 'pending', 'shipped']);
    expect(customers!.rows.some((row) => row.vip === true)).toBe(true);
    expect(customers!.rows.some((row) => row.vip === false)).toBe(true);
    expect(products!.rows.some((row) => row.discontinued === true)).toBe(true);
  });

  it('has some orders above 500 for the freight-style filters of the demo', () => {
    const large = orders!.rows.filter((row) => (row.total as number) > 500);

    expect(large.length).toBeGreaterThan(10);
    expect(large.length).toBeLessThan(DEMO_ORDER_COUNT / 2);
  });
});
