import { z } from 'zod';

import { BLOCK_TYPES, type WorkflowGraph } from '@/engine/types';

/** Upper bounds of a saved graph, so one request cannot store an unbounded document. */
export const MAX_GRAPH_NODES = 500;
export const MAX_GRAPH_EDGES = 2000;
export const MAX_GRAPH_JSON_BYTES = 1_000_000;

const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

const nodeSchema = z.object({
  id: z.string().min(1, 'block id must not be empty').max(100),
  type: z.enum(BLOCK_TYPES),
  name: z.string().max(200).optional(),
  position: positionSchema.optional(),
  parentId: z.string().max(100).optional(),
  config: z.record(z.string(), z.unknown()),
});

const edgeSchema = z.object({
  id: z.string().min(1, 'edge id must not be empty').max(300),
  source: z.string().min(1).max(100),
  target: z.string().min(1).max(100),
  label: z.string().max(100).optional(),
});

/**
 * Schema of a graph sent by the browser, checking structure and size only. The engine's
 * `validateGraph` reports the problems that block a run, and a graph with such problems can
 * still be saved.
 */
export const graphSchema = z
  .object({
    nodes: z.array(nodeSchema).max(MAX_GRAPH_NODES, `at most ${MAX_GRAPH_NODES} blocks`),
    edges: z.array(edgeSchema).max(MAX_GRAPH_EDGES, `at most ${MAX_GRAPH_EDGES} edges`),
  })
  .refine((graph) => JSON.stringify(graph).length <= MAX_GRAPH_JSON_BYTES, {
    message: `the graph must be at most ${MAX_GRAPH_JSON_BYTES} bytes of JSON`,
  })
  .transform((graph) => graph as WorkflowGraph);
