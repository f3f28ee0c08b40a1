'use client';

import { Button } from '@/components/ui/Button';

interface KeyValueEditorProps {
  label: string;
  entries: Record<string, string>;
  onChange: (entries: Record<string, string>) => void;
  keyPlaceholder: string;
  valuePlaceholder: string;
  /** Offered key names, such as a table's columns. */
  keyOptions?: string[];
  readOnly?: boolean;
  testId: string;
}

/**
 * Edits a map of name → expression, one row per entry. Entries keep their order; renaming a key
 * to one that already exists is ignored, so no entry is lost.
 */
export function KeyValueEditor(props: KeyValueEditorProps) {
  const {
    label,
    entries,
    onChange,
    keyPlaceholder,
    valuePlaceholder,
    keyOptions,
    readOnly,
    testId,
  } = props;
  const rows = Object.entries(entries);
  const listId = `${testId}-keys`;

  const rename = (index: number, key: string) => {
    if (key !== rows[index]![0] && key in entries) return;
    onChange(Object.fromEntries(rows.map((row, i) => (i === index ? [key, row[1]] : row))));
  };
  const setValue = (index: number, value: string) =>
    onChange(Object.fromEntries(rows.map((row, i) => (i === index ? [row[0], value] : row))));
  const remove = (index: number) =>
    onChange(Object.fromEntries(rows.filter((_, i) => i !== index)));
  const add = () => {
    let key = keyOptions?.find((option) => !(option in entries)) ?? 'name';
    for (let n = 2; key in entries; n += 1) key = `name${n}`;
    onChange({ ...entries, [key]: '' });
  };

  return (
    <fieldset className="field field--group" data-testid={testId}>
      <legend className="field__label">{label}</legend>
      {keyOptions && (
        <datalist id={listId}>
          {keyOptions.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
      )}
      {rows.map(([key, value], index) => (
        <div className="kv-row" key={index}>
          <input
            className="input input--mono"
            value={key}
            list={keyOptions ? listId : undefined}
            placeholder={keyPlaceholder}
            aria-label={`${label} ${index + 1} name`}
            readOnly={readOnly}
            onChange={(event) => rename(index, event.target.value)}
          />
          <input
            className="input input--mono"
            value={value}
            placeholder={valuePlaceholder}
            aria-label={`${label} ${index + 1} expression`}
            readOnly={readOnly}
            spellCheck={false}
            onChange={(event) => setValue(index, event.target.value)}
          />
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove ${label.toLowerCase()} ${key}`}
            disabled={readOnly}
            onClick={() => remove(index)}
          >
            ×
          </Button>
        </div>
      ))}
      <Button size="sm" onClick={add} disabled={readOnly} data-testid={`${testId}-add`}>
        + Add
      </Button>
    </fieldset>
  );
}
