'use client';

import type { DataTableInfo } from '@/engine/data';

import { Field } from './fields';

interface TablePickerProps {
  value: string;
  tables: DataTableInfo[];
  loading: boolean;
  error: string | null;
  onChange: (table: string) => void;
  readOnly?: boolean;
}

/** Chooses a data table by name; a name that no longer exists stays visible, marked missing. */
export function TablePicker({
  value,
  tables,
  loading,
  error,
  onChange,
  readOnly,
}: TablePickerProps) {
  const known = tables.some((table) => table.name === value);
  const hint = loading
    ? 'Loading tables…'
    : tables.length === 0
      ? 'This tenant has no data tables yet; create one under Tables.'
      : undefined;

  return (
    <Field label="Table" hint={hint} error={error ? `Could not load tables: ${error}` : null}>
      {(id) => (
        <select
          id={id}
          className="select"
          value={value}
          disabled={readOnly}
          data-testid="config-table"
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">Choose a table…</option>
          {value && !known && <option value={value}>{value} (not found)</option>}
          {tables.map((table) => (
            <option key={table.id} value={table.name}>
              {table.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
