// Observes and controls the extension's MV3 service worker through the Chrome DevTools Protocol
// "ServiceWorker" domain. Safety fact: the DevTools events, not Playwright's Worker objects, are the
// authority on whether the worker is running; Playwright's handles outlive stops (see below).
//
// Why CDP at all:
// - A persistent context has no Browser object (`context.browser()` is null), so there is no
//   browser-level CDP session. A page-level session (`context.newCDPSession(page)`) does expose the
//   ServiceWorker domain for that page's storage partition, which is the one extension workers live in.
// - Chrome stops an idle extension worker after ~30 s, but NOT while DevTools is attached to it, and
//   Playwright always attaches. Measured with Chromium 156: a worker with no events kept running for
//   40 s under Playwright. So tests cannot wait for a natural stop; they stop it with
//   `ServiceWorker.stopWorker`, which, like the idle timeout, ends the worker and its global scope;
//   only what the extension put in storage (session, local, IndexedDB) remains.
//
// What was observed (Chromium 156, Playwright 1.65), and why the harness re-acquires the worker:
// - After a stop, the worker's DevTools target disappears from Target.getTargets, yet Playwright's
//   Worker object does NOT emit 'close' and stays in context.serviceWorkers(). evaluate() on it then
//   hangs until the worker runs again. When the worker restarts (same version), Chrome reuses the same
//   target id and the old Worker object works again, with a fresh global scope.
// - If the stop lands while the first run is still installing, Chrome restarts the worker by itself
//   to finish installation, and the Playwright handle may be closed instead. Hence: wait for
//   status "activated" before stopping, and always look the handle up again (worker-handle.ts).
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

/** Subset of CDP ServiceWorker.ServiceWorkerVersion that the harness uses. */
export interface WorkerVersion {
  readonly versionId: string;
  readonly registrationId: string;
  readonly scriptURL: string;
  /** 'stopped' | 'starting' | 'running' | 'stopping' */
  readonly runningStatus: string;
  /** 'new' | 'installing' | 'installed' | 'activating' | 'activated' | 'redundant' */
  readonly status: string;
}

interface WorkerRegistration {
  readonly registrationId: string;
  readonly scopeURL: string;
  readonly isDeleted: boolean;
}

// Generous: CI and dev machines here have 2 cores shared with builds, and a cold Chromium start on
// a fresh profile can take several seconds. Tests still fail well inside their 60 s timeout.
const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * One CDP session with the ServiceWorker domain enabled, mirroring the registrations and versions that
 * Chrome reports. The session lives on a page the harness owns; if that page goes away the watch is
 * reopened on the next call (see ServiceWorkerControl.watch).
 */
class ServiceWorkerWatch {
  private readonly versions = new Map<string, WorkerVersion>();
  private readonly registrations = new Map<string, WorkerRegistration>();
  private readonly waiters = new Set<() => void>();
  private detached = false;

  private constructor(private readonly session: CDPSession) {}

