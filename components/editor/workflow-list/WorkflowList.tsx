'use client';

import Link from 'next/link';

import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { RelativeTime } from '@/components/ui/RelativeTime';

import { EmptyWorkflowList } from './EmptyWorkflowList';
import { LastRunCell } from './LastRunCell';
import { NameDialog } from './NameDialog';
import type { WorkflowRow } from './types';
import { useWorkflowListActions } from './useWorkflowListActions';
import './workflow-list.css';

interface WorkflowListProps {
  workflows: WorkflowRow[];
  tenantSlug: string;
}

/** Lists the tenant's workflows with their last run and last change, and the list's actions. */
export function WorkflowList({ workflows, tenantSlug }: WorkflowListProps) {
  const actions = useWorkflowListActions();
  const { dialog } = actions;

  return (
    <section className="workflow-list">
      <div className="workflow-list__head">
        <h1>Workflows</h1>
        <Button
          variant="primary"
          onClick={() => actions.open({ kind: 'create' })}
          data-testid="new-workflow"
        >
          New workflow
        </Button>
      </div>

      {workflows.length === 0 ? (
        <EmptyWorkflowList
          tenantSlug={tenantSlug}
          onCreate={() => actions.open({ kind: 'create' })}
        />
      ) : (
        <table className="workflow-table" data-testid="workflow-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Last run</th>
              <th>Last change</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {workflows.map((workflow) => (
              <tr key={workflow.id} data-testid={`workflow-row-${workflow.id}`}>
                <td>
                  <Link href={`/workflows/${workflow.id}`} className="workflow-table__name">
                    {workflow.name}
                  </Link>
                  {workflow.description && (
                    <div className="muted small">{workflow.description}</div>
                  )}
                </td>
                <td>
                  <LastRunCell workflowId={workflow.id} run={workflow.lastRun} />
                </td>
                <td className="muted">
                  <RelativeTime iso={workflow.updatedAt} />
                  {workflow.latestVersion !== null && (
                    <span className="chip">v{workflow.latestVersion}</span>
                  )}
                </td>
                <td className="workflow-table__actions">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Rename ${workflow.name}`}
                    onClick={() => actions.open({ kind: 'rename', workflow })}
                  >
                    Rename
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Duplicate ${workflow.name}`}
                    onClick={() => void actions.duplicate(workflow)}
                  >
                    Duplicate
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Delete ${workflow.name}`}
                    onClick={() => actions.open({ kind: 'delete', workflow })}
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <NameDialog
        open={dialog.kind === 'create' || dialog.kind === 'rename'}
        title={dialog.kind === 'rename' ? 'Rename workflow' : 'New workflow'}
        initialName={dialog.kind === 'rename' ? dialog.workflow.name : ''}
        submitLabel={dialog.kind === 'rename' ? 'Rename' : 'Create'}
        busy={actions.busy}
        error={actions.error}
        onCancel={actions.close}
        onSubmit={(name) =>
          dialog.kind === 'rename'
            ? void actions.rename(dialog.workflow, name)
            : void actions.create(name)
        }
      />
      <ConfirmDialog
        open={dialog.kind === 'delete'}
        title="Delete workflow"
        message={
          dialog.kind === 'delete' && (
            <>
              <p>
                Delete <strong>{dialog.workflow.name}</strong> with all its versions and runs? This
                cannot be undone.
              </p>
              {actions.error && <p className="field__error">{actions.error}</p>}
            </>
          )
        }
        confirmLabel="Delete"
        danger
        busy={actions.busy}
        onCancel={actions.close}
        onConfirm={() => dialog.kind === 'delete' && void actions.remove(dialog.workflow)}
      />
    </section>
  );
}
