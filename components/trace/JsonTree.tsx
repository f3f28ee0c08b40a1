'use client';

import { useState } from 'react';

import { formatBytes, isTruncatedValue } from './format-size';
import styles from './JsonTree.module.css';

/** Entries of one object or array shown before a "show more" button. */
const PAGE_SIZE = 100;

interface NodeProps {
  name?: string;
  value: unknown;
  depth: number;
  /** Levels open when first shown; deeper ones start collapsed. */
  openDepth: number;
}

function Primitive({ value }: { value: unknown }) {
  if (value === null) return <span className={styles.null}>null</span>;
  if (value === undefined) return <span className={styles.null}>undefined</span>;
  if (typeof value === 'string')
    return <span className={styles.string}>{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className={styles.number}>{String(value)}</span>;
  if (typeof value === 'boolean') return <span className={styles.boolean}>{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Key({ name }: { name?: string }) {
  if (name === undefined) return null;
  return <span className={styles.key}>{name}: </span>;
}

function TruncatedNode({
  name,
  value,
  depth,
}: NodeProps & { value: { size: number; preview?: unknown } }) {
  return (
    <div className={styles.row}>
      <Key name={name} />
      <span className={styles.truncated} data-testid="json-truncated">
        truncated, {formatBytes(value.size)} in full
      </span>
      {value.preview !== undefined && (
        <JsonNode name="preview" value={value.preview} depth={depth + 1} openDepth={0} />
      )}
    </div>
  );
}

function ContainerNode({ name, value, depth, openDepth }: NodeProps & { value: object }) {
  const [open, setOpen] = useState(depth < openDepth);
  const [shown, setShown] = useState(PAGE_SIZE);
  const isArray = Array.isArray(value);
  const entries = Object.entries(value);
  const summary = isArray ? `[${entries.length}]` : `{${entries.length}}`;

  return (
    <div className={styles.row}>
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={open}
        aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? 'value'}`}
        onClick={() => setOpen(!open)}
      >
        {open ? '▾' : '▸'}
      </button>
      <Key name={name} />
      <span className={styles.summary}>{summary}</span>
      {open && (
        <div className={styles.children}>
          {entries.slice(0, shown).map(([key, child]) => (
            <JsonNode key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
          ))}
          {entries.length > shown && (
            <button
              type="button"
              className={styles.more}
              onClick={() => setShown(shown + PAGE_SIZE)}
            >
              show {Math.min(PAGE_SIZE, entries.length - shown)} more of {entries.length - shown}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function JsonNode(props: NodeProps) {
  const { name, value } = props;

  if (isTruncatedValue(value)) return <TruncatedNode {...props} value={value} />;
  if (typeof value === 'object' && value !== null)
    return <ContainerNode {...props} value={value} />;

  return (
    <div className={styles.row}>
      <Key name={name} />
      <Primitive value={value} />
    </div>
  );
}

/**
 * Renders a JSON value as a collapsible tree. Values the engine truncated in the trace are marked with
 * their full size; long arrays and objects show 100 entries at a time.
 */
export function JsonTree({
  value,
  openDepth = 2,
  label,
}: {
  value: unknown;
  openDepth?: number;
  label?: string;
}) {
  return (
    <div className={styles.tree} role="group" aria-label={label}>
      <JsonNode value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}
