import type { ExecutionMode } from '@/engine/types';

/** One row of the workflow list, as the server page passes it to the browser. */
export interface WorkflowRow {
  id: string;
  name: string;
  description: string;
  latestVersion: number | null;
  /** ISO 8601. */
  updatedAt: string;
  lastRun: {
    id: string;
    mode: ExecutionMode;
    status: 'running' | 'success' | 'error' | 'interrupted';
    totalDurationMs: number | null;
    startedAt: string;
  } | null;
}
