'use client';

import { memo, useRef } from 'react';

import { BLOCK_META } from '@/components/canvas/block-meta';
import type { BlockType } from '@/engine/types';

import { formatDuration, formatTimeSplit } from './format-duration';
import { barGeometry, type TimelineRow } from './timeline-layout';
import styles from './Timeline.module.css';

/** Hover time before a bar selects its step, so sweeping the pointer across bars does not. */
const HOVER_SELECT_DELAY_MS = 150;

interface TimelineRowViewProps {
  row: TimelineRow;
  top: number;
  name: string;
  pxPerMs: number;
  labelWidth: number;
  selected: boolean;
  onSelect(index: number): void;
  onToggle(key: string): void;
}

function barColor(blockType: string): string {
  return BLOCK_META[blockType as BlockType]?.color ?? '#71717a';
}

function describeStep(row: TimelineRow, name: string): string {
  const { step } = row;
  const iteration = step.iteration === undefined ? '' : ` iteration ${step.iteration}`;
  const status = step.status === 'executed' ? '' : `, ${step.status}`;
  return `${name}${iteration}: ${formatDuration(step.durationMs)}${status}`;
}

function barTitle(row: TimelineRow, name: string): string {
  const { step } = row;
  const lines = [describeStep(row, name), formatTimeSplit(step)];

  if (step.cacheHit) lines.push('cache hit');
  if (step.skipReason) lines.push(`skipped: ${step.skipReason}`);
  if (step.error) lines.push(`error: ${step.error}`);
  return lines.join('\n');
}

/** Draws one timeline row: the block's label (with a toggle on loops) and its bar. */
export const TimelineRowView = memo(function TimelineRowView(props: TimelineRowViewProps) {
  const { row, top, name, pxPerMs, labelWidth, selected, onSelect, onToggle } = props;
  const { step } = row;
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const bar = barGeometry(step, pxPerMs);
  const isLoop = row.childCount > 0;

  const startHover = () => {
    hoverTimer.current = setTimeout(() => onSelect(step.index), HOVER_SELECT_DELAY_MS);
  };
  const endHover = () => clearTimeout(hoverTimer.current);

  return (
    <div
      className={`${styles.row} ${selected ? styles.selected : ''}`}
      style={{ top }}
      data-testid="timeline-row"
      data-step-index={step.index}
    >
      <div className={styles.label} style={{ width: labelWidth, paddingLeft: 6 + row.depth * 12 }}>
        {isLoop && (
          <button
            type="button"
            className={styles.toggle}
            aria-expanded={row.expanded}
            aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${row.childCount} steps of ${name}`}
            onClick={() => onToggle(row.key)}
          >
            {row.expanded ? '▾' : '▸'}
          </button>
        )}
        <span className={styles.name} title={name}>
          {name}
        </span>
        {step.iteration !== undefined && (
          <span className={styles.iteration}>#{step.iteration}</span>
        )}
      </div>
      <button
        type="button"
        className={`${styles.bar} ${styles[step.status] ?? ''}`}
        style={{
          left: labelWidth + bar.leftPx,
          width: bar.widthPx,
          background: barColor(step.blockType),
        }}
        title={barTitle(row, name)}
        aria-label={describeStep(row, name)}
        aria-pressed={selected}
        data-testid="timeline-bar"
        data-block-id={step.blockId}
        onClick={() => onSelect(step.index)}
        onMouseEnter={startHover}
        onMouseLeave={endHover}
      />
      <span className={styles.barLabel} style={{ left: labelWidth + bar.leftPx + bar.widthPx + 4 }}>
        {formatDuration(step.durationMs)}
        {step.cacheHit ? ' · cache' : ''}
        {step.status === 'skipped' ? ` · ${step.skipReason ?? 'skipped'}` : ''}
      </span>
    </div>
  );
});
