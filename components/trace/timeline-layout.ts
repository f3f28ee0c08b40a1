/**
 * Pure layout of the run timeline: which rows exist (steps, with loop iterations nested under
 * their loop step), where each bar sits on the time axis, which rows are visible in the scrolled
 * viewport, and the axis ticks. The React component only draws what these functions return.
 */

import type { StepTrace, WorkflowGraph } from '@/engine/types';

export interface TimelineRow {
  /** Stable key: `step-<index>`. */
  key: string;
  step: StepTrace;
  /** Nesting level: 0 for top-level steps, 1 for a loop body step, and so on. */
  depth: number;
  /** Body steps under this row; non-zero only for loop steps. */
  childCount: number;
  expanded: boolean;
}

export function rowKey(step: StepTrace): string {
  return `step-${step.index}`;
}

function byStartThenIndex(a: StepTrace, b: StepTrace): number {
  return a.startOffsetMs - b.startOffsetMs || a.index - b.index;
}

/** Finds the loop step instance that contains `step`: the latest one started at or before it. */
function findContainingInstance(instances: StepTrace[], step: StepTrace): StepTrace | undefined {
  let low = 0;
  let high = instances.length - 1;
  let found: StepTrace | undefined;

  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = instances[middle]!;
    if (candidate.startOffsetMs <= step.startOffsetMs) {
      found = candidate;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }

  return found ?? instances[0];
}

function groupLoopInstances(steps: StepTrace[]): Map<string, StepTrace[]> {
  const instances = new Map<string, StepTrace[]>();

  for (const step of steps) {
    if (step.blockType !== 'loop') continue;
    const list = instances.get(step.blockId) ?? [];
    list.push(step);
    instances.set(step.blockId, list);
  }

  for (const list of instances.values()) list.sort(byStartThenIndex);
  return instances;
}

interface StepTree {
  roots: StepTrace[];
  children: Map<number, StepTrace[]>;
}

/** Places every step under the loop step instance it ran in, or at the top level. */
function buildStepTree(steps: StepTrace[], graph?: WorkflowGraph): StepTree {
  const parentOf = new Map((graph?.nodes ?? []).map((node) => [node.id, node.parentId]));
  const instances = groupLoopInstances(steps);
  const roots: StepTrace[] = [];
  const children = new Map<number, StepTrace[]>();

  for (const step of steps) {
    const loopId = parentOf.get(step.blockId);
    const parent = loopId ? findContainingInstance(instances.get(loopId) ?? [], step) : undefined;

    if (!parent) {
      roots.push(step);
      continue;
    }

    const siblings = children.get(parent.index) ?? [];
    siblings.push(step);
    children.set(parent.index, siblings);
  }

  return { roots, children };
}

/**
 * Lists the timeline rows in time order. Steps inside a loop body are nested under the loop step
 * they ran in; a loop whose key is in `collapsedKeys` hides them. A body step whose loop has not
 * recorded its step yet (a run in progress) is listed at the top level.
 */
export function buildTimelineRows(
  steps: StepTrace[],
  graph: WorkflowGraph | undefined,
  collapsedKeys: ReadonlySet<string>,
): TimelineRow[] {
  const tree = buildStepTree(steps, graph);
  const rows: TimelineRow[] = [];

  const visit = (list: StepTrace[], depth: number): void => {
    for (const step of [...list].sort(byStartThenIndex)) {
      const key = rowKey(step);
      const nested = tree.children.get(step.index) ?? [];
      const expanded = !collapsedKeys.has(key);
      rows.push({ key, step, depth, childCount: nested.length, expanded });
      if (expanded) visit(nested, depth + 1);
    }
  };

  visit(tree.roots, 0);
  return rows;
}

/** End of the latest step, in milliseconds from the run start. */
export function timelineExtentMs(steps: StepTrace[]): number {
  return steps.reduce((end, step) => Math.max(end, step.startOffsetMs + step.durationMs), 0);
}

export const MIN_BAR_WIDTH_PX = 2;

export interface BarGeometry {
  leftPx: number;
  widthPx: number;
}

/** Places a step's bar: `pxPerMs` pixels per millisecond, at least `MIN_BAR_WIDTH_PX` wide. */
export function barGeometry(step: StepTrace, pxPerMs: number): BarGeometry {
  return {
    leftPx: step.startOffsetMs * pxPerMs,
    widthPx: Math.max(MIN_BAR_WIDTH_PX, step.durationMs * pxPerMs),
  };
}

/** Computes the pixels per millisecond that fit `extentMs` into `widthPx` (zero counts as 1 ms). */
export function fitScale(extentMs: number, widthPx: number): number {
  return Math.max(widthPx, 1) / Math.max(extentMs, 1);
}

export const MAX_ZOOM = 1000;

/** Keeps a zoom level, relative to the fitted scale, between 1× (fit) and `MAX_ZOOM`×. */
export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(1, zoom));
}

export interface RowWindowRequest {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  /** Rows rendered above and below the viewport so fast scrolling shows no gap. */
  overscan: number;
}

export interface RowWindow {
  /** First rendered row. */
  start: number;
  /** One past the last rendered row. */
  end: number;
}

/** Computes the rows to render for a scrolled viewport, so 1000 steps cost as much as 30. */
export function visibleRowWindow(request: RowWindowRequest): RowWindow {
  const { scrollTop, viewportHeight, rowHeight, rowCount, overscan } = request;
  const firstVisible = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const lastVisible = Math.ceil((Math.max(0, scrollTop) + viewportHeight) / rowHeight);

  return {
    start: Math.max(0, Math.min(rowCount, firstVisible - overscan)),
    end: Math.max(0, Math.min(rowCount, lastVisible + overscan)),
  };
}

export interface RevealRowRequest {
  rowIndex: number;
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  /** Height of the sticky axis above the first row, which covers the top of the viewport. */
  headerHeight: number;
}

/**
 * Returns the scroll position that brings row `rowIndex` fully into view with the least
 * scrolling, or null when it is in view already. Rows sit below the sticky header, so the
 * visible rows span `[scrollTop, scrollTop + viewportHeight - headerHeight]`.
 */
export function scrollTopRevealingRow(request: RevealRowRequest): number | null {
  const { rowIndex, scrollTop, viewportHeight, rowHeight, headerHeight } = request;
  const rowTop = rowIndex * rowHeight;
  const rowBottom = headerHeight + rowTop + rowHeight;

  if (rowTop < scrollTop) return rowTop;
  // Rounded up to whole pixels, as scroll events report them, because the height can be fractional.
  if (rowBottom > scrollTop + viewportHeight) return Math.ceil(rowBottom - viewportHeight);
  return null;
}

/**
 * Axis tick positions in milliseconds: a 1, 2 or 5 × 10ⁿ step so that ticks are at least
 * `minSpacingPx` apart, from 0 up to `extentMs`.
 */
export function axisTicks(extentMs: number, pxPerMs: number, minSpacingPx: number): number[] {
  if (extentMs <= 0 || pxPerMs <= 0) return [0];

  const minStepMs = minSpacingPx / pxPerMs;
  const magnitude = 10 ** Math.floor(Math.log10(minStepMs));
  const stepMs = [1, 2, 5, 10].map((m) => m * magnitude).find((step) => step >= minStepMs)!;
  const ticks: number[] = [];

  for (let tick = 0; tick <= extentMs + stepMs * 1e-9; tick += stepMs) {
    ticks.push(Number(tick.toPrecision(12)));
  }

  return ticks;
}
