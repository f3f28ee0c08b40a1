'use client';

import { useEffect, useRef } from 'react';

/** Zoom factor of one wheel notch (a `deltaY` of 100 pixels). */
const ZOOM_PER_NOTCH = 1.25;

/**
 * Calls `onZoom(factor, cursorX)` on Ctrl+wheel (and on trackpad pinch, which browsers report as
 * Ctrl+wheel) over `element`, with `cursorX` relative to the element's left edge. The listener is
 * registered as non-passive, because only then can it stop the page from zooming.
 */
export function useWheelZoom(
  element: HTMLElement | null,
  onZoom: (factor: number, cursorX: number) => void,
): void {
  const onZoomRef = useRef(onZoom);

  useEffect(() => {
    onZoomRef.current = onZoom;
  });

  useEffect(() => {
    if (!element) return;

    const handleWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;

      event.preventDefault();
      const factor = ZOOM_PER_NOTCH ** (-event.deltaY / 100);
      const cursorX = event.clientX - element.getBoundingClientRect().left;
      onZoomRef.current(factor, cursorX);
    };

    element.addEventListener('wheel', handleWheel, { passive: false });
    return () => element.removeEventListener('wheel', handleWheel);
  }, [element]);
}
