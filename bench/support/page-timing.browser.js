/* global window, document, performance, requestAnimationFrame, setTimeout, clearTimeout, MutationObserver, Headers, Request */
/**
 * Timing code that runs inside the page, injected as plain text so no build step touches it.
 * It records, for every server action response, the moment its body finished arriving, and the
 * measuring functions wait for the DOM to change and then for the next paint: a
 * `requestAnimationFrame` callback, then a task after it.
 */
(() => {
  const actionResponses = [];
  const originalFetch = window.fetch.bind(window);

  // React reads a server action response as a stream and renders each part as it arrives, and
  // the stream may stay open after the data, so arrival is the time of each chunk, not the end.
  const recordChunks = async (record, body) => {
    const reader = body.getReader();
    for (;;) {
      const { done } = await reader.read();
      if (done) return;
      record.chunkTimes.push(performance.now());
    }
  };

  window.fetch = async (input, init) => {
    const headers = input instanceof Request ? input.headers : new Headers(init && init.headers);
    const action = headers.get('next-action');
    const response = await originalFetch(input, init);
    if (action && response.body) {
      const record = { action, chunkTimes: [] };
      actionResponses.push(record);
      void recordChunks(record, response.clone().body);
    }
    return response;
  };

  /** Maximum wait for a preview's badges before the measurement fails, in milliseconds. */
  const WAIT_MS = 60_000;

  const afterNextPaint = (callback) =>
    requestAnimationFrame(() => setTimeout(() => callback(performance.now()), 0));

  /**
   * Clicks Preview and waits until `expected` blocks show badges. Returns when the last chunk of
   * a server action response before that arrived and when the badges were painted, on the
   * page's clock.
   */
  const previewAndWaitForBadges = (expected) => {
    const countBadges = () => document.querySelectorAll('.block-node__badges').length;
    actionResponses.length = 0;
    if (countBadges() > 0) {
      return Promise.reject(
        new Error('The canvas shows badges before the preview; open a workflow without runs'),
      );
    }

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        observer.disconnect();
        const responses = actionResponses.length;
        reject(
          new Error(
            `${countBadges()} of ${expected} blocks had badges after ${WAIT_MS} ms (${responses} action responses)`,
          ),
        );
      }, WAIT_MS);
      const observer = new MutationObserver(() => {
        const badgeCount = countBadges();
        if (badgeCount < expected) return;

        clearTimeout(timer);
        observer.disconnect();
        afterNextPaint((paintedMs) => {
          const arrivals = actionResponses
            .flatMap((response) => response.chunkTimes)
            .filter((time) => time <= paintedMs);
          resolve({
            arrivalMs: Math.max(...arrivals),
            paintedMs,
            badgeCount,
            responses: actionResponses,
          });
        });
      });
      observer.observe(document.body, { childList: true, subtree: true });
      document.querySelector('[data-testid="run-preview"]').click();
    });
  };

  /** Clicks the timeline bar at `position`; returns the milliseconds until the selection is painted. */
  const selectTimelineBar = (position) => {
    const bars = document.querySelectorAll('[data-testid="timeline-bar"]');
    const bar = bars[position % bars.length];

    return new Promise((resolve) => {
      const started = performance.now();
      const finish = () => afterNextPaint((paintedMs) => resolve(paintedMs - started));

      bar.click();
      if (bar.getAttribute('aria-pressed') === 'true') return finish();

      const observer = new MutationObserver(() => {
        if (bar.getAttribute('aria-pressed') !== 'true') return;
        observer.disconnect();
        finish();
      });
      observer.observe(bar, { attributes: true, attributeFilter: ['aria-pressed'] });
    });
  };

  window.benchTiming = { previewAndWaitForBadges, selectTimelineBar };
})();
