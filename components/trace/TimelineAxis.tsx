import { formatDuration } from './format-duration';
import { axisTicks } from './timeline-layout';
import styles from './Timeline.module.css';

/** Minimum distance between two axis labels, in pixels. */
const TICK_SPACING_PX = 90;

interface TimelineAxisProps {
  extentMs: number;
  pxPerMs: number;
  /** Left edge of time zero, in pixels: the width of the label column. */
  offsetPx: number;
  labelWidth: number;
}

/** Draws the time axis along the top of the timeline, kept in view while the rows scroll. */
export function TimelineAxis({ extentMs, pxPerMs, offsetPx, labelWidth }: TimelineAxisProps) {
  const ticks = axisTicks(extentMs, pxPerMs, TICK_SPACING_PX);

  return (
    <div className={styles.axis} aria-hidden="true">
      <div className={styles.axisCorner} style={{ width: labelWidth }}>
        block
      </div>
      {ticks.map((tickMs) => (
        <span key={tickMs} className={styles.tick} style={{ left: offsetPx + tickMs * pxPerMs }}>
          {formatDuration(tickMs)}
        </span>
      ))}
    </div>
  );
}
