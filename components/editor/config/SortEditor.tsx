'use client';

import type { QuerySortConfig } from '@/engine/types';

import { Button } from '@/components/ui/Button';

import { ColumnSelect } from './FilterEditor';

interface SortEditorProps {
  sort: QuerySortConfig[];
  columns: string[];
  onChange: (sort: QuerySortConfig[]) => void;
  readOnly?: boolean;
}

/** Edits a query block's sort keys, applied in order. */
export function SortEditor({ sort, columns, onChange, readOnly }: SortEditorProps) {
  const update = (index: number, patch: Partial<QuerySortConfig>) =>
    onChange(sort.map((entry, i) => (i === index ? { ...entry, ...patch } : entry)));
  const remove = (index: number) => onChange(sort.filter((_, i) => i !== index));
  const add = () => onChange([...sort, { column: columns[0] ?? '_id', direction: 'asc' }]);

  return (
    <fieldset className="field field--group" data-testid="sort-editor">
      <legend className="field__label">Sort</legend>
      {sort.map((entry, index) => (
        <div className="sort-row" key={index}>
          <ColumnSelect
            value={entry.column}
            columns={columns}
            label={`Sort ${index + 1} column`}
            readOnly={readOnly}
            onChange={(column) => update(index, { column })}
          />
          <select
            className="select"
            value={entry.direction}
            aria-label={`Sort ${index + 1} direction`}
            disabled={readOnly}
            onChange={(event) => update(index, { direction: event.target.value as 'asc' | 'desc' })}
          >
            <option value="asc">ascending</option>
            <option value="desc">descending</option>
          </select>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove sort ${index + 1}`}
            disabled={readOnly}
            onClick={() => remove(index)}
          >
            ×
          </Button>
        </div>
      ))}
      <Button size="sm" onClick={add} disabled={readOnly} data-testid="sort-add">
        + Add sort
      </Button>
    </fieldset>
  );
}
