/**
 * Copying secrets to the clipboard and clearing them again after the configured time.
 *
 * Safety facts:
 * - The clear runs only while this page is open (a timer in the page). If the popup closes first,
 *   the copied value stays on the clipboard: clearing after close needs help from the background
 *   (an offscreen document on Chrome), which this module does not do.
 * - Before clearing, the clipboard is read back when the page may read it ("clipboard-read"
 *   granted) and left alone if it no longer holds the copied value, so something the user copied
 *   since is not wiped. Where reading is not permitted (the normal case: Tessera does not ask for
 *   clipboardRead), the clipboard is cleared unconditionally when the time is up.
 * - A new copy replaces the pending clear of the previous one.
 */

export interface ClipboardPort {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

export interface ClipboardDeps {
  clipboard: ClipboardPort;
  /** May the page read the clipboard without prompting? Resolves false when unknown. */
  canRead(): Promise<boolean>;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export type ClearOutcome = 'cleared' | 'changed' | 'failed';

export interface ClipboardGuard {
  /**
   * Writes `text` at once; then, when `clearAfterSeconds` (which may still be loading) is > 0,
   * schedules the clear. Throws if the write fails.
   */
  copy(text: string, clearAfterSeconds: number | PromiseLike<number>): Promise<void>;
  /** Clears now if a clear is pending (for example when the vault locks). */
  clearPending(): Promise<ClearOutcome | null>;
  /** True while a clear is scheduled. */
  readonly pending: boolean;
}

export function createClipboardGuard(deps: ClipboardDeps): ClipboardGuard {
  let pending: { value: string; timer: unknown } | null = null;
  /** The latest copy() call; an older call still waiting for its delay must not schedule. */
  let latest: object | null = null;

  async function clear(value: string): Promise<ClearOutcome> {
    try {
      if (await deps.canRead()) {
        if ((await deps.clipboard.readText()) !== value) return 'changed';
      }
      await deps.clipboard.writeText('');
      return 'cleared';
    } catch {
      // Writing needs the page to have focus; a popup losing focus closes anyway.
      return 'failed';
    }
  }

  function cancel(): void {
    if (pending) deps.clearTimer(pending.timer);
    pending = null;
  }

  return {
    async copy(text, clearAfterSeconds) {
      cancel();
      const call = {};
      latest = call;
      await deps.clipboard.writeText(text);
      const seconds = await clearAfterSeconds;
      if (latest !== call || seconds <= 0) return;
      const entry: { value: string; timer: unknown } = { value: text, timer: null };
      entry.timer = deps.setTimer(() => {
        if (pending !== entry) return;
        pending = null;
        void clear(entry.value);
      }, seconds * 1000);
      pending = entry;
    },
    async clearPending() {
      latest = null;
      if (!pending) return null;
      const { value } = pending;
      cancel();
      return clear(value);
    },
    get pending() {
      return pending !== null;
    },
  };
}

/** The guard for an extension page, on navigator.clipboard and the Permissions API. */
export function browserClipboardGuard(): ClipboardGuard {
  return createClipboardGuard({
    clipboard: navigator.clipboard,
    async canRead() {
      try {
        const status = await navigator.permissions.query({ name: 'clipboard-read' as PermissionName });
        return status.state === 'granted';
      } catch {
        return false;
      }
    },
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
}
