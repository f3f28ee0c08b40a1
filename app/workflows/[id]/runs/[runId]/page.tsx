import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { WorkflowWorkbench } from '@/components/editor/WorkflowWorkbench';
import { requireSessionTenant } from '@/lib/session';

import { loadWorkbench } from '../../load-workbench';
import { getRun } from '../actions';

export const metadata: Metadata = { title: 'Run · Flowscope' };

/** The workbench with one run loaded: its graph version, badges, timeline and inspector. */
export default async function RunPage({
  params,
}: {
  params: Promise<{ id: string; runId: string }>;
}) {
  const { id, runId } = await params;
  const path = `/workflows/${id}/runs/${runId}`;
  await requireSessionTenant(path);

  const result = await getRun({ workflowId: id, runId });
  if (!result.ok) notFound();

  const props = await loadWorkbench(id, path, result.run.versionId);
  const initialRun = { runId: result.run.id, trace: result.run.trace };

  return <WorkflowWorkbench key={id} {...props} initialRun={initialRun} />;
}
