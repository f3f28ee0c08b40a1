'use client';

import { useId, type ReactNode } from 'react';

export interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  children: (id: string) => ReactNode;
}

/** Renders a labelled form row. `children` receives the id to put on the control. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(id)}
      {error && (
        <div className="field__error" role="alert">
          {error}
        </div>
      )}
      {hint && !error && <div className="field__hint">{hint}</div>}
    </div>
  );
}

interface TextProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  placeholder?: string;
  readOnly?: boolean;
  mono?: boolean;
  testId?: string;
}

export function TextField({
  label,
  value,
  onChange,
  hint,
  placeholder,
  readOnly,
  mono,
  testId,
}: TextProps) {
  return (
    <Field label={label} hint={hint}>
      {(id) => (
        <input
          id={id}
          className={mono ? 'input input--mono' : 'input'}
          value={value}
          placeholder={placeholder}
          readOnly={readOnly}
          spellCheck={false}
          data-testid={testId}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

interface NumberProps {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  hint?: ReactNode;
  placeholder?: string;
  min?: number;
  max?: number;
  readOnly?: boolean;
  testId?: string;
}

/** Renders a number input. Clearing it sets the value to undefined, so the engine default applies. */
export function NumberField(props: NumberProps) {
  const { label, value, onChange, hint, placeholder, min, max, readOnly, testId } = props;

  return (
    <Field label={label} hint={hint}>
      {(id) => (
        <input
          id={id}
          type="number"
          className="input"
          value={value ?? ''}
          placeholder={placeholder}
          min={min}
          max={max}
          readOnly={readOnly}
          data-testid={testId}
          onChange={(event) => {
            const text = event.target.value;
            onChange(text === '' ? undefined : Number(text));
          }}
        />
      )}
    </Field>
  );
}

interface SelectProps<T extends string> {
  label: string;
  value: T;
  options: readonly T[] | readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  hint?: ReactNode;
  disabled?: boolean;
  testId?: string;
}

export function SelectField<T extends string>(props: SelectProps<T>) {
  const { label, value, options, onChange, hint, disabled, testId } = props;

  return (
    <Field label={label} hint={hint}>
      {(id) => (
        <select
          id={id}
          className="select"
          value={value}
          disabled={disabled}
          data-testid={testId}
          onChange={(event) => onChange(event.target.value as T)}
        >
          {options.map((option) => {
            const entry = typeof option === 'string' ? { value: option, label: option } : option;
            return (
              <option key={entry.value} value={entry.value}>
                {entry.label}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}

interface CheckboxProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  testId?: string;
}

export function CheckboxField({ label, checked, onChange, disabled, testId }: CheckboxProps) {
  return (
    <label className="field field--checkbox">
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        data-testid={testId}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
}
