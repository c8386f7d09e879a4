// Shared steps of the sync e2e tests (tests/e2e/sync.spec.ts): real WebDAV servers from
// tests/sync-harness reached by Chromium at a real-looking https host, a fault proxy in front of
// Apache, several "devices" (browser profiles) at once, and the Options > Sync steps a person takes.
//
// How the browser reaches the servers: Apache (and rclone) listen on 127.0.0.1 with a fresh
// self-signed certificate; Chromium runs with --host-resolver-rules=MAP * 127.0.0.1, so
// https://dav.tessera.test:<port>/ is that server, and with that certificate's public key in
// --ignore-certificate-errors-spki-list, which makes Chromium accept exactly that certificate (the
// name mismatch included) and no other.
//
// How the host permission is granted (the honest way we found for Chromium): Chromium's permission
// prompt is browser UI that neither CDP nor Playwright can answer (Playwright declines to add it:
// microsoft/playwright#32755; DevTools protocol issue #76: the extension dialogs are not exposed), and
// there is no switch that accepts it. So the devices load a copy of the real build whose manifest
// also lists the test hosts in host_permissions, i.e. the permission a person grants at the prompt is
// granted at install. Everything else is the build under test, byte for byte (syncTestBuild). The
// options page still calls permissions.request from the click; for a granted origin Chromium answers
// true without a prompt. What this leaves untested in Chromium is the prompt itself; that the
// background refuses without the grant is proven against a host that is NOT listed
// (UNGRANTED_HOST, "without the host permission ..." in sync.spec.ts), and Firefox answers the real
// prompt (extensions.webextOptionalPermissionPrompts=false, tests/e2e-firefox/sync.spec.ts).
import { createHash, createPublicKey } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { type ApacheServer, startApache } from '../sync-harness/apache';
import { fetchTrusting } from '../sync-harness/clients';
import type { DavServer } from '../sync-harness/dav-server';
import { type FaultProxy, startFaultProxy } from '../sync-harness/fault-proxy';
import { startRclone } from '../sync-harness/rclone';
import { ExtensionHarness } from './harness/extension-harness';
import { test as base, expect } from './harness/fixtures';
import { CHROME_EXTENSION_DIR, TMP_DIR } from './harness/paths';
import { openOptions, showGroup, waitForState } from './helpers/options';

export { expect };

/** The names the devices use for the servers; every name resolves to 127.0.0.1. */
export const APACHE_HOST = 'dav.tessera.test';
export const RCLONE_HOST = 'rclone.tessera.test';
/** Resolves to the same Apache, but the test build holds no permission for it. */
export const UNGRANTED_HOST = 'other.tessera.test';
/** The test build's extra host permissions: the two server names and loopback http (the fault proxy). */
const GRANTED = [`https://${APACHE_HOST}/*`, `https://${RCLONE_HOST}/*`, 'http://127.0.0.1/*'];

export interface SyncServers {
  readonly apache: ApacheServer;
  readonly rclone: DavServer | null;
  /** Plain http on 127.0.0.1 in front of Apache. */
  readonly proxy: FaultProxy;
  /** Comma-separated SPKI hashes of the servers' certificates, for Chromium. */
  readonly spki: string;
}

