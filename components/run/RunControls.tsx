'use client';

import { useEffect, useMemo, useState } from 'react';

import { useGraph } from '@/components/debugger/useGraph';
import { useProblems } from '@/components/debugger/useProblems';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';

import { initialInputText, inputSchemaOf } from './input-block';
import { parseRunInput } from './input-schema';
import styles from './RunControls.module.css';
import { RunInputEditor } from './RunInputEditor';
import type { RunRequest } from './useRunWorkflow';

interface RunControlsProps {
  pending: boolean;
  onRun(request: RunRequest): void;
  /** Input of the run shown on the canvas, offered for reuse; undefined without one. */
  selectedRunInput?: unknown;
}

function isRunShortcut(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.shiftKey;
}

function blockedReason(problemCount: number, inputProblems: string[]): string | null {
  if (problemCount > 0) {
    return `Fix the ${problemCount} problem${problemCount === 1 ? '' : 's'} in the workflow before running it`;
  }
  if (inputProblems.length > 0) return `Fix the run input first: ${inputProblems[0]}`;
  return null;
}

/**
 * Shows the run input editor and the Preview (Ctrl/Cmd+Enter) and Run live buttons. Run live
 * requires a confirmation first, because it commits writes and sends requests.
 */
export function RunControls({ pending, onRun, selectedRunInput }: RunControlsProps) {
  const graph = useGraph();
  const problems = useProblems();
  const schema = useMemo(() => inputSchemaOf(graph), [graph]);
  const [inputText, setInputText] = useState(() => initialInputText(schema));
  const [inputOpen, setInputOpen] = useState(false);
  const [confirmingLive, setConfirmingLive] = useState(false);

  const parsed = useMemo(() => parseRunInput(inputText, schema), [inputText, schema]);
  const inputProblems = parsed.ok ? [] : parsed.problems;
  const blocked = blockedReason(problems.length, inputProblems);
  const disabled = pending || blocked !== null;

  const run = (mode: 'preview' | 'live') => {
    if (!parsed.ok || disabled) return;
    onRun({ kind: 'run', mode, input: parsed.value });
  };

  useEffect(() => {
    const handleKey = (event: KeyboardEvent) => {
      if (!isRunShortcut(event) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      if (parsed.ok && !disabled) onRun({ kind: 'run', mode: 'preview', input: parsed.value });
    };

    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, [parsed, disabled, onRun]);

  return (
    <div className={styles.controls}>
      <Button
        size="sm"
        variant="ghost"
        aria-expanded={inputOpen}
        aria-controls="run-input-editor"
        onClick={() => setInputOpen(!inputOpen)}
        data-testid="run-input-toggle"
        className={inputProblems.length > 0 ? styles.inputInvalid : undefined}
      >
        Input {inputOpen ? '▴' : '▾'}
      </Button>
      <Button
        size="sm"
        variant="primary"
        disabled={disabled}
        title={blocked ?? 'Runs without changing anything outside the run (Ctrl/Cmd+Enter)'}
        onClick={() => run('preview')}
        data-testid="run-preview"
      >
        {pending ? 'Running…' : 'Preview'}
        <kbd className={styles.kbd}>⌘↵</kbd>
      </Button>
      <Button
        size="sm"
        disabled={disabled}
        title={blocked ?? 'Runs for real: commits writes and sends requests'}
        onClick={() => setConfirmingLive(true)}
        data-testid="run-live"
      >
        Run live
      </Button>
      {blocked && !pending && (
        <span className={styles.blocked} data-testid="run-blocked-reason">
          {blocked}
        </span>
      )}
      {inputOpen && (
        <RunInputEditor
          id="run-input-editor"
          text={inputText}
          problems={inputProblems}
          hasSchema={schema !== undefined}
          onChange={setInputText}
          onClose={() => setInputOpen(false)}
          onUseRunInput={
            selectedRunInput === undefined
              ? undefined
              : () => setInputText(JSON.stringify(selectedRunInput, null, 2))
          }
        />
      )}
      <ConfirmDialog
        open={confirmingLive}
        title="Run live?"
        message="A live run commits its writes to your data tables and sends its HTTP requests. Use Preview to try it without changing anything."
        confirmLabel="Run live"
        danger
        onCancel={() => setConfirmingLive(false)}
        onConfirm={() => {
          setConfirmingLive(false);
          run('live');
        }}
      />
    </div>
  );
}
