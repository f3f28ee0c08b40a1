'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/Button';

import { SKIP_INVALID_LABEL, type ImportMessage, type SkippedLine } from './import-protocol';
import styles from './tables.module.css';
import { uploadImport } from './upload-import';

type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fraction: number }
  | { phase: 'importing'; rows: number; fraction: number | null }
  | { phase: 'done'; tableName: string; created: boolean; inserted: number; skipped: SkippedLine[] }
  | { phase: 'failed'; message: string };

/** Suggests a table name from a file name: `order-details.csv` → `order-details`. */
function tableNameFromFile(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '');
}

function applyMessage(message: ImportMessage): ImportState {
  if (message.type === 'progress') {
    const fraction = message.total > 0 ? message.inserted / message.total : null;
    return { phase: 'importing', rows: message.inserted, fraction };
  }
  if (message.type === 'done') {
    return {
      phase: 'done',
      tableName: message.tableName,
      created: message.created,
      inserted: message.inserted,
      skipped: message.skipped,
    };
  }
  return { phase: 'failed', message: message.message };
}

function ImportStatus({ state }: { state: ImportState }) {
  if (state.phase === 'uploading') {
    return (
      <div data-testid="import-progress">
        <progress
          className={styles.progress}
          value={state.fraction}
          max={1}
          aria-label="Upload progress"
        />
        {state.fraction < 1
          ? `Uploading… ${Math.round(state.fraction * 100)}%`
          : 'Checking the file and inferring column types…'}
      </div>
    );
  }
  if (state.phase === 'importing') {
    return (
      <div data-testid="import-progress">
        <progress
          className={styles.progress}
          value={state.fraction ?? undefined}
          max={1}
          aria-label="Import progress"
        />
        Importing… {state.rows.toLocaleString('en-US')} rows loaded
      </div>
    );
  }
  if (state.phase === 'done') {
    return (
      <div className={styles.importDone} role="status" data-testid="import-done">
        Imported {state.inserted.toLocaleString('en-US')} rows into{' '}
        {state.created ? 'the new table' : 'the existing table'} &quot;{state.tableName}&quot;.
        {state.skipped.length > 0 && (
          <>
            {' '}
            Skipped {state.skipped.length} invalid {state.skipped.length === 1 ? 'line' : 'lines'}:
            <ul className={styles.skippedList}>
              {state.skipped.map((skipped) => (
                <li key={skipped.line}>
                  line {skipped.line}: {skipped.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    );
  }
  if (state.phase === 'failed') {
    return (
      <p className={styles.importError} role="alert" data-testid="import-error">
        {state.message}
      </p>
    );
  }
  return null;
}

/**
 * Imports a CSV file from the browser into a new or existing data table, with a progress bar
 * and the same errors as `npm run flow -- import-csv`.
 */
export function ImportCsv({ existingNames }: { existingNames: string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [tableName, setTableName] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const busy = state.phase === 'uploading' || state.phase === 'importing';
  const appends = existingNames.includes(tableName.trim());

  const start = async () => {
    if (!file) return;
    setState({ phase: 'uploading', fraction: 0 });

    try {
      await uploadImport(
        { file, tableName: tableName.trim(), skipInvalid },
        {
          onUploadProgress: (fraction) => setState({ phase: 'uploading', fraction }),
          onMessage: (message) => setState(applyMessage(message)),
        },
      );
      router.refresh();
    } catch (error) {
      setState({
        phase: 'failed',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };

  return (
    <>
      <Button
        variant="primary"
        className={styles.importToggle}
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        data-testid="import-csv-toggle"
      >
        Import CSV
      </Button>
      {open && (
        <div
          className={styles.importPanel}
          data-testid="import-csv"
          role="dialog"
          aria-label="Import CSV"
        >
          <div className={styles.field}>
            <label htmlFor="import-file">CSV file</label>
            <input
              id="import-file"
              type="file"
              accept=".csv,text/csv"
              disabled={busy}
              onChange={(event) => {
                const chosen = event.target.files?.[0] ?? null;
                setFile(chosen);
                if (chosen && tableName === '') setTableName(tableNameFromFile(chosen.name));
                setState({ phase: 'idle' });
              }}
            />
          </div>
          <div className={styles.field}>
            <label htmlFor="import-table">
              Table name{' '}
              <span className={styles.hint}>
                {appends
                  ? 'exists: rows are appended when the columns match'
                  : 'a new table is created'}
              </span>
            </label>
            <input
              id="import-table"
              type="text"
              value={tableName}
              disabled={busy}
              onChange={(event) => setTableName(event.target.value)}
            />
          </div>
          <label className={styles.checkbox}>
            <input
              type="checkbox"
              checked={skipInvalid}
              disabled={busy}
              onChange={(event) => setSkipInvalid(event.target.checked)}
            />
            {SKIP_INVALID_LABEL}
          </label>
          <ImportStatus state={state} />
          <div className={styles.importActions}>
            <Button onClick={() => setOpen(false)} disabled={busy}>
              Close
            </Button>
            <Button
              variant="primary"
              onClick={start}
              disabled={busy || !file || tableName.trim() === ''}
              data-testid="import-start"
            >
              {busy ? 'Importing…' : 'Import'}
            </Button>
          </div>
        </div>
      )}
    </>
  );
}
