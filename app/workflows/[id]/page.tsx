import type { Metadata } from 'next';

import { WorkflowWorkbench } from '@/components/editor/WorkflowWorkbench';

import { loadWorkbench } from './load-workbench';

export const metadata: Metadata = { title: 'Workflow · Flowscope' };

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const props = await loadWorkbench(id, `/workflows/${id}`);

  return <WorkflowWorkbench key={id} {...props} />;
}
