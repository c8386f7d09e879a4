/**
 * Runs work once the current frame is painted: a task queued from the next animation frame
 * callback runs after that frame's paint, and a hidden page (no frames) falls back to a timeout.
 * For what the first screen does not need (the whole list, the other screens' code).
 */
export function afterFirstPaint(work: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}
