// One Firefox ESR with the Tessera Firefox build installed, driven over WebDriver BiDi by
// puppeteer-core, plus the few privileged steps the tests need. Safety fact: nothing here changes the
// extension under test; the shipped .output/firefox-mv3 build is installed as it is.
//
// How extension pages are reached. BiDi refuses `browsingContext.navigate` to moz-extension:// URLs
// unless the remote agent runs with system access, and web pages cannot open them either (not
// web_accessible). So this harness starts Firefox with --remote-allow-system-access, a flag of
// Firefox's remote agent (the test driver), not of the extension: the shipped extension gains
// nothing, and no test-only code is built into it. The same access lets the tests evaluate in the
// browser's own (chrome) window, where Firefox's ExtensionParent reports and controls the event
// page's state (as about:debugging's "Terminate background script" does), and where the WebAuthn
// service adds a virtual authenticator (as Marionette's WebDriver WebAuthn commands do).
//
// The extension's internal UUID is random per profile; the `extensions.webextensions.uuids` pref
// fixes it for this profile, so moz-extension://<uuid>/ URLs are known before install.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_EXTENSION_DIR } from '../../e2e/harness/paths';

/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'tessera@tessera.invalid';
/** Any fixed UUID: the moz-extension:// host of this test profile. */
export const EXTENSION_UUID = '7e55e7a0-0000-4000-8000-00000000e2e0';

export interface LaunchOptions {
  readonly executablePath: string;
  /** Extra Firefox prefs for this profile (e.g. a short background idle timeout). */
  readonly prefs?: Readonly<Record<string, string | number | boolean>>;
  /** Another copy of the build to install (a test's patched manifest); the shipped build otherwise. */
  readonly extensionDir?: string;
  /** Accept self-signed certificates (the passkey tests' https relying party). */
  readonly acceptInsecureCerts?: boolean;
  /**
   * Leave the welcome tab that the install opens (entrypoints/background/welcome.ts); by default it
   * is closed before the test starts, so no test finds a tab it did not open. See welcomePage().
   */
  readonly keepWelcomePage?: boolean;
}

/** How long the install may take to open its welcome tab. */
const WELCOME_TIMEOUT_MS = 20_000;

/** Firefox's states of an event page (ExtensionParent's backgroundState). */
export type BackgroundState = 'stopped' | 'starting' | 'running' | 'suspending';

/** Evaluation results as BiDi serialises primitive values. */
type RemoteValue = { type: string; value?: unknown };
type EvaluateResult =
  | { type: 'success'; result: RemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string } };

export class FirefoxExtension {
  private constructor(
    readonly browser: Browser,
    private readonly chromeContext: string,
  ) {}

