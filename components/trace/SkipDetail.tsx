'use client';

import type { StepTrace } from '@/engine/types';

import { JsonTree } from './JsonTree';
import styles from './Inspector.module.css';
import { shortRunId } from './format-time';

interface SkipDetailProps {
  step: StepTrace;
  workflowId: string;
  onSelectStep(index: number): void;
}

interface StepReference {
  stepIndex: number;
  sourceRunId?: string;
  idempotencyKey?: string;
}

interface CheckpointReference {
  sourceRunId: string;
  checkpointStep: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the idempotency guard's detail: `{ firstStepIndex, idempotencyKey?, sourceRunId? }`. */
function asStepReference(detail: unknown): StepReference | null {
  if (!isRecord(detail) || typeof detail.firstStepIndex !== 'number') return null;

  const sourceRunId = typeof detail.sourceRunId === 'string' ? detail.sourceRunId : undefined;
  const idempotencyKey =
    typeof detail.idempotencyKey === 'string' ? detail.idempotencyKey : undefined;
  return {
    stepIndex: detail.firstStepIndex,
    ...(sourceRunId ? { sourceRunId } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
  };
}

function asCheckpoint(detail: unknown): CheckpointReference | null {
  if (!isRecord(detail)) return null;
  const { sourceRunId, checkpointStep } = detail;
  if (typeof sourceRunId !== 'string' || typeof checkpointStep !== 'number') return null;
  return { sourceRunId, checkpointStep };
}

function runHref(workflowId: string, runId: string): string {
  return `/workflows/${workflowId}/runs/${runId}`;
}

/**
 * Shows what caused a skip: the condition's value, the step whose side effect this one would
 * have repeated (a button that selects it, or a link into the source run of a replay), or the
 * checkpoint a replay reused.
 */
export function SkipDetail({ step, workflowId, onSelectStep }: SkipDetailProps) {
  const detail = step.skipDetail;
  const reference = asStepReference(detail);
  const checkpoint = asCheckpoint(detail);

  if (reference?.sourceRunId) {
    return (
      <p className={styles.detail}>
        Already executed in source run{' '}
        <a href={runHref(workflowId, reference.sourceRunId)} data-testid="skip-source-step">
          {shortRunId(reference.sourceRunId)}, step #{reference.stepIndex}
        </a>
        {reference.idempotencyKey !== undefined && ` (key ${reference.idempotencyKey})`}
      </p>
    );
  }

  if (reference) {
    return (
      <p className={styles.detail}>
        Already executed by{' '}
        <button
          type="button"
          className={styles.link}
          onClick={() => onSelectStep(reference.stepIndex)}
          data-testid="skip-first-step"
        >
          step #{reference.stepIndex}
        </button>
        {reference.idempotencyKey !== undefined && ` (key ${reference.idempotencyKey})`}
      </p>
    );
  }

  if (checkpoint) {
    return (
      <p className={styles.detail}>
        Value reused from the checkpoint after step #{checkpoint.checkpointStep} of run{' '}
        <a href={runHref(workflowId, checkpoint.sourceRunId)} data-testid="skip-checkpoint">
          {shortRunId(checkpoint.sourceRunId)}
        </a>
      </p>
    );
  }

  if (detail === undefined) return null;

  return (
    <div className={styles.detail}>
      <span className={styles.detailLabel}>
        {step.skipReason === 'condition false' ? 'Condition value' : 'Detail'}
      </span>
      <JsonTree value={detail} label="Skip detail" />
    </div>
  );
}