/** A folder as a person enters it in Options > Sync. */
export interface SyncFolder {
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

/** base64 SHA-256 of a PEM certificate's public key, as --ignore-certificate-errors-spki-list wants. */
function spkiHash(certPem: string): string {
  const der = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** `https://127.0.0.1:<port>/<path>` -> `https://<host>:<port>/<path>`. */
export function onHost(url: string, host: string): string {
  const u = new URL(url);
  u.hostname = host;
  return u.href;
}

/**
 * A copy of the Chrome build under test whose manifest also grants GRANTED at install (see the
 * header). Same directory every time, so the extension id is stable across the tests of a run.
 */
async function syncTestBuild(): Promise<string> {
  const dir = path.join(TMP_DIR, 'sync-e2e-chrome-mv3');
  await rm(dir, { recursive: true, force: true });
  await cp(CHROME_EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...GRANTED];
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}

export interface Devices {
  /**
   * A new browser profile ("device") with the sync test build; closed after the test. It trusts the
   * servers' self-signed certificates unless `trustServers` is false (a device that meets them as
   * a person's browser would: not trusted).
   */
  launch(options?: { trustServers?: boolean }): Promise<ExtensionHarness>;
}

export const test = base.extend<
  { devices: Devices; folder: (name?: string) => Promise<SyncFolder> },
  { syncServers: SyncServers; syncBuild: string }
>({
  syncServers: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
    async ({}, use) => {
      const apache = await startApache();
      test.skip(!apache, 'apache2 is not installed (tests/sync-harness/binaries.ts)');
      if (!apache) return;
      const rclone = await startRclone({ https: true });
      const proxy = await startFaultProxy(apache);
      const certs = [apache.certPem, rclone?.certPem].filter((pem): pem is string => Boolean(pem));
      try {
        await use({ apache, rclone, proxy, spki: certs.map(spkiHash).join(',') });
      } finally {
        await proxy.close();
        await rclone?.stop();
        await apache.stop();
      }
    },
    { scope: 'worker' },
  ],
  syncBuild: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
    async ({}, use) => use(await syncTestBuild()),
    { scope: 'worker' },
  ],

  devices: async ({ syncServers, syncBuild }, use) => {
    const launched: { harness: ExtensionHarness; profile: string }[] = [];
    await use({
      async launch({ trustServers = true } = {}) {
        const profile = await mkdtemp(path.join(tmpdir(), 'tessera-sync-e2e-'));
        const harness = await ExtensionHarness.launch({
          userDataDir: profile,
          extensionDir: syncBuild,
          mapAllHostsToLoopback: true,
          ...(trustServers ? { trustedCertificateSpki: syncServers.spki } : {}),
        });
        launched.push({ harness, profile });
        return harness;
      },
    });
    for (const { harness, profile } of launched) {
      await harness.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  },

  /** A fresh, empty folder on Apache for this test (MKCOL), as the devices address it. */
  folder: async ({ syncServers }, use, testInfo) => {
    const { apache } = syncServers;
    let n = 0;
    await use(async (name = 'Tessera') => {
      const folderName = `${name}-${testInfo.testId}-${n++}`.replace(/[^A-Za-z0-9-]/g, '-');
      const url = `${apache.origin}/dav/${folderName}/`;
      const auth = Buffer.from(`${apache.username}:${apache.password}`, 'utf8').toString('base64');
      const response = await fetchTrusting(apache.certPem)(url, {
        method: 'MKCOL',
        headers: { authorization: `Basic ${auth}` },
      });
      expect(response.status, `MKCOL ${url}`).toBe(201);
      return { url: onHost(url, APACHE_HOST), username: apache.username, password: apache.password };
    });
  },
});

/** The sync section of the options page (shown with its sidebar link). */
export async function syncRegion(page: Page) {
  await showGroup(page, 'Sync');
  return page.getByRole('region', { name: 'Sync through your own server' });
}

/** Fills the connect form and presses "Check the folder"; returns the region. */
export async function checkFolder(page: Page, folder: SyncFolder) {
  const region = await syncRegion(page);
  await region.getByLabel('Folder address (WebDAV)').fill(folder.url);
  await region.getByLabel('User name').fill(folder.username);
  await region.getByLabel('App password', { exact: true }).fill(folder.password);
  await region.getByRole('button', { name: 'Check the folder' }).click();
  return region;
}

/** Checks the folder, expects `plan` to be shown, and turns sync on with the offered button. */
export async function connect(page: Page, folder: SyncFolder, plan: RegExp): Promise<void> {
  const region = await checkFolder(page, folder);
  await expect(region.getByTestId('sync-plan')).toContainText(plan);
  await region.getByRole('button', { name: /and turn on sync$/ }).click();
  await expect(region.getByTestId('sync-state')).toContainText(/Last synced/, { timeout: 30_000 });
}

/** Presses "Sync now" and waits for it to finish without an error. */
export async function syncNow(page: Page): Promise<void> {
  const region = await syncRegion(page);
  await region.getByRole('button', { name: 'Sync now' }).click();
  await expect(region.getByRole('button', { name: 'Sync now' })).toBeVisible({ timeout: 30_000 });
  await expect(region.getByText('Synced.', { exact: true })).toBeVisible();
}

/** On a device with no vault: Get started > Join a synced vault. Ends on the unlocked page. */
export async function joinFromOptions(page: Page, folder: SyncFolder, masterPassword: string): Promise<void> {
  await waitForState(page, 'empty');
  const region = page.getByRole('region', { name: 'Join a synced vault' });
  await region.getByLabel('Folder address (WebDAV)').fill(folder.url);
  await region.getByLabel('User name').fill(folder.username);
  await region.getByLabel('App password', { exact: true }).fill(folder.password);
  await region.getByLabel('Master password of the synced vault').fill(masterPassword);
  await region.getByRole('button', { name: 'Join', exact: true }).click();
  await waitForState(page, 'unlocked');
}

export { openOptions };
