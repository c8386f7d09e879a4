/**
 * Marks which screen is ready, for tests and the startup benchmark: document.body.dataset.ready
 * names the screen, and the first time the list is ready a performance mark is recorded.
 */

export type ReadyScreen = 'create' | 'unlock' | 'list' | 'item' | 'edit' | 'generator' | 'help' | 'failed';

export const LIST_READY_MARK = 'tessera:list-ready';
/** The whole list is loaded and searchable (the first screen may be shown before it: state.ts). */
export const LIST_COMPLETE_MARK = 'tessera:list-complete';

let listMarked = false;
let completeMarked = false;

export function markReady(screen: ReadyScreen): void {
  if (screen === 'list' && !listMarked) {
    listMarked = true;
    performance.mark(LIST_READY_MARK);
  }
  document.body.dataset.ready = screen;
}

/** The list is whole: document.body.dataset.list = 'complete', and a performance mark the first time. */
export function markListComplete(): void {
  if (!completeMarked) {
    completeMarked = true;
    performance.mark(LIST_COMPLETE_MARK);
  }
  document.body.dataset.list = 'complete';
}

/** The screen is waiting for data (e.g. an item loading): tests must not act yet. */
export function markBusy(): void {
  delete document.body.dataset.ready;
}
