'use client';

import { FILTER_OPERATORS, type FilterOperator, type QueryFilterConfig } from '@/engine/types';

import { Button } from '@/components/ui/Button';

const OPERATOR_LABELS: Record<FilterOperator, string> = {
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  contains: 'contains',
  in: 'in',
  isNull: 'is null',
  notNull: 'is not null',
};

/** Operators that compare with nothing, so the row has no value expression. */
const UNARY_OPERATORS = new Set<FilterOperator>(['isNull', 'notNull']);

interface FilterEditorProps {
  filters: QueryFilterConfig[];
  columns: string[];
  onChange: (filters: QueryFilterConfig[]) => void;
  readOnly?: boolean;
}

/** Edits a query block's filters: column, operator and value expression per row. */
export function FilterEditor({ filters, columns, onChange, readOnly }: FilterEditorProps) {
  const update = (index: number, patch: Partial<QueryFilterConfig>) =>
    onChange(
      filters.map((filter, i) =>
        i === index ? withoutUnaryValue({ ...filter, ...patch }) : filter,
      ),
    );
  const remove = (index: number) => onChange(filters.filter((_, i) => i !== index));
  const add = () => onChange([...filters, { column: columns[0] ?? '', op: 'eq', value: '' }]);

  return (
    <fieldset className="field field--group" data-testid="filter-editor">
      <legend className="field__label">Filters</legend>
      {filters.length === 0 && <div className="field__hint">No filters: every row matches.</div>}
      {filters.map((filter, index) => (
        <div className="filter-row" key={index} data-testid={`filter-${index}`}>
          <ColumnSelect
            value={filter.column}
            columns={columns}
            label={`Filter ${index + 1} column`}
            readOnly={readOnly}
            onChange={(column) => update(index, { column })}
          />
          <select
            className="select"
            value={filter.op}
            aria-label={`Filter ${index + 1} operator`}
            disabled={readOnly}
            onChange={(event) => update(index, { op: event.target.value as FilterOperator })}
          >
            {FILTER_OPERATORS.map((op) => (
              <option key={op} value={op}>
                {OPERATOR_LABELS[op]}
              </option>
            ))}
          </select>
          {!UNARY_OPERATORS.has(filter.op) && (
            <input
              className="input input--mono"
              value={filter.value ?? ''}
              placeholder="expression, e.g. input.status"
              aria-label={`Filter ${index + 1} value`}
              readOnly={readOnly}
              spellCheck={false}
              onChange={(event) => update(index, { value: event.target.value })}
            />
          )}
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove filter ${index + 1}`}
            disabled={readOnly}
            onClick={() => remove(index)}
          >
            ×
          </Button>
        </div>
      ))}
      <Button size="sm" onClick={add} disabled={readOnly} data-testid="filter-add">
        + Add filter
      </Button>
    </fieldset>
  );
}

function withoutUnaryValue(filter: QueryFilterConfig): QueryFilterConfig {
  if (!UNARY_OPERATORS.has(filter.op)) return filter;
  const { value: _unused, ...rest } = filter;
  return rest;
}

interface ColumnSelectProps {
  value: string;
  columns: string[];
  label: string;
  onChange: (column: string) => void;
  readOnly?: boolean;
}

/** Chooses a column; a column the table no longer has stays visible, marked missing. */
export function ColumnSelect({ value, columns, label, onChange, readOnly }: ColumnSelectProps) {
  const known = columns.includes(value) || value === '_id';

  return (
    <select
      className="select"
      value={value}
      aria-label={label}
      disabled={readOnly}
      onChange={(event) => onChange(event.target.value)}
    >
      {!value && <option value="">column…</option>}
      {value && !known && <option value={value}>{value} (not found)</option>}
      <option value="_id">_id</option>
      {columns.map((column) => (
        <option key={column} value={column}>
          {column}
        </option>
      ))}
    </select>
  );
}
