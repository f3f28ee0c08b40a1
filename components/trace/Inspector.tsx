'use client';

import type { ReactNode } from 'react';

import type { StepTrace } from '@/engine/types';

import { formatDuration, formatTimeSplit } from './format-duration';
import styles from './Inspector.module.css';
import { JsonTree } from './JsonTree';
import { SkipDetail } from './SkipDetail';

export interface InspectorProps {
  step: StepTrace | undefined;
  blockName: string | undefined;
  workflowId: string;
  onSelectStep(index: number): void;
  /** Starts a replay from after this step; with `commit`, writes are committed and requests sent. */
  onReplay(stepIndex: number, commit: boolean): void;
  /** Reason "Replay from here" is unavailable, or null when it is available. */
  replayBlockedReason: string | null;
}

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className={styles.section} data-testid={testId}>
      <h4>{title}</h4>
      {children}
    </section>
  );
}

function SideEffects({ step }: { step: StepTrace }) {
  const effects = step.sideEffects;
  if (!effects) return null;

  const writeState = effects.staged ? 'staged' : 'committed';
  const requestState = effects.staged ? 'recorded, not sent' : 'sent';

  return (
    <Section title="Side effects" testId="inspector-side-effects">
      {(effects.writes ?? []).map((write, index) => (
        <div key={`w${index}`} className={styles.effect}>
          <span className={effects.staged ? styles.staged : styles.committed}>
            write {writeState}
          </span>
          <JsonTree value={write} openDepth={1} label={`Write ${index + 1}`} />
        </div>
      ))}
      {(effects.requests ?? []).map((request, index) => (
        <div key={`r${index}`} className={styles.effect}>
          <span className={effects.staged ? styles.staged : styles.committed}>
            request {requestState}
          </span>
          <JsonTree value={request} openDepth={1} label={`Request ${index + 1}`} />
        </div>
      ))}
    </Section>
  );
}

function StepHeader({ step, blockName }: { step: StepTrace; blockName: string | undefined }) {
  return (
    <header className={styles.header}>
      <div className={styles.heading}>
        <strong>{blockName ?? step.blockId}</strong>
        <span className={styles.type}>{step.blockType}</span>
        {step.iteration !== undefined && (
          <span className={styles.type}>iteration {step.iteration}</span>
        )}
        <span
          className={`${styles.status} ${styles[step.status] ?? ''}`}
          data-testid="inspector-status"
        >
          {step.status}
        </span>
      </div>
      <div className={styles.timing} title={formatTimeSplit(step)}>
        step #{step.index} · {formatDuration(step.durationMs)} · {formatTimeSplit(step)}
        {step.cacheHit ? ' · cache hit' : ''}
      </div>
    </header>
  );
}

function ReplayButtons(props: InspectorProps & { step: StepTrace }) {
  const { step, onReplay, replayBlockedReason } = props;
  const disabled = replayBlockedReason !== null;

  return (
    <div className={styles.replay}>
      <button
        type="button"
        className={styles.replayButton}
        disabled={disabled}
        title={replayBlockedReason ?? 'Replays the steps after this one with preview semantics'}
        onClick={() => onReplay(step.index, false)}
      >
        Replay from here
      </button>
      <button
        type="button"
        className={styles.replayCommit}
        disabled={disabled}
        title={replayBlockedReason ?? 'Replays and commits writes and sends requests'}
        onClick={() => onReplay(step.index, true)}
      >
        Replay and commit…
      </button>
    </div>
  );
}

/**
 * Shows the selected step in full: resolved inputs, output, logs, side effects, the error, the skip
 * reason with its detail and the cache key, with "Replay from here".
 */
export function Inspector(props: InspectorProps) {
  const { step, blockName, workflowId, onSelectStep } = props;

  if (!step) {
    return (
      <aside className={styles.inspector} data-testid="inspector" aria-label="Step inspector">
        <p className={styles.empty}>Select a block or a timeline bar to inspect its step.</p>
      </aside>
    );
  }

  return (
    <aside className={styles.inspector} data-testid="inspector" aria-label="Step inspector">
      <StepHeader step={step} blockName={blockName} />
      <ReplayButtons {...props} step={step} />
      {step.error !== undefined && (
        <Section title="Error" testId="inspector-error">
          <p className={styles.error}>{step.error}</p>
        </Section>
      )}
      {step.status === 'skipped' && (
        <Section title="Skipped" testId="inspector-skip">
          <p className={styles.reason}>{step.skipReason ?? 'no reason recorded'}</p>
          <SkipDetail step={step} workflowId={workflowId} onSelectStep={onSelectStep} />
        </Section>
      )}
      {step.cacheKey !== undefined && (
        <Section title="Cache key" testId="inspector-cache-key">
          <code className={styles.code}>{step.cacheKey}</code>
          <span className={styles.note}>
            {step.cacheHit ? 'served from the cache' : 'stored in the cache'}
          </span>
        </Section>
      )}
      {step.inputs !== undefined && (
        <Section title="Inputs" testId="inspector-inputs">
          <JsonTree value={step.inputs} label="Inputs" />
        </Section>
      )}
      {step.output !== undefined && (
        <Section title="Output" testId="inspector-output">
          <JsonTree value={step.output} label="Output" />
        </Section>
      )}
      {step.logs && step.logs.length > 0 && (
        <Section title="Logs" testId="inspector-logs">
          <pre className={styles.logs}>{step.logs.join('\n')}</pre>
        </Section>
      )}
      <SideEffects step={step} />
    </aside>
  );
}
