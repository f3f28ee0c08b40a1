'use client';

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

import type { StepTrace, WorkflowGraph } from '@/engine/types';
import { useDebuggerStore, useSelectedStepIndex } from '@/components/debugger';

import { TimelineAxis } from './TimelineAxis';
import { TimelineRowView } from './TimelineRowView';
import {
  buildTimelineRows,
  clampZoom,
  fitScale,
  scrollTopRevealingRow,
  timelineExtentMs,
  visibleRowWindow,
} from './timeline-layout';
import styles from './Timeline.module.css';
import { useElementSize } from './useElementSize';
import { useWheelZoom } from './useWheelZoom';

export const ROW_HEIGHT = 22;
export const LABEL_WIDTH = 180;
export const AXIS_HEIGHT = 22;
const OVERSCAN_ROWS = 8;
const RIGHT_PADDING = 24;
const ZOOM_STEP = 1.5;

interface TimelineProps {
  steps: StepTrace[];
  graph: WorkflowGraph;
}

/**
 * Keeps the selected step's row in view when the selection changes, for example from the canvas.
 * It compares with the `scrollTop` state, because reading the element's position would force a
 * layout right after the selection rendered. The new position goes into the state at once, so the
 * rows it reveals render in the same frame.
 */
function useScrollToSelected(
  container: HTMLDivElement | null,
  rowIndex: number,
  scrollTop: number,
  height: number,
  setScrollTop: (scrollTop: number) => void,
): void {
  const scrollTopRef = useRef(scrollTop);

  useLayoutEffect(() => {
    scrollTopRef.current = scrollTop;
  }, [scrollTop]);

  useEffect(() => {
    if (!container || rowIndex < 0 || height <= AXIS_HEIGHT) return;

    const target = scrollTopRevealingRow({
      rowIndex,
      scrollTop: scrollTopRef.current,
      viewportHeight: height,
      rowHeight: ROW_HEIGHT,
      headerHeight: AXIS_HEIGHT,
    });
    if (target === null) return;

    container.scrollTop = target;
    // The element clamps the position to its scroll range. Reading it back costs no layout,
    // because setting it has just laid out the page.
    setScrollTop(container.scrollTop);
  }, [container, rowIndex, height, setScrollTop]);
}

interface ZoomAnchor {
  timeMs: number;
  cursorX: number;
}

/**
 * Returns a zoom setter that keeps the time under the cursor in place, by scrolling the
 * container once the new zoom has rendered.
 */
function useZoomAnchor(
  container: HTMLDivElement | null,
  fitPxPerMs: number,
  zoom: number,
  setZoom: (zoom: number) => void,
): (factor: number, cursorX: number) => void {
  const anchor = useRef<ZoomAnchor | null>(null);
  const latest = useRef({ fitPxPerMs, zoom });

  useLayoutEffect(() => {
    latest.current = { fitPxPerMs, zoom };
    if (!container || !anchor.current) return;

    const { timeMs, cursorX } = anchor.current;
    container.scrollLeft = timeMs * fitPxPerMs * zoom - (cursorX - LABEL_WIDTH);
    anchor.current = null;
  }, [container, fitPxPerMs, zoom]);

  return useCallback(
    (factor: number, cursorX: number) => {
      const current = latest.current;
      const barX = (container?.scrollLeft ?? 0) + cursorX - LABEL_WIDTH;
      anchor.current = { timeMs: barX / (current.fitPxPerMs * current.zoom), cursorX };
      setZoom(clampZoom(current.zoom * factor));
    },
    [container, setZoom],
  );
}

/**
 * Draws one bar per step on a shared time axis, coloured by block type, with loop iterations nested
 * under their loop. Only the rows in view are rendered, so a run of 1000 steps scrolls smoothly.
 * Zoom with the buttons or Ctrl+wheel; click or hover a bar to select its step and block.
 */
export function Timeline({ steps, graph }: TimelineProps) {
  const store = useDebuggerStore();
  const selectedStepIndex = useSelectedStepIndex();
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const { width, height } = useElementSize(container);
  const [scrollTop, setScrollTop] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const rows = useMemo(() => buildTimelineRows(steps, graph, collapsed), [steps, graph, collapsed]);
  const names = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node.name])), [graph]);
  const extentMs = timelineExtentMs(steps);
  const pxPerMs = fitScale(extentMs, width - LABEL_WIDTH - RIGHT_PADDING) * zoom;
  const rowWindow = visibleRowWindow({
    scrollTop,
    viewportHeight: height,
    rowHeight: ROW_HEIGHT,
    rowCount: rows.length,
    overscan: OVERSCAN_ROWS,
  });
  const selectedRow = rows.findIndex((row) => row.step.index === selectedStepIndex);

  useScrollToSelected(container, selectedRow, scrollTop, height, setScrollTop);
  const setZoomAround = useZoomAnchor(container, pxPerMs / zoom, zoom, setZoom);
  useWheelZoom(container, setZoomAround);

  const toggle = useCallback((key: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const select = useCallback((index: number) => store.selectStep(index), [store]);
  const contentWidth = LABEL_WIDTH + extentMs * pxPerMs + RIGHT_PADDING;
  const zoomCenterX = LABEL_WIDTH + (width - LABEL_WIDTH) / 2;

  return (
    <section className={styles.timeline} aria-label="Timeline" data-testid="timeline">
      <div className={styles.toolbar}>
        <span className={styles.title}>Timeline</span>
        <span className={styles.count}>{steps.length} steps</span>
        <div className={styles.zoom}>
          <button
            type="button"
            aria-label="Zoom out of the timeline"
            disabled={zoom <= 1}
            onClick={() => setZoomAround(1 / ZOOM_STEP, zoomCenterX)}
          >
            −
          </button>
          <span data-testid="timeline-zoom">{Math.round(zoom * 100)}%</span>
          <button
            type="button"
            aria-label="Zoom in on the timeline"
            onClick={() => setZoomAround(ZOOM_STEP, zoomCenterX)}
          >
            +
          </button>
          <button
            type="button"
            aria-label="Fit the timeline to its width"
            disabled={zoom === 1}
            onClick={() => setZoom(1)}
          >
            Fit
          </button>
        </div>
      </div>
      <div
        ref={setContainer}
        className={styles.scroller}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        data-testid="timeline-scroller"
      >
        <div
          className={styles.canvas}
          style={{ width: contentWidth, height: AXIS_HEIGHT + rows.length * ROW_HEIGHT }}
        >
          <TimelineAxis
            extentMs={extentMs}
            pxPerMs={pxPerMs}
            offsetPx={LABEL_WIDTH}
            labelWidth={LABEL_WIDTH}
          />
          {rows.slice(rowWindow.start, rowWindow.end).map((row, offset) => (
            <TimelineRowView
              key={row.key}
              row={row}
              top={AXIS_HEIGHT + (rowWindow.start + offset) * ROW_HEIGHT}
              name={names.get(row.step.blockId) ?? row.step.blockId}
              pxPerMs={pxPerMs}
              labelWidth={LABEL_WIDTH}
              selected={row.step.index === selectedStepIndex}
              onSelect={select}
              onToggle={toggle}
            />
          ))}
        </div>
      </div>
    </section>
  );
}
