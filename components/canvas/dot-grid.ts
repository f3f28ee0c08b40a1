/** Distance between grid dots, in flow units. */
export const DOT_GAP = 16;
/** Dot diameter, in flow units. */
export const DOT_SIZE = 1;

const DOT_COLOR = 'var(--xy-background-pattern-dots-color-default)';

/**
 * Returns the background of a dot grid for the viewport transform `x`, `y` (pixels) and `zoom`:
 * one dot every `DOT_GAP` flow units, placed where React Flow's `<Background>` puts them. A CSS
 * gradient is sampled at pixel centres without antialiasing, so the dot fades out over one
 * pixel, and a dot smaller than a pixel is drawn as a faint one-pixel dot of the same ink.
 */
export function dotGridStyle(
  x: number,
  y: number,
  zoom: number,
): { backgroundImage: string; backgroundSize: string; backgroundPosition: string } {
  const gap = DOT_GAP * zoom;
  const diameter = DOT_SIZE * zoom;
  const radius = diameter / 2;
  const faintColor = `color-mix(in srgb, ${DOT_COLOR} ${fadePercent(diameter)}%, transparent)`;
  const gradient =
    diameter >= 1
      ? `radial-gradient(circle, ${DOT_COLOR} ${radius - 0.5}px, transparent ${radius + 0.5}px)`
      : `radial-gradient(circle, ${faintColor}, transparent 1px)`;
  // React Flow starts its pattern at x mod gap, shifted back by half a gap, and puts the dot's
  // centre one radius into the tile. A gradient tile has its dot in the middle.
  const offsetX = (x % gap) - gap + radius;
  const offsetY = (y % gap) - gap + radius;

  return {
    backgroundImage: gradient,
    backgroundSize: `${gap}px ${gap}px`,
    backgroundPosition: `${offsetX}px ${offsetY}px`,
  };
}

/**
 * Returns the opacity, in percent, that gives a cone one pixel in radius the ink of a disc of
 * `diameter` pixels. The cone covers π/3 square pixels and the disc π·diameter²/4.
 */
function fadePercent(diameter: number): number {
  return Math.round(75 * diameter * diameter * 100) / 100;
}
