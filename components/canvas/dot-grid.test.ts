import { describe, expect, it } from 'vitest';

import { DOT_GAP, dotGridStyle } from './dot-grid';

/** Returns the centre of the first dot of a gradient tile grid, relative to the pane's origin. */
function firstDotCentre(position: string, gapPx: number): number {
  const offset = Number.parseFloat(position);
  return offset + gapPx / 2;
}

/** Returns where `<Background>` of @xyflow/react 12 draws the first dot. */
function reactFlowDotCentre(translate: number, zoom: number): number {
  const gap = DOT_GAP * zoom;
  const radius = zoom / 2;
  return (translate % gap) - gap / 2 + radius;
}

describe('dotGridStyle', () => {
  it('repeats every gap scaled by the zoom', () => {
    expect(dotGridStyle(0, 0, 1).backgroundSize).toBe('16px 16px');
    expect(dotGridStyle(0, 0, 0.5).backgroundSize).toBe('8px 8px');
  });

  it.each([
    [39, -91, 0.2],
    [0, 0, 1],
    [123.4, 56.7, 1.5],
    [-250, 400, 2],
  ])('places the dots where React Flow does at x %d, y %d, zoom %d', (x, y, zoom) => {
    const style = dotGridStyle(x, y, zoom);
    const [positionX, positionY] = style.backgroundPosition.split(' ');
    const gap = DOT_GAP * zoom;

    expect(firstDotCentre(positionX!, gap)).toBeCloseTo(reactFlowDotCentre(x, zoom), 6);
    expect(firstDotCentre(positionY!, gap)).toBeCloseTo(reactFlowDotCentre(y, zoom), 6);
  });

  it('draws a full-colour dot with a one-pixel edge from one pixel up', () => {
    expect(dotGridStyle(0, 0, 2).backgroundImage).toBe(
      'radial-gradient(circle, var(--xy-background-pattern-dots-color-default) 0.5px, transparent 1.5px)',
    );
  });

  it('fades a dot smaller than a pixel by its area', () => {
    expect(dotGridStyle(0, 0, 0.5).backgroundImage).toBe(
      'radial-gradient(circle, color-mix(in srgb, var(--xy-background-pattern-dots-color-default) 18.75%, transparent), transparent 1px)',
    );
  });
});
