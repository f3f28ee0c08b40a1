'use client';

import { useEffect, useState } from 'react';

import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';

interface NameDialogProps {
  open: boolean;
  title: string;
  initialName: string;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit: (name: string) => void;
  onCancel: () => void;
}

/** Asks for a workflow name, for creating and renaming. */
export function NameDialog(props: NameDialogProps) {
  const { open, title, initialName, submitLabel, busy, error, onSubmit, onCancel } = props;
  const [name, setName] = useState(initialName);

  useEffect(() => {
    if (open) setName(initialName);
  }, [open, initialName]);

  return (
    <Dialog open={open} title={title} onClose={onCancel} testId="name-dialog">
      <form
        className="name-form"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(name);
        }}
      >
        <input
          className="input"
          value={name}
          aria-label="Workflow name"
          data-testid="workflow-name-input"
          maxLength={200}
          autoFocus
          onChange={(event) => setName(event.target.value)}
        />
        {error && (
          <div className="field__error" role="alert">
            {error}
          </div>
        )}
        <div className="dialog__actions">
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="primary"
            disabled={busy || name.trim() === ''}
            data-testid="name-submit"
          >
            {busy ? 'Working…' : submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
