/** TanStack Query keys of the run components. */
export const runKeys = {
  list: (workflowId: string) => ['runs', workflowId] as const,
  detail: (runId: string) => ['run', runId] as const,
  runMutation: (workflowId: string) => ['run-workflow', workflowId] as const,
};
