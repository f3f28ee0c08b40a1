import { describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';

import { initialInputText, inputSchemaOf } from './input-block';

function graphWithSchema(schema: unknown): WorkflowGraph {
  return { nodes: [{ id: 'input', type: 'input', config: { schema } }], edges: [] };
}

describe('inputSchemaOf', () => {
  it('returns the schema object of the input block', () => {
    expect(inputSchemaOf(graphWithSchema({ type: 'object' }))).toEqual({ type: 'object' });
  });

  it('parses a schema stored as JSON text', () => {
    expect(inputSchemaOf(graphWithSchema('{"type":"array"}'))).toEqual({ type: 'array' });
  });

  it.each([[''], ['{not json']])('treats text %j as no schema', (text) => {
    expect(inputSchemaOf(graphWithSchema(text))).toBeUndefined();
  });

  it('returns undefined without an input block', () => {
    expect(inputSchemaOf({ nodes: [], edges: [] })).toBeUndefined();
  });
});

describe('initialInputText', () => {
  it('starts from the first example of the schema', () => {
    const schema = { type: 'object', examples: [{ customerId: 'C009' }, { customerId: 'C001' }] };

    expect(initialInputText(schema)).toBe('{\n  "customerId": "C009"\n}');
  });

  it('falls back to the default of the schema', () => {
    expect(initialInputText({ type: 'array', default: [] })).toBe('[]');
  });

  it.each([[undefined], [{ type: 'object' }], ['text']])('starts empty for %j', (schema) => {
    expect(initialInputText(schema)).toBe('{}');
  });
});
