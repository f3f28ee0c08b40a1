/** Maximum wait for an idle period before the task runs anyway, in milliseconds. */
const IDLE_TIMEOUT_MS = 100;

/**
 * Runs `task` in the first idle period after the next frame, or `IDLE_TIMEOUT_MS` after that frame
 * at the latest. Asking for the idle callback from an animation frame keeps it from running in a
 * gap before the pending frame and delaying it. Where `requestIdleCallback` is missing (Safari),
 * the task runs in a plain task after the frame.
 */
export function scheduleWhenIdle(task: () => void): void {
  window.requestAnimationFrame(() => {
    if (typeof window.requestIdleCallback === 'function') {
      window.requestIdleCallback(() => task(), { timeout: IDLE_TIMEOUT_MS });
    } else {
      window.setTimeout(task, 0);
    }
  });
}
