// One browser with the Tessera build loaded, plus the helpers e2e tests drive it with. Safety fact:
// `context` changes when restartBrowser() runs, so tests must read `extension.context` again after a
// restart instead of keeping the old BrowserContext (or the `page`/`context` fixtures) around.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { launchExtensionContext, serviceWorkerScript } from './launch-extension';
import { ServiceWorkerControl } from './service-worker-control';
import { isFreshProfile, waitForWelcomePage } from './welcome-page';
import { evaluateInWorker } from './worker-handle';

export interface ExtensionHarnessOptions {
  readonly userDataDir: string;
  readonly extensionDir: string;
  readonly mapAllHostsToLoopback: boolean;
  /** See launch-extension.ts. */
  readonly trustedCertificateSpki?: string;
  /**
   * Leave the welcome tab that a first install opens (welcome-page.ts); by default the harness
   * closes it before the test starts. Find it with welcomePage().
   */
  readonly keepWelcomePage?: boolean;
}

export class ExtensionHarness {
  private constructor(
    private readonly options: ExtensionHarnessOptions,
    private readonly workerScript: string,
    private ctx: BrowserContext,
    private control: ServiceWorkerControl,
    /** chrome-extension://<id>; for an unpacked build the id is derived from its directory path. */
    readonly id: string,
  ) {}

  static async launch(options: ExtensionHarnessOptions): Promise<ExtensionHarness> {
    const workerScript = await serviceWorkerScript(options.extensionDir);
    const installs = await isFreshProfile(options.userDataDir);
    const { context, control, id } = await ExtensionHarness.boot(options, workerScript);
    if (installs && !options.keepWelcomePage) {
      try {
        // Closed once it has drawn: a welcome tab closed while it loads left the next extension page
        // (the popup) with chrome.i18n answering nothing, every string shown as its key (4 runs in 6).
        const welcome = await waitForWelcomePage(context, id);
        await welcome.waitForSelector('body[data-ready^="welcome-"]');
        await welcome.close();
      } catch (error) {
        await control.dispose();
        await context.close().catch(() => undefined);
        throw error;
      }
    }
    return new ExtensionHarness(options, workerScript, context, control, id);
  }

  /**
   * Launches the browser and waits until the extension's worker is installed and activated, so no
   * test races the first install (stopping a worker mid-install makes Chrome restart it).
   */
  private static async boot(options: ExtensionHarnessOptions, workerScript: string) {
    const context = await launchExtensionContext(options);
    try {
      const controlPage = context.pages()[0] ?? (await context.newPage());
      const control = new ServiceWorkerControl(context, controlPage);
      const id = await control.discoverExtensionId(workerScript);
      await control.waitForActivated(id);
      return { context, control, id };
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  get context(): BrowserContext {
    return this.ctx;
  }

  get userDataDir(): string {
    return this.options.userDataDir;
  }

  /** chrome-extension://<id>/<path> */
  url(pathname: string): string {
    return `chrome-extension://${this.id}/${pathname.replace(/^\/+/, '')}`;
  }

  /**
   * Opens popup.html in a new tab. Unlike the real toolbar popup, this page is itself the active tab,
   * so `tabs.query({ active: true })` from it finds the popup, not a web page.
   */
  async openPopup(): Promise<Page> {
    return this.openExtensionPage('popup.html');
  }

  async openOptions(): Promise<Page> {
    return this.openExtensionPage('options.html');
  }

  /** The welcome tab a first install opened (with keepWelcomePage; see welcome-page.ts). */
  welcomePage(): Promise<Page> {
    return waitForWelcomePage(this.ctx, this.id);
  }

  async newPage(): Promise<Page> {
    return this.ctx.newPage();
  }

  /** See evaluateInWorker: starts a stopped worker and re-acquires its handle; `fn` is serialised. */
  evalInWorker<R>(fn: () => R | Promise<R>): Promise<R>;
  evalInWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evalInWorker<R, A>(fn: (arg: A | undefined) => R | Promise<R>, arg?: A): Promise<R> {
    return evaluateInWorker(this.ctx, this.control, this.id, fn, arg);
  }

  async isServiceWorkerRunning(): Promise<boolean> {
    return (await this.control.state(this.id))?.runningStatus === 'running';
  }

  /** Waits for something else (a message, an alarm) to wake the worker; does not start it itself. */
  async waitForServiceWorkerRunning(timeoutMs?: number): Promise<void> {
    await this.control.waitForRunningStatus(this.id, 'running', timeoutMs);
  }

  /** Stops the worker as Chrome's idle timeout would; resolves once Chrome reports it stopped. */
  async stopServiceWorker(): Promise<void> {
    await this.control.stop(this.id);
  }

  /**
   * Closes the browser and launches it again on the same profile directory, like a user quitting and
   * reopening Chrome. storage.local and IndexedDB survive; storage.session and worker memory do not.
   */
  async restartBrowser(): Promise<void> {
    await this.close();
    const { context, control, id } = await ExtensionHarness.boot(this.options, this.workerScript);
    this.ctx = context;
    this.control = control;
    if (id !== this.id) {
      await this.close();
      throw new Error(`extension id changed across restart: ${this.id} -> ${id}`);
    }
  }

  /**
   * What a click on Tessera's toolbar button does while `page` is the shown tab: the browser opens
   * the popup and gives the extension the activeTab grant on that tab (which tabs.captureVisibleTab
   * needs). Done with CDP Extensions.triggerAction on the page's tab target, a browser-level command:
   * a persistent context hides its Browser (context.browser() is null), so this reads Playwright's
   * internal `_browser`; the flag it needs is set at launch (launch-extension.ts).
   */
  async clickToolbarButton(page: Page): Promise<void> {
    const browser = (this.ctx as unknown as { _browser?: Browser })._browser;
    if (!browser) throw new Error('clickToolbarButton: this Playwright version hides the browser object');
    const cdp = await browser.newBrowserCDPSession();
    try {
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
      const tabs = targetInfos.filter((target) => target.type === 'tab' && target.url === page.url());
      if (tabs.length !== 1) throw new Error(`clickToolbarButton: ${tabs.length} tabs show ${page.url()}`);
      await cdp.send('Extensions.triggerAction', { id: this.id, targetId: tabs[0]!.targetId });
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.control.dispose();
    await this.ctx.close();
  }

  private async openExtensionPage(pathname: string): Promise<Page> {
    const page = await this.ctx.newPage();
    await page.goto(this.url(pathname));
    return page;
  }
}
