/**
 * Resolution of the saved workflow version a command-line run belongs to. Runs are stored
 * against a version, so the file's graph is saved as one when no stored version has exactly
 * that graph.
 */

import { canonicalJson } from '../../engine/canonical-json';
import type { WorkflowVersionRef } from '../../engine/types';
import type { Database } from '../../lib/db/client';
import { createWorkflow, getWorkflow } from '../../lib/repositories/workflows';
import {
  getLatestWorkflowVersion,
  getWorkflowVersion,
  saveWorkflowVersion,
  type WorkflowVersion,
} from '../../lib/repositories/workflow-versions';
import { workflowNameOf, type WorkflowFile } from './run-arguments';

/** A workflow or version the file names that the tenant does not have; the command exits 1. */
export class WorkflowNotFoundError extends Error {
  readonly code = 'WORKFLOW_NOT_FOUND';

  constructor(message: string) {
    super(message);
    this.name = 'WorkflowNotFoundError';
  }
}

export interface RunTarget {
  version: WorkflowVersionRef;
  /** Description of how the file's graph was matched or saved, for the progress output. */
  note: string;
}

/**
 * Finds or creates the version to run: the file's `versionId` or the latest version of its
 * `workflowId` when its graph equals the file's, else a new version of that workflow, else a
 * new workflow.
 */
export async function resolveRunTarget(
  db: Database,
  tenantId: string,
  file: string,
  content: WorkflowFile,
): Promise<RunTarget> {
  const stored = await findStoredVersion(db, tenantId, content);
  if (stored && sameGraph(stored, content)) {
    return {
      version: toRef(stored),
      note: `version ${stored.version} of workflow ${stored.workflowId}`,
    };
  }

  if (stored) {
    const saved = await saveWorkflowVersion(db, tenantId, stored.workflowId, content.graph);
    return {
      version: toRef(saved!),
      note: `saved as version ${saved!.version} of workflow ${saved!.workflowId}`,
    };
  }

  const name = workflowNameOf(file, content);
  const created = await createWorkflow(db, tenantId, {
    name,
    description: content.description ?? '',
    graph: content.graph,
  });
  return {
    version: toRef(created.version),
    note: `created workflow "${name}" (${created.workflow.id})`,
  };
}

async function findStoredVersion(
  db: Database,
  tenantId: string,
  content: WorkflowFile,
): Promise<WorkflowVersion | null> {
  if (content.versionId !== undefined) {
    const version = await getWorkflowVersion(db, tenantId, content.versionId);
    const isOtherWorkflow =
      content.workflowId !== undefined && version?.workflowId !== content.workflowId;
    if (!version || isOtherWorkflow) {
      throw new WorkflowNotFoundError(
        `Workflow version "${content.versionId}" not found for this tenant; remove versionId to save the graph as a new workflow`,
      );
    }
    return version;
  }

  if (content.workflowId === undefined) return null;
  if (!(await getWorkflow(db, tenantId, content.workflowId))) {
    throw new WorkflowNotFoundError(
      `Workflow "${content.workflowId}" not found for this tenant; remove workflowId to save the graph as a new workflow`,
    );
  }
  return getLatestWorkflowVersion(db, tenantId, content.workflowId);
}

function sameGraph(version: WorkflowVersion, content: WorkflowFile): boolean {
  return canonicalJson(version.graph) === canonicalJson(content.graph);
}

function toRef(version: WorkflowVersion): WorkflowVersionRef {
  return { id: version.id, workflowId: version.workflowId, graph: version.graph };
}
