'use client';

import styles from './RunControls.module.css';

interface RunInputEditorProps {
  id: string;
  text: string;
  problems: string[];
  hasSchema: boolean;
  onChange(text: string): void;
  onClose(): void;
  /** Replaces the text with the input of the selected run; absent without one. */
  onUseRunInput?: () => void;
}

/** Edits the run input as JSON, checked against the input block's schema as it is typed. */
export function RunInputEditor({
  id,
  text,
  problems,
  hasSchema,
  onChange,
  onClose,
  onUseRunInput,
}: RunInputEditorProps) {
  return (
    <div id={id} className={styles.inputPanel} data-testid="run-input-editor">
      <div className={styles.inputHeader}>
        <label htmlFor={`${id}-text`}>Run input (JSON)</label>
        <span className={styles.hint}>
          {hasSchema
            ? 'checked against the input block schema'
            : 'the input block declares no schema'}
        </span>
        <button
          type="button"
          className={styles.close}
          aria-label="Close the input editor"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <textarea
        id={`${id}-text`}
        className={styles.inputText}
        value={text}
        spellCheck={false}
        rows={8}
        aria-invalid={problems.length > 0}
        aria-describedby={`${id}-problems`}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      />
      {onUseRunInput && (
        <button
          type="button"
          className={styles.useInput}
          onClick={onUseRunInput}
          data-testid="use-run-input"
        >
          Use the input of the selected run
        </button>
      )}
      <ul id={`${id}-problems`} className={styles.problems} data-testid="run-input-problems">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