  static async launch(options: LaunchOptions): Promise<FirefoxExtension> {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: options.executablePath,
      headless: true,
      acceptInsecureCerts: options.acceptInsecureCerts ?? false,
      // A fresh temporary profile per launch (puppeteer deletes it on close).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
        // WebAuthn goes to the virtual authenticators the tests add, never to a real USB key.
        'security.webauth.webauthn_enable_softtoken': true,
        'security.webauth.webauthn_enable_usbtoken': false,
        ...options.prefs,
      },
    });
    try {
      const installed = await browser.installExtension(options.extensionDir ?? FIREFOX_EXTENSION_DIR);
      if (installed !== GECKO_ID) throw new Error(`installed ${installed}, expected ${GECKO_ID}`);
      const tree = await bidi(browser).send<{ contexts: { context: string; url: string }[] }>(
        'browsingContext.getTree',
        { 'moz:scope': 'chrome', maxDepth: 0 },
      );
      const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
      if (!window) throw new Error('no browser window in the chrome scope (system access missing?)');
      const firefox = new FirefoxExtension(browser, window.context);
      // Every launch is a fresh profile, so every install opens the welcome tab.
      if (!options.keepWelcomePage) await (await firefox.welcomePage()).close();
      return firefox;
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  /** moz-extension://<uuid>/<path> */
  url(pathname: string): string {
    return `moz-extension://${EXTENSION_UUID}/${pathname.replace(/^\/+/, '')}`;
  }

  /**
   * Opens an extension page in a new tab. The navigation is not awaited through BiDi (Firefox sends
   * no load events for a tab that moves into the extension process, so puppeteer's goto would time
   * out); instead this waits until the page's own document is there.
   */
  async openExtensionPage(pathname: string): Promise<Page> {
    const page = await this.browser.newPage();
    await this.navigate(page, this.url(pathname));
    return page;
  }

  /** The welcome tab the install opened; fails if none opens. */
  async welcomePage(): Promise<Page> {
    const url = this.url('welcome.html');
    const deadline = Date.now() + WELCOME_TIMEOUT_MS;
    for (;;) {
      const page = (await this.welcomePagesOpen())[0];
      if (page) return page;
      if (Date.now() > deadline) throw new Error(`no welcome tab (${url}) opened at install`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The welcome tabs open now (for a test asserting that no other one opened). */
  async welcomePagesOpen(): Promise<Page[]> {
    const url = this.url('welcome.html');
    const pages = await this.browser.pages();
    // Each document's own address: puppeteer's page.url() may miss a tab's move into the extension
    // process (no load events, see openExtensionPage). A page between documents counts as none.
    const hrefs = await Promise.all(
      pages.map((page) =>
        Promise.race([
          page.evaluate(() => location.href),
          new Promise<string>((resolve) => setTimeout(() => resolve(''), 2_000)),
        ]).catch(() => ''),
      ),
    );
    return pages.filter((_, index) => hrefs[index] === url);
  }

  /** Loads `url` into the tab (used for extension pages; web pages can use page.goto). */
  async navigate(page: Page, url: string): Promise<void> {
    await bidi(this.browser).send('browsingContext.navigate', {
      context: contextOf(page),
      url,
      wait: 'none',
    });
    await page.waitForFunction(
      (wanted) => location.href === wanted && document.readyState === 'complete',
      {},
      url,
    );
  }

  /** Reloads an extension page (same reason as openExtensionPage for not awaiting through BiDi). */
  async reload(page: Page): Promise<void> {
    const url = await page.evaluate(() => {
      const href = location.href;
      // A marker the reloaded document does not have.
      (globalThis as { __beforeReload?: boolean }).__beforeReload = true;
      location.reload();
      return href;
    });
    await page.waitForFunction(
      (wanted) =>
        !(globalThis as { __beforeReload?: boolean }).__beforeReload &&
        location.href === wanted &&
        document.readyState === 'complete',
      {},
      url,
    );
  }

  /**
   * Evaluates `expression` in the browser's chrome window (system principal). Only primitive
   * results are returned. Test harness use only: it is how the tests observe Firefox itself.
   */
  privileged<T extends string | number | boolean | null>(expression: string): Promise<T> {
    return this.evaluateIn<T>(this.chromeContext, expression);
  }

  /**
   * The top-level browsing contexts (tabs and windows, BiDi ids) whose document's address starts
   * with `prefix`. Unlike puppeteer's pages(), this includes a popup window the extension opens
   * itself (Tessera's passkey dialog).
   */
  async windowsShowing(prefix: string): Promise<string[]> {
    const tree = await bidi(this.browser).send<{ contexts: { context: string; url: string }[] }>(
      'browsingContext.getTree',
      { maxDepth: 0 },
    );
    return tree.contexts.filter((c) => c.url.startsWith(prefix)).map((c) => c.context);
  }

  /** Evaluates `expression` in the browsing context `context` (from windowsShowing); primitive results only. */
  async evaluateIn<T extends string | number | boolean | null>(
    context: string,
    expression: string,
  ): Promise<T> {
    const result = await bidi(this.browser).send<EvaluateResult>('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
    });
    if (result.type === 'exception') throw new Error(`evaluation failed: ${result.exceptionDetails.text}`);
    return (
      result.result.type === 'null' || result.result.type === 'undefined' ? null : result.result.value
    ) as T;
  }

  /**
   * A person's click at (x, y) in the viewport of `context`: the mouse moves there, presses and
   * releases (BiDi input.performActions), so the page gets trusted events, as from a real mouse.
   */
  async clickAt(context: string, x: number, y: number): Promise<void> {
    const at = { x: Math.round(x), y: Math.round(y) };
    await bidi(this.browser).send('input.performActions', {
      context,
      actions: [
        {
          type: 'pointer',
          id: 'tessera-e2e-mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', ...at },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  }

  /** The event page's state as Firefox tracks it. */
  backgroundState(): Promise<BackgroundState> {
    return this.privileged<BackgroundState>(`${EXTENSION_EXPR}.backgroundState`);
  }

  /**
   * A number that grows each time Firefox starts a new event page: Firefox's context object for
   * the running page is remembered (in the chrome window) under a counter, so a new object means a
   * new page. Null while no event page is running. Observes the background without touching it.
   */
  backgroundInstance(): Promise<number | null> {
    return this.privileged<number | null>(`(() => {
      const context = ${EXTENSION_EXPR}.backgroundContext;
      if (!context) return null;
      const seen = (window.__tesseraE2eContexts ??= []);
      if (!seen.includes(context)) seen.push(context);
      return seen.indexOf(context) + 1;
    })()`);
  }

  /** Stops the event page the way its idle timeout does (Firefox's own terminateBackground). */
  async terminateBackground(): Promise<void> {
    await this.privileged<null>(`${EXTENSION_EXPR}.terminateBackground().then(() => null)`);
  }

  /**
   * Adds a virtual authenticator to Firefox's WebAuthn service (the one Marionette's WebDriver
   * "Add Virtual Authenticator" uses): CTAP 2.1, internal transport, resident keys, user
   * verification that always passes, presence simulated. Firefox's virtual authenticator does PRF
   * (hmac-secret). Returns its id.
   */
  addVirtualAuthenticator(): Promise<string> {
    return this.privileged<string>(
      `Cc["@mozilla.org/webauthn/service;1"].getService(Ci.nsIWebAuthnService).addVirtualAuthenticator("ctap2_1", "internal", true, true, true, true)`,
    );
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** Firefox's Extension object for Tessera, in the chrome window's scope. */
const EXTENSION_EXPR = `ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs").ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)})`;

/**
 * The browser's BiDi connection, for the commands puppeteer has no method for (raw navigation, the
 * chrome scope). Puppeteer's Browser has it at run time without declaring it in its types.
 */
function bidi(browser: Browser): { send<R = unknown>(method: string, params: object): Promise<R> } {
  const connection = (
    browser as unknown as {
      connection: { send(method: string, params: object): Promise<{ result: unknown }> };
    }
  ).connection;
  return {
    send: async <R>(method: string, params: object) => (await connection.send(method, params)).result as R,
  };
}

/** The BiDi browsing context id of a page's top frame (puppeteer keeps it as the frame id). */
function contextOf(page: Page): string {
  return (page.mainFrame() as unknown as { _id: string })._id;
}
