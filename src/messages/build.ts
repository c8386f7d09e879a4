/**
 * Which build a page or the background belongs to, and what a page does when they differ.
 *
 * Why: after a new build is copied over an unpacked one (or `git pull` and a rebuild), Chrome
 * keeps running the previous background script as long as the manifest's version is unchanged
 * (it reuses the worker it registered for that version; measured with Chromium 156, even across
 * a browser restart), while pages load the new files. With a version bump, the previous worker
 * still answers for a moment while the new one installs. Either way a page and the background
 * from different builds would misread each other's messages. So every page request carries the
 * page's build id; the background refuses a different one with 'stale-build' (router.ts) before
 * anything else, and the page recovers (client.ts) or says exactly what to do.
 *
 * The id is the build's time in milliseconds, injected by wxt.config.ts (`__TESSERA_BUILD__`), so
 * "newer" is a number comparison. Under Vitest nothing is injected: BUILD_ID is 'unbuilt'.
 */

declare const __TESSERA_BUILD__: string | undefined;

export const BUILD_ID: string = typeof __TESSERA_BUILD__ === 'string' ? __TESSERA_BUILD__ : 'unbuilt';

/** The refusal code for a request from another build. */
export const STALE_BUILD = 'stale-build';

/** What the person is told when the background is older than the page and stays so. */
export const BACKGROUND_OUTDATED =
  'Tessera was updated, but the browser is still running the previous version in the background. ' +
  'Open chrome://extensions (Firefox: about:debugging), click Reload on Tessera, then open this window again.';

/** What the person is told when this page is older than the background and reloading did not help. */
export const PAGE_OUTDATED = 'Tessera was updated: close and reopen this window.';

/**
 * What a page does about a 'stale-build' refusal:
 *   'reload-page' this page is older than the background (left open across an update): reload it
 *                 once, which loads the new build's files;
 *   'retry'       the background is older: during an update the previous worker answers until the
 *                 new one takes over, so ask again shortly (a few times);
 *   'give-up'     neither helped: show the sentence for the case.
 */
export type StaleBuildAction = 'reload-page' | 'retry' | 'give-up';

export function staleBuildAction(
  page: string,
  background: string | undefined,
  situation: { retries: number; maxRetries: number; reloadedAlready: boolean },
): StaleBuildAction {
  if (isNewer(background, page)) return situation.reloadedAlready ? 'give-up' : 'reload-page';
  return situation.retries < situation.maxRetries ? 'retry' : 'give-up';
}

/** The sentence for a stale-build refusal that could not be recovered from. */
export function staleBuildMessage(page: string, background: string | undefined): string {
  return isNewer(background, page) ? PAGE_OUTDATED : BACKGROUND_OUTDATED;
}

/** True when build `a` is known to be newer than build `b`. */
function isNewer(a: string | undefined, b: string): boolean {
  const x = Number(a);
  const y = Number(b);
  return Number.isSafeInteger(x) && Number.isSafeInteger(y) && x > y;
}

/**
 * Router side: the build a request names, if any. Content scripts send none (they are injected by
 * the running background's build, and Chrome cuts off the previous build's scripts on reload).
 * null when the field is there but not a short string.
 */
export function requestBuild(message: Record<string, unknown>): string | undefined | null {
  if (!Object.hasOwn(message, 'build')) return undefined;
  const build = message.build;
  return typeof build === 'string' && build.length > 0 && build.length <= 64 ? build : null;
}
