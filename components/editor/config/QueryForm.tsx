'use client';

import type { QueryBlockConfig } from '@/engine/types';

import { CheckboxField, NumberField, TextField } from './fields';
import { FilterEditor } from './FilterEditor';
import { SortEditor } from './SortEditor';
import { TablePicker } from './TablePicker';
import type { BlockEditor } from './useBlockEditor';
import { useTables } from './useTables';

/** Config of a query block: table, filters, sort, limit, single row and output key. */
export function QueryForm({ editor }: { editor: BlockEditor<QueryBlockConfig> }) {
  const { config, readOnly } = editor;
  const { tables, loading, error } = useTables();
  const columns =
    tables.find((table) => table.name === config.table)?.columns.map((c) => c.name) ?? [];

  return (
    <>
      <TablePicker
        value={config.table}
        tables={tables}
        loading={loading}
        error={error}
        readOnly={readOnly}
        onChange={(table) => editor.setConfig({ table }, 'table')}
      />
      <FilterEditor
        filters={config.filters ?? []}
        columns={columns}
        readOnly={readOnly}
        onChange={(filters) => editor.setConfig({ filters }, 'filters')}
      />
      <SortEditor
        sort={config.sort ?? []}
        columns={columns}
        readOnly={readOnly}
        onChange={(sort) => editor.setConfig({ sort }, 'sort')}
      />
      <NumberField
        label="Limit"
        value={config.limit}
        min={1}
        max={10_000}
        placeholder="100"
        hint="Rows at most; default 100, maximum 10,000."
        readOnly={readOnly}
        testId="config-limit"
        onChange={(limit) =>
          limit === undefined
            ? editor.unsetConfig(['limit'], 'limit')
            : editor.setConfig({ limit }, 'limit')
        }
      />
      <CheckboxField
        label="Single row (output the first row or null)"
        checked={config.single ?? false}
        disabled={readOnly}
        testId="config-single"
        onChange={(single) => editor.setConfig({ single }, 'single')}
      />
      <OutputKeyField editor={editor} />
    </>
  );
}

/** Edits the variable a block's result is stored under, read later as `vars.<outputKey>`. */
export function OutputKeyField({
  editor,
  optional,
}: {
  editor: BlockEditor<{ outputKey?: string }>;
  optional?: boolean;
}) {
  const value = editor.config.outputKey ?? '';

  return (
    <TextField
      label={optional ? 'Output key (optional)' : 'Output key'}
      value={value}
      mono
      readOnly={editor.readOnly}
      testId="config-outputKey"
      hint={value ? `Later blocks read the result as vars.${value}` : 'Name of the result variable'}
      onChange={(outputKey) =>
        optional && outputKey === ''
          ? editor.unsetConfig(['outputKey'], 'outputKey')
          : editor.setConfig({ outputKey }, 'outputKey')
      }
    />
  );
}
