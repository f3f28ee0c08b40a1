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
