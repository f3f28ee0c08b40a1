import type { GraphNode } from './types';

const TYPE_LABELS: Record<string, string> = {
  input: 'Input',
  query: 'Query',
  write: 'Write',
  js: 'JS',
  http: 'HTTP',
  branch: 'Branch',
  loop: 'Loop',
  output: 'Output',
};

/** Names a block for messages: `Query block "fetchOrders"`. */
export function blockLabel(node: Pick<GraphNode, 'id' | 'type'>): string {
  const typeLabel = TYPE_LABELS[node.type];
  return typeLabel ? `${typeLabel} block "${node.id}"` : `Block "${node.id}"`;
}

/** Names the JavaScript type of a value for messages, with `null` and `array` separate. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
