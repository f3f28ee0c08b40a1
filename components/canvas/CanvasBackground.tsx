'use client';

import { useStore, type ReactFlowState } from '@xyflow/react';
import type { CSSProperties } from 'react';

import { dotGridStyle } from './dot-grid';

const selectTransform = (state: ReactFlowState) => state.transform;

/**
 * Draws the canvas's dot grid, which pans and zooms with the flow, as a CSS radial gradient.
 * React Flow's `<Background>` draws the same grid as an SVG pattern, which Chromium 156 laid out
 * again with unrelated layout changes and then rasterized anew over the whole canvas.
 */
export function CanvasBackground() {
  const [x, y, zoom] = useStore(selectTransform);
  const style: CSSProperties = { ...dotGridStyle(x, y, zoom), position: 'absolute', inset: 0 };

  return <div className="react-flow__background" style={style} aria-hidden="true" />;
}
