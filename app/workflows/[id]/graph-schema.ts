import { z } from 'zod';

import type { WorkflowGraph } from '@/engine/types';
import { validateGraph } from '@/engine/validate';

/** Upper bounds of a saved graph, so one request cannot store an unbounded document. */
export const MAX_GRAPH_NODES = 500;
export const MAX_GRAPH_EDGES = 2000;
export const MAX_GRAPH_JSON_BYTES = 1_000_000;

const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

const nodeSchema = z.object({
  id: z.string().min(1, 'block id must not be empty').max(100),
  // Checked with the graph below, so that the message names the block.
  type: z.string().max(100),
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
 * Problems that no editing can fix in place, because the canvas cannot show such a graph: a
 * block type it does not know, or two blocks or edges with one id.
 */
const UNSAVABLE_PROBLEMS = new Set(['block_type_unknown', 'id_duplicate']);

/** Syntax checks are left to the save command, which reports them with the saved version. */
const SKIP_SYNTAX = { expression: () => null, script: () => null };

/**
 * Schema of a graph sent by the browser, checking structure and size. It rejects the graphs in
 * `UNSAVABLE_PROBLEMS` with the engine's message naming the block. The other problems that block
 * a run (cycles, missing blocks, expressions that do not parse) do not stop a save, so that
 * unfinished work can be kept.
 */
export const graphSchema = z
  .object({
    nodes: z.array(nodeSchema).max(MAX_GRAPH_NODES, `at most ${MAX_GRAPH_NODES} blocks`),
    edges: z.array(edgeSchema).max(MAX_GRAPH_EDGES, `at most ${MAX_GRAPH_EDGES} edges`),
  })
  .superRefine((graph, context) => {
    for (const problem of validateGraph(graph, SKIP_SYNTAX)) {
      if (UNSAVABLE_PROBLEMS.has(problem.code)) {
        context.addIssue({ code: 'custom', message: problem.message });
      }
    }
  })
  .refine((graph) => JSON.stringify(graph).length <= MAX_GRAPH_JSON_BYTES, {
    message: `the graph must be at most ${MAX_GRAPH_JSON_BYTES} bytes of JSON`,
  })
  .transform((graph) => graph as WorkflowGraph);
