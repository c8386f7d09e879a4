// Finds Playwright's Worker object for the extension's service worker and evaluates code in it.
// Safety fact: never cache a Worker across a stop or restart; always call acquireWorker again, because an
// MV3 worker is stopped and restarted by Chrome at will and its old handle may hang or be closed
// (see service-worker-control.ts for what was observed).
import type { BrowserContext, Worker } from '@playwright/test';
import type { ServiceWorkerControl } from './service-worker-control';

const ACQUIRE_TIMEOUT_MS = 10_000;

function belongsTo(worker: Worker, extensionId: string): boolean {
  return worker.url().startsWith(`chrome-extension://${extensionId}/`);
}

/** The newest live Playwright handle for the extension's worker, waiting for one if none exists yet. */
export async function acquireWorker(context: BrowserContext, extensionId: string): Promise<Worker> {
  const known = context.serviceWorkers().filter((worker) => belongsTo(worker, extensionId));
  const newest = known.at(-1);
  if (newest) return newest;
  return context.waitForEvent('serviceworker', {
    predicate: (worker) => belongsTo(worker, extensionId),
    timeout: ACQUIRE_TIMEOUT_MS,
  });
}

/**
 * Playwright's own "handle is gone" error, e.g. "worker.evaluate: Target page, context or browser has
 * been closed". Anchored at the start so an error thrown by `fn` itself (reported as
 * "worker.evaluate: Error: ...") is never mistaken for it and `fn` never runs twice because of it.
 */
function isClosedTargetError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /^(?:[\w.]+: )?Target page, context or browser has been closed/.test(error.message)
  );
}

/**
 * Evaluates `fn(arg)` in the extension's service worker. A stopped worker is started first (evaluate
 * on a stopped worker's handle would hang); a handle that turns out to be closed is re-acquired once.
 * `fn` is serialised, so it cannot use variables from the test's scope; pass them through `arg`.
 */
export async function evaluateInWorker<R, A>(
  context: BrowserContext,
  control: ServiceWorkerControl,
  extensionId: string,
  fn: (arg: A) => R | Promise<R>,
  arg: A,
): Promise<R> {
  const state = await control.state(extensionId);
  if (state?.runningStatus !== 'running') await control.start(extensionId);
  const run = async (): Promise<R> => {
    const worker = await acquireWorker(context, extensionId);
    // Playwright's PageFunction types unwrap JSHandles in `arg`; plain serialisable values pass through.
    return (await worker.evaluate(fn as (arg: unknown) => R | Promise<R>, arg)) as R;
  };
  try {
    return await run();
  } catch (error) {
    if (!isClosedTargetError(error)) throw error;
    await control.waitForRunningStatus(extensionId, 'running');
    return run();
  }
}
