/**
 * "Copy" buttons: write a value to the clipboard and schedule its clearing after the user's
 * clipboardClearSeconds setting (0 = never), in this page and, for when it has closed, in the
 * background (entrypoints/background/clipboard.ts).
 */

import { browserClipboardGuard, type ClipboardGuard } from './clipboard';
import { call, onLock } from './state';

/** Used until settings.get answers (the background's default). */
const DEFAULT_CLEAR_SECONDS = 30;

let guard: ClipboardGuard | null = null;

function clipboardGuard(): ClipboardGuard {
  if (!guard) {
    guard = browserClipboardGuard();
    // Locking is the moment to take secrets off the clipboard too.
    onLock(() => void guard?.clearPending());
  }
  return guard;
}

/**
 * Copies `text`. Returns the seconds until it is cleared (0: never). Throws if the browser refused
 * the write. The write happens at once, while the click's user activation is fresh; the setting
 * is fetched meanwhile.
 */
export async function copyToClipboard(text: string): Promise<number> {
  const seconds = call({ type: 'settings.get' }).then(
    (settings) => settings.clipboardClearSeconds,
    () => DEFAULT_CLEAR_SECONDS,
  );
  await clipboardGuard().copy(text, seconds);
  // The popup usually closes before the time is up: the background clears it then (the page's own
  // timer still clears it sooner when it stays open).
  const after = await seconds;
  if (after > 0) void call({ type: 'clipboard.clearLater', afterMs: after * 1000 }).catch(() => undefined);
  return seconds;
}
