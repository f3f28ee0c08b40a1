'use client';

import type { WriteBlockConfig, WriteOperation } from '@/engine/types';

import { ExpressionField } from './ExpressionField';
import { SelectField } from './fields';
import { KeyValueEditor } from './KeyValueEditor';
import { OutputKeyField } from './QueryForm';
import { TablePicker } from './TablePicker';
import type { BlockEditor } from './useBlockEditor';
import { useTables } from './useTables';

const OPERATIONS: readonly WriteOperation[] = ['insert', 'update', 'delete'];

/** Config of a write block: table, operation, row id, values, output and idempotency keys. */
export function WriteForm({ editor }: { editor: BlockEditor<WriteBlockConfig> }) {
  const { config, readOnly, block } = editor;
  const { tables, loading, error } = useTables();
  const columns =
    tables.find((table) => table.name === config.table)?.columns.map((c) => c.name) ?? [];
  const needsRow = config.operation !== 'insert';

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
      <SelectField
        label="Operation"
        value={config.operation}
        options={OPERATIONS}
        disabled={readOnly}
        testId="config-operation"
        onChange={(operation) => editor.setConfig({ operation }, 'operation')}
      />
      {needsRow && (
        <ExpressionField
          label="Row id"
          blockId={block.id}
          value={config.rowId ?? ''}
          placeholder="vars.order._id"
          readOnly={readOnly}
          testId="config-rowId"
          onChange={(rowId) => editor.setConfig({ rowId }, 'rowId')}
        />
      )}
      {config.operation !== 'delete' && (
        <KeyValueEditor
          label="Values"
          entries={config.values ?? {}}
          keyOptions={columns}
          keyPlaceholder="column"
          valuePlaceholder="expression"
          readOnly={readOnly}
          testId="config-values"
          onChange={(values) => editor.setConfig({ values }, 'values')}
        />
      )}
      <OutputKeyField editor={editor} />
      <ExpressionField
        label="Idempotency key (optional)"
        blockId={block.id}
        value={config.idempotencyKey ?? ''}
        placeholder="item._id"
        readOnly={readOnly}
        testId="config-idempotencyKey"
        onChange={(key) =>
          key === ''
            ? editor.unsetConfig(['idempotencyKey'], 'idempotencyKey')
            : editor.setConfig({ idempotencyKey: key }, 'idempotencyKey')
        }
      />
    </>
  );
}
