import { describe, expect, it } from 'vitest';

import type { BlockConfig, BlockType } from '@/engine/types';

import { summarizeConfig } from './block-meta';

describe('block config summary', () => {
  it.each<[BlockType, BlockConfig, string]>([
    ['input', {}, 'any input'],
    ['input', { schema: { type: 'object' } }, 'with schema'],
    ['query', { table: '', outputKey: 'q' }, 'no table'],
    [
      'query',
      {
        table: 'orders',
        filters: [{ column: 'status', op: 'eq', value: "'open'" }],
        limit: 5,
        outputKey: 'q',
      },
      'orders · 1 filter · limit 5',
    ],
    ['query', { table: 'orders', single: true, outputKey: 'q' }, 'orders · single'],
    ['write', { table: 'orders', operation: 'update', outputKey: 'w' }, 'update orders'],
    [
      'http',
      { method: 'POST', url: "'http://127.0.0.1:9/hook'", outputKey: 'h' },
      "POST 'http://127.0.0.1:9/hook'",
    ],
    ['branch', { condition: 'vars.total > 100' }, 'vars.total > 100'],
    ['loop', { items: 'vars.orders', as: 'order' }, 'order of vars.orders'],
    ['output', { value: 'vars.total' }, 'vars.total'],
  ])('summarizes a %s block', (type, config, expected) => {
    expect(summarizeConfig(type, config)).toBe(expected);
  });

  it('shortens long code to one line', () => {
    const code = `const total = vars.orders.reduce((sum, order) => sum + order.total, 0);\nreturn total;`;

    const summary = summarizeConfig('js', { code, outputKey: 'total' });

    expect(summary).toHaveLength(48);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary).not.toContain('\n');
  });
});
