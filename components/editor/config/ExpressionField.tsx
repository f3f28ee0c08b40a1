'use client';

import { Field } from './fields';
import { useScopeNames } from './useScopeNames';

interface ExpressionFieldProps {
  label: string;
  blockId: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  readOnly?: boolean;
  /** Several lines, for bodies and values. */
  multiline?: boolean;
  testId?: string;
}

const MAX_NAMES_SHOWN = 8;

/** Renders a monospace expression input with the names it can read listed below. */
export function ExpressionField(props: ExpressionFieldProps) {
  const { label, blockId, value, onChange, placeholder, readOnly, multiline, testId } = props;
  const names = useScopeNames(blockId);
  const shown = names.slice(0, MAX_NAMES_SHOWN).join(', ');
  const more = names.length > MAX_NAMES_SHOWN ? ` and ${names.length - MAX_NAMES_SHOWN} more` : '';
  const hint = <span className="field__scope">In scope: {shown + more}</span>;
  const common = {
    className: 'input input--mono',
    value,
    placeholder,
    readOnly,
    spellCheck: false,
    'data-testid': testId,
  };

  return (
    <Field label={label} hint={hint}>
      {(id) =>
        multiline ? (
          <textarea
            id={id}
            rows={3}
            {...common}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <input id={id} {...common} onChange={(event) => onChange(event.target.value)} />
        )
      }
    </Field>
  );
}
