import type { WorkflowGraph } from '@/engine/types';

/**
 * Returns the JSON schema of the graph's input block, or undefined when there is no input block
 * or it declares none. A schema stored as JSON text is parsed; unparsable text counts as none,
 * because the editor reports it on the block.
 */
export function inputSchemaOf(graph: WorkflowGraph): unknown {
  const inputBlock = graph.nodes.find((node) => node.type === 'input');
  const schema = (inputBlock?.config as { schema?: unknown } | undefined)?.schema;

  if (typeof schema !== 'string') return schema;
  if (schema.trim() === '') return undefined;

  try {
    return JSON.parse(schema) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Returns the starting text of the run input editor: the schema's first `examples` entry, else
 * its `default`, as indented JSON; `{}` when the schema offers neither.
 */
export function initialInputText(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return '{}';

  const { examples, default: defaultValue } = schema as { examples?: unknown; default?: unknown };
  if (Array.isArray(examples) && examples.length > 0) return JSON.stringify(examples[0], null, 2);
  if (defaultValue !== undefined) return JSON.stringify(defaultValue, null, 2);
  return '{}';
}
