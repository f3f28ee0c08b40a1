/** TanStack Query key of a workflow's version list. */
export function versionsQueryKey(workflowId: string): readonly unknown[] {
  return ['workflow-versions', workflowId];
}
