import type { BlockType } from '@/engine/types';

import { BLOCK_META } from './block-meta';

/** One 16-pixel glyph per block type, drawn with SVG paths so no icon font is needed. */
const PATHS: Record<BlockType, string> = {
  input: 'M2 8h8M7 5l3 3-3 3M12 3v10',
  query:
    'M3 4c0-1 2-2 5-2s5 1 5 2v8c0 1-2 2-5 2s-5-1-5-2zM3 4c0 1 2 2 5 2s5-1 5-2M3 8c0 1 2 2 5 2s5-1 5-2',
  write: 'M3 13l1-3 7-7 2 2-7 7zM10 4l2 2',
  js: 'M6 3v7c0 2-3 2-3 0M13 4c-1-1-4-1-4 1s4 1 4 3-3 2-4 1',
  http: 'M8 2a6 6 0 100 12A6 6 0 008 2zM2 8h12M8 2c2 2 2 10 0 12M8 2c-2 2-2 10 0 12',
  branch: 'M4 2v5c0 2 2 3 4 3h1M4 7v7M12 10l-3-3M12 10l-3 3',
  loop: 'M12 6a4 4 0 10 0 4M12 3v3H9',
  output: 'M6 8h8M11 5l3 3-3 3M4 3v10',
};

function iconUrl(type: BlockType): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" fill="none" ` +
    `stroke="${BLOCK_META[type].color}" stroke-width="1.6" stroke-linecap="round" ` +
    `stroke-linejoin="round"><path d="${PATHS[type]}"/></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

const ICON_URLS = Object.fromEntries(
  (Object.keys(PATHS) as BlockType[]).map((type) => [type, iconUrl(type)]),
) as Record<BlockType, string>;

/**
 * Draws the glyph of a block type. The SVG is a background image rather than inline markup,
 * because an inline `<svg>` adds paint properties of its own, and with one per block every repaint
 * of a large canvas takes longer.
 */
export function BlockIcon({ type, size = 16 }: { type: BlockType; size?: number }) {
  return (
    <span
      className="block-icon"
      style={{
        display: 'inline-block',
        flexShrink: 0,
        width: size,
        height: size,
        background: `${ICON_URLS[type]} center / contain no-repeat`,
      }}
      aria-hidden="true"
    />
  );
}
