// Launches Debian's Chromium with the built extension loaded, headless, in a given profile directory.
// Safety fact: only the unpacked build in .output/chrome-mv3 is loaded; every other extension is
// disabled, and nothing is downloaded (no Playwright browser, no component updates).
//
// Why a persistent context: Playwright's ordinary `browser.newContext()` contexts are off-the-record
// (incognito-like) profiles, where extensions are not enabled; Playwright documents that extensions
// only work with launchPersistentContext. So each test launches its own browser on a profile directory.
//
// Why `headless: true` is enough: Playwright passes `--headless`, and since Chromium 132 that switch
// means the "new" headless mode, which is the full browser and runs extensions (the old headless mode
// now ships separately as chrome-headless-shell). Verified with Debian's Chromium 156: the worker
// starts and popup.html renders with `headless: true`; no `--headless=new` workaround is needed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';
import { findChromium, INSTALL_HINT } from './chromium-executable';

export interface LaunchOptions {
  readonly userDataDir: string;
  readonly extensionDir: string;
  /** Resolve every host name to 127.0.0.1 so fixtures can be served as e.g. http://bank.test:<port>/. */
  readonly mapAllHostsToLoopback?: boolean;
  /**
   * base64 SHA-256 of a test certificate's public key (tests/e2e/harness/passkey-rp.ts): Chromium
   * then accepts that self-signed certificate as valid (--ignore-certificate-errors-spki-list, which
   * works with a --user-data-dir, as every launch here has), so the page is an ordinary secure
   * https page for the browser's own WebAuthn too, not one with a certificate error.
   */
  readonly trustedCertificateSpki?: string;
}

export function chromiumExecutableOrThrow(): string {
  const found = findChromium();
  if (!found.path) {
    throw new Error(`Chromium not found (looked at ${found.tried.join(', ')}). Install it: ${INSTALL_HINT}`);
  }
  return found.path;
}

/** The worker script path from the built manifest, e.g. "background.js". */
export async function serviceWorkerScript(extensionDir: string): Promise<string> {
  let manifest: { background?: { service_worker?: string } };
  try {
    manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8'));
  } catch (error) {
    throw new Error(`No built extension at ${extensionDir}; run \`npx wxt build\` first.`, { cause: error });
  }
  const script = manifest.background?.service_worker;
  if (!script) throw new Error(`${extensionDir}/manifest.json declares no background.service_worker`);
  return script;
}

export function launchExtensionContext(options: LaunchOptions): Promise<BrowserContext> {
  const args = [
    `--disable-extensions-except=${options.extensionDir}`,
    `--load-extension=${options.extensionDir}`,
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // Lets the harness press Tessera's toolbar button (CDP Extensions.triggerAction), the only way
    // a test can give the activeTab grant a person gives by clicking it.
    '--enable-unsafe-extension-debugging',
  ];
  if (options.mapAllHostsToLoopback) args.push('--host-resolver-rules=MAP * 127.0.0.1');
  if (options.trustedCertificateSpki)
    args.push(`--ignore-certificate-errors-spki-list=${options.trustedCertificateSpki}`);
  return chromium.launchPersistentContext(options.userDataDir, {
    executablePath: chromiumExecutableOrThrow(),
    headless: true,
    // Playwright adds --no-sandbox unless this is true. Root (containers, CI) cannot use Chromium's
    // sandbox at all, and unprivileged CI runners often lack the user namespaces it needs; the
    // browser under test only ever loads our extension and loopback fixtures.
    chromiumSandbox: false,
    args,
    viewport: { width: 1000, height: 800 },
  });
}
