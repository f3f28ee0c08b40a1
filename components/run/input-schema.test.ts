import { describe, expect, it } from 'vitest';

import { checkInputAgainstSchema, parseRunInput } from './input-schema';

const orderSchema = {
  type: 'object',
  required: ['customerId', 'items'],
  properties: {
    customerId: { type: 'string' },
    vip: { type: 'boolean' },
    note: { type: ['string', 'null'] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['qty'],
        properties: { qty: { type: 'integer' }, price: { type: 'number' } },
      },
    },
  },
};

describe('checkInputAgainstSchema', () => {
  it('accepts a value that matches every rule', () => {
    const input = { customerId: 'ALFKI', vip: true, note: null, items: [{ qty: 2, price: 9.5 }] };

    expect(checkInputAgainstSchema(input, orderSchema)).toEqual([]);
  });

  it('names each missing required property', () => {
    expect(checkInputAgainstSchema({}, orderSchema)).toEqual([
      { path: 'input', message: 'missing required property "customerId"' },
      { path: 'input', message: 'missing required property "items"' },
    ]);
  });

  it('names the path of a wrong type inside arrays', () => {
    const input = { customerId: 'ALFKI', items: [{ qty: 1 }, { qty: 1.5, price: '3' }] };

    expect(checkInputAgainstSchema(input, orderSchema)).toEqual([
      { path: 'input.items[1].qty', message: 'expected integer, got number' },
      { path: 'input.items[1].price', message: 'expected number, got string' },
    ]);
  });

  it('lists every allowed type of a type union', () => {
    const input = { customerId: 'ALFKI', items: [], note: 3 };

    expect(checkInputAgainstSchema(input, orderSchema)).toEqual([
      { path: 'input.note', message: 'expected string or null, got number' },
    ]);
  });

  it('reports a wrong top-level type without checking properties', () => {
    expect(checkInputAgainstSchema([1], orderSchema)).toEqual([
      { path: 'input', message: 'expected object, got array' },
    ]);
  });

  it('quotes property names that are not identifiers', () => {
    const schema = { type: 'object', properties: { 'ship to': { type: 'string' } } };

    expect(checkInputAgainstSchema({ 'ship to': 1 }, schema)).toEqual([
      { path: 'input["ship to"]', message: 'expected string, got number' },
    ]);
  });

  it('rejects a value outside enum', () => {
    const schema = { type: 'object', properties: { status: { enum: ['open', 'shipped'] } } };

    expect(checkInputAgainstSchema({ status: 'lost' }, schema)).toEqual([
      { path: 'input.status', message: 'must be one of "open", "shipped", got "lost"' },
    ]);
    expect(checkInputAgainstSchema({ status: 'open' }, schema)).toEqual([]);
  });

  it('matches enum entries by content', () => {
    const schema = { enum: [{ a: 1, b: [2] }] };

    expect(checkInputAgainstSchema({ b: [2], a: 1 }, schema)).toEqual([]);
  });

  it('rejects unexpected properties when additionalProperties is false', () => {
    const schema = { type: 'object', properties: { id: {} }, additionalProperties: false };

    expect(checkInputAgainstSchema({ id: 1, extra: true }, schema)).toEqual([
      { path: 'input', message: 'unexpected property "extra"' },
    ]);
  });

  it.each([[undefined], [null], ['object'], [[]]])(
    'accepts anything without a schema (%j)',
    (schema) => {
      expect(checkInputAgainstSchema({ any: 'thing' }, schema)).toEqual([]);
    },
  );
});

describe('parseRunInput', () => {
  it('treats empty text as an empty object', () => {
    expect(parseRunInput('  ', undefined)).toEqual({ ok: true, value: {} });
  });

  it('reports invalid JSON', () => {
    const parsed = parseRunInput('{"a":', undefined);

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems[0]).toMatch(/^Input is not valid JSON: /);
  });

  it('formats schema problems with their path', () => {
    expect(parseRunInput('{"customerId": 7, "items": []}', orderSchema)).toEqual({
      ok: false,
      problems: ['input.customerId: expected string, got number'],
    });
  });
});
