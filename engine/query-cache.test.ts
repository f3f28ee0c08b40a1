import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openEngineDatabase, type EngineDatabase } from '../test/fixtures/engine-database';
import { block, chain, runOn, stepOf } from '../test/fixtures/engine-run';
import { QueryCache, queryCacheKey } from './query-cache';
import type { ExecutionMode, QueryFilterConfig } from './types';

let database: EngineDatabase;

beforeAll(async () => {
  database = await openEngineDatabase('query-cache');
  await database.createTable(
    'products',
    [
      { name: 'name', type: 'text' },
      { name: 'price', type: 'number' },
      { name: 'tags', type: 'json' },
    ],
    [
      { name: 'chai', price: 18, tags: { kind: 'tea', origin: 'in' } },
      { name: 'chang', price: 19, tags: { kind: 'beer' } },
      { name: 'syrup', price: 10, tags: { kind: 'sauce' } },
    ],
  );
});

afterAll(async () => {
  await database?.close();
});

function priceQuery(id: string, outputKey: string, filters: QueryFilterConfig[]) {
  return block(id, 'query', { table: 'products', filters, outputKey });
}

describe('query cache', () => {
  it('sends two identical queries to the database once', async () => {
    const filters: QueryFilterConfig[] = [{ column: 'price', op: 'gt', value: '15' }];
    const graph = {
      nodes: [priceQuery('first', 'first', filters), priceQuery('second', 'second', filters)],
      edges: chain('first', 'second'),
    };

    const result = await runOn({ database, graph });

    const { metrics } = result.executionTrace;
    expect(metrics.queryCount).toBe(1);
    expect(metrics.cacheHits).toBe(1);
    expect(stepOf(result, 'first').cacheHit).toBe(false);
    expect(stepOf(result, 'second').cacheHit).toBe(true);
    expect(stepOf(result, 'second').cacheKey).toBe(stepOf(result, 'first').cacheKey);
    expect(stepOf(result, 'second').dbTimeMs).toBeUndefined();
    expect(stepOf(result, 'second').output).toEqual(stepOf(result, 'first').output);
  });

  it('uses a new key when a variable in a filter changes', async () => {
    const filters: QueryFilterConfig[] = [{ column: 'price', op: 'gt', value: 'vars.threshold' }];
    const graph = {
      nodes: [
        block('low', 'js', { code: 'return 15;', outputKey: 'threshold' }),
        priceQuery('first', 'first', filters),
        block('raise', 'js', { code: 'return 18;', outputKey: 'threshold2' }),
        priceQuery('second', 'second', [{ column: 'price', op: 'gt', value: 'vars.threshold2' }]),
        priceQuery('third', 'third', filters),
      ],
      edges: chain('low', 'first', 'raise', 'second', 'third'),
    };

    const result = await runOn({ database, graph });

    expect(stepOf(result, 'second').cacheHit).toBe(false);
    expect(stepOf(result, 'second').cacheKey).not.toBe(stepOf(result, 'first').cacheKey);
    expect(stepOf(result, 'third').cacheHit).toBe(true);
    expect(result.executionTrace.metrics.queryCount).toBe(2);
    expect(result.executionTrace.metrics.cacheHits).toBe(1);
  });

  it('gives filters with keys in another order the same key', async () => {
    const graph = {
      nodes: [
        priceQuery('first', 'first', [
          { column: 'tags', op: 'contains', value: '({ kind: "tea", origin: "in" })' },
        ]),
        priceQuery('second', 'second', [
          {
            value: '({ origin: "in", kind: "tea" })',
            op: 'contains',
            column: 'tags',
          } as QueryFilterConfig,
        ]),
      ],
      edges: chain('first', 'second'),
    };

    const result = await runOn({ database, graph });

    expect(stepOf(result, 'second').cacheHit).toBe(true);
    expect((stepOf(result, 'first').output as unknown[]).length).toBe(1);
  });

  it('drops the cached rows of a table after a write to it', async () => {
    const query = priceQuery('before', 'before', [{ column: 'price', op: 'lt', value: '15' }]);
    const graph = {
      nodes: [
        query,
        block('add', 'write', {
          table: 'products',
          operation: 'insert',
          values: { name: '"tofu"', price: '9' },
          outputKey: 'added',
        }),
        priceQuery('after', 'after', [{ column: 'price', op: 'lt', value: '15' }]),
      ],
      edges: chain('before', 'add', 'after'),
    };

    const result = await runOn({ database, graph, mode: 'preview' });

    const names = (step: string) =>
      (stepOf(result, step).output as Array<{ name: string }>).map((row) => row.name);
    expect(names('before')).toEqual(['syrup']);
    expect(stepOf(result, 'after').cacheHit).toBe(false);
    expect(names('after')).toEqual(['syrup', 'tofu']);
  });

  it('keeps the mode in the key', () => {
    const parts = { tableId: 't', filters: [], sort: [], limit: 100, single: false };
    const key = (mode: ExecutionMode) => queryCacheKey({ ...parts, mode });

    expect(key('live')).not.toBe(key('preview'));
  });

  it('hands out frozen values that no block can change', () => {
    const cache = new QueryCache();
    const rows = [{ _id: '1', name: 'chai' }];

    const stored = cache.set('key', 'table', rows) as Array<{ name: string }>;
    rows[0]!.name = 'changed';

    expect(stored[0]!.name).toBe('chai');
    expect(() => {
      (cache.get('key') as Array<{ name: string }>)[0]!.name = 'mutated';
    }).toThrow(TypeError);
    expect(cache.get('key')).toEqual([{ _id: '1', name: 'chai' }]);
  });

  it('keeps a cached result intact when a js block tries to change it', async () => {
    const filters: QueryFilterConfig[] = [{ column: 'name', op: 'eq', value: '"chai"' }];
    const graph = {
      nodes: [
        priceQuery('first', 'first', filters),
        block('mutate', 'js', {
          code: 'try { vars.first[0].price = 0; } catch (error) {} return vars.first[0].price;',
          outputKey: 'seen',
        }),
        priceQuery('second', 'second', filters),
      ],
      edges: chain('first', 'mutate', 'second'),
    };

    const result = await runOn({ database, graph });

    expect(stepOf(result, 'mutate').output).toBe(18);
    expect(stepOf(result, 'second').cacheHit).toBe(true);
    expect((stepOf(result, 'second').output as Array<{ price: number }>)[0]!.price).toBe(18);
  });
});