  static async open(context: BrowserContext, page: Page): Promise<ServiceWorkerWatch> {
    const session = await context.newCDPSession(page);
    const watch = new ServiceWorkerWatch(session);
    session.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const version of event.versions) watch.versions.set(version.versionId, version);
      watch.notify();
    });
    session.on('ServiceWorker.workerRegistrationUpdated', (event) => {
      for (const registration of event.registrations) {
        watch.registrations.set(registration.registrationId, registration);
      }
      watch.notify();
    });
    page.once('close', () => {
      watch.detached = true;
      watch.notify();
    });
    // enable() replays the current registrations and versions as events, so the maps start complete.
    await session.send('ServiceWorker.enable');
    return watch;
  }

  get usable(): boolean {
    return !this.detached;
  }

  async stopWorker(versionId: string): Promise<void> {
    await this.session.send('ServiceWorker.stopWorker', { versionId });
  }

  async startWorker(scopeURL: string): Promise<void> {
    await this.session.send('ServiceWorker.startWorker', { scopeURL });
  }

  /** The non-redundant version registered for `scopeURL`, preferring the active one. */
  versionFor(scopeURL: string): WorkerVersion | undefined {
    const registration = [...this.registrations.values()].find(
      (r) => r.scopeURL === scopeURL && !r.isDeleted,
    );
    if (!registration) return undefined;
    const candidates = [...this.versions.values()].filter(
      (v) => v.registrationId === registration.registrationId && v.status !== 'redundant',
    );
    return candidates.find((v) => v.status === 'activated') ?? candidates.at(-1);
  }

  allVersions(): WorkerVersion[] {
    return [...this.versions.values()];
  }

  /** Resolves with the first truthy value of `probe`, re-checked on every CDP update. */
  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        if (this.detached) {
          finish();
          reject(new Error(`CDP session closed while waiting for ${what}`));
          return;
        }
        const value = probe();
        if (value !== undefined) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; Chrome reported: ${this.describe()}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** What Chrome last reported, for timeout messages. */
  describe(): string {
    const versions = [...this.versions.values()].map(
      (v) => `${v.scriptURL} [version ${v.versionId}: ${v.status}, ${v.runningStatus}]`,
    );
    return versions.length > 0 ? versions.join('; ') : 'no service worker versions';
  }

  async close(): Promise<void> {
    this.detached = true;
    this.notify();
    await this.session.detach().catch(() => undefined);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/**
 * Controls the service worker of one extension in one browser context. Owns a blank "control" page
 * for its CDP session so tests can open and close their own pages freely.
 */
export class ServiceWorkerControl {
  private current: ServiceWorkerWatch | undefined;

  /** @param controlPage a tab the tests do not use; replaced by a new blank tab if it gets closed. */
  constructor(
    private readonly context: BrowserContext,
    private controlPage: Page,
  ) {}

  /**
   * Waits until an extension registers a worker whose script is `chrome-extension://<id>/<scriptPath>`
   * and returns <id>. Works whether or not the worker is currently running, which matters after a
   * browser restart (Playwright only announces running workers).
   */
  async discoverExtensionId(scriptPath: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    const watch = await this.watch();
    const suffix = `/${scriptPath.replace(/^\/+/, '')}`;
    return watch.waitFor(
      () => {
        for (const version of watch.allVersions()) {
          const url = new URL(version.scriptURL);
          if (url.protocol === 'chrome-extension:' && url.pathname === suffix) return url.host;
        }
        return undefined;
      },
      `an extension service worker at *${suffix}`,
      timeoutMs,
    );
  }

  async state(extensionId: string): Promise<WorkerVersion | undefined> {
    return (await this.watch()).versionFor(scopeOf(extensionId));
  }

  /** First install runs the worker through installing -> activated; wait for the end of that. */
  async waitForActivated(extensionId: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<WorkerVersion> {
    const watch = await this.watch();
    return watch.waitFor(
      () => {
        const version = watch.versionFor(scopeOf(extensionId));
        return version?.status === 'activated' ? version : undefined;
      },
      `the service worker of ${extensionId} to be activated`,
      timeoutMs,
    );
  }

  async waitForRunningStatus(
    extensionId: string,
    runningStatus: 'running' | 'stopped',
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<WorkerVersion> {
    const watch = await this.watch();
    return watch.waitFor(
      () => {
        const version = watch.versionFor(scopeOf(extensionId));
        return version?.runningStatus === runningStatus ? version : undefined;
      },
      `the service worker of ${extensionId} to be ${runningStatus}`,
      timeoutMs,
    );
  }

  /**
   * Stops the worker the way Chrome's idle timeout does and resolves once Chrome reports it stopped.
   * Global variables in the worker are gone afterwards; storage (session, local, IndexedDB) is not.
   */
  async stop(extensionId: string): Promise<void> {
    const active = await this.waitForActivated(extensionId);
    if (active.runningStatus === 'stopped') return;
    const watch = await this.watch();
    await watch.stopWorker(active.versionId);
    await this.waitForRunningStatus(extensionId, 'stopped');
  }

  /**
   * Starts a stopped worker without dispatching any extension event (as if Chrome woke it and the
   * event had no listener). Used to evaluate in the worker; tests of wake-up paths should trigger a
   * real event instead.
   */
  async start(extensionId: string): Promise<void> {
    await this.waitForActivated(extensionId);
    const watch = await this.watch();
    await watch.startWorker(scopeOf(extensionId));
    await this.waitForRunningStatus(extensionId, 'running');
  }

  async dispose(): Promise<void> {
    await this.current?.close();
    this.current = undefined;
  }

  private async watch(): Promise<ServiceWorkerWatch> {
    if (this.current?.usable) return this.current;
    if (this.controlPage.isClosed()) this.controlPage = await this.context.newPage();
    this.current = await ServiceWorkerWatch.open(this.context, this.controlPage);
    return this.current;
  }
}

function scopeOf(extensionId: string): string {
  return `chrome-extension://${extensionId}/`;
}
