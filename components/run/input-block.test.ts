import { describe, expect, it } from 'vitest';

import type { WorkflowGraph } from '@/engine/types';

import { inputSchemaOf } from './input-block';

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
