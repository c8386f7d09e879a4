// Updating the build on the same profile (`git pull && npm start`, or a new build copied over the
// unpacked one). Chrome keeps running the previous background script while pages load the new
// files (tests/e2e/harness/profile.ts has the measurements): the page must notice and say exactly
// what to do instead of failing every request, and what `npm start` does before launching must
// make Chrome run the new build, with the vault kept.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { BACKGROUND_OUTDATED } from '../../src/messages/build';
import { ExtensionHarness } from './harness/extension-harness';
import { expect, test } from './harness/fixtures';
import { CHROME_EXTENSION_DIR } from './harness/paths';
import { forgetRegisteredWorkers } from './harness/profile';
import {
  createVault,
  listOptions,
  login,
  MASTER_PASSWORD,
  openPopup,
  seedItems,
  waitForScreen,
} from './popup-support';

/** The build of the background that answers: it names its own in a stale-build refusal. */
async function backgroundBuild(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { runtime: { sendMessage(m: unknown): Promise<{ error?: { code: string; build?: string } }> } };
    };
    const reply = await chrome.runtime.sendMessage({ type: 'vault.status', build: '1' });
    if (reply.error?.code !== 'stale-build' || !reply.error.build) throw new Error(JSON.stringify(reply));
    return reply.error.build;
  });
}

/** A newer build over the old one: every file that carries the build id gets a later one. */
async function copyNewerBuildOver(dir: string, oldBuild: string, newBuild: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = await readFile(file, 'utf8');
    if (text.includes(oldBuild)) await writeFile(file, text.replaceAll(oldBuild, newBuild));
  }
}

test('a new build on the same profile: the popup says what to do while Chrome runs the previous background; npm start’s reset runs the new one, vault kept', async () => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-update-'));
  const options = {
    userDataDir: path.join(dir, 'profile'),
    extensionDir: path.join(dir, 'extension'),
    mapAllHostsToLoopback: false,
  };
  await cp(CHROME_EXTENSION_DIR, options.extensionDir, { recursive: true });
  let extension = await ExtensionHarness.launch(options);
  try {
    const first = await openPopup(extension);
    await createVault(first);
    await seedItems(first, [login('Kept Across Updates')]);
    const oldBuild = await backgroundBuild(first);
    const newBuild = String(Number(oldBuild) + 60_000);

    await extension.close();
    await copyNewerBuildOver(options.extensionDir, oldBuild, newBuild);
    extension = await ExtensionHarness.launch(options);
    const stale = await openPopup(extension);
    // Chrome still runs the previous background script (same manifest version)...
    expect(await backgroundBuild(stale)).toBe(oldBuild);
    // ...and the new popup says exactly what to do instead of "Something went wrong".
    await expect(stale.getByRole('alert')).toHaveText(BACKGROUND_OUTDATED);

    await extension.close();
    await forgetRegisteredWorkers(options.userDataDir);
    extension = await ExtensionHarness.launch(options);
    const updated = await openPopup(extension);
    expect(await backgroundBuild(updated)).toBe(newBuild);
    await waitForScreen(updated, 'unlock');
    await updated.getByLabel('Master password').fill(MASTER_PASSWORD);
    await updated.getByRole('button', { name: 'Unlock', exact: true }).click();
    await waitForScreen(updated, 'list');
    await expect(listOptions(updated).filter({ hasText: 'Kept Across Updates' })).toHaveCount(1);
  } finally {
    await extension.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
});
