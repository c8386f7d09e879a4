// Vaults written by earlier releases open in the built extension: each frozen vault
// (tests/fixtures/vaults/format-<N>/) is written into the extension's own IndexedDB as that
// release left it, then unlocked through the popup with its password and through the options
// page's "Forgot your password?" with its recovery key, every item intact.
// The unit tests (tests/unit/vault/fixtures.test.ts) cover the biometric proof and the backup file.
// The frozen key records were hashed by hash-wasm; the worker now runs the SIMD Argon2id build
// (src/crypto/argon2id-engine.ts), so the password unlock also proves the two give the same key here.
import type { Page } from '@playwright/test';
import { KDF_MEASURE, type KdfMeasureDetail } from '../../src/crypto/kdf';
import { decodeList } from '../../src/messages/list-codec';
import { withoutPrivateKeys } from '../../src/passkeys/item-passkeys';
import { DB_NAME } from '../../src/vault/format';
import type { Item } from '../../src/vault/types';
import { deleteDatabase, frozenVaults, loadDump, type VaultDump } from '../unit/vault/fixtures-dump';
import type { ExtensionHarness } from './harness/extension-harness';
import { expect, test } from './harness/fixtures';
import { NEW_PASSWORD, openOptions, send, waitForState } from './helpers/options';
import { listOptions, openPopup, searchBox, waitForScreen } from './popup-support';

/**
 * Every item, read back through the background's protocol, equals the frozen one as pages see it:
 * its passkeys (format 3 on) without their private keys, which never leave the background.
 */
async function expectEveryItem(page: Page, items: readonly Item[]): Promise<void> {
  for (const item of items) {
    expect(await send<Item>(page, { type: 'vault.get', id: item.id })).toEqual(withoutPrivateKeys(item));
  }
}

async function installFrozen(extension: ExtensionHarness, dump: unknown): Promise<void> {
  // The welcome page asked for the vault's state at install, which opened an empty database at
  // today's version; the frozen one goes into a fresh database. The worker holding it open stops
  // first, so nothing blocks the delete.
  await extension.stopServiceWorker();
  await extension.evalInWorker(deleteDatabase, DB_NAME);
  // The very loader the unit tests use, run inside the extension's service worker.
  await extension.evalInWorker(loadDump, {
    name: DB_NAME,
    dump: dump as Parameters<typeof loadDump>[0]['dump'],
  });
}

/**
 * The sealed bytes of every stored chunk and of the manifest, base64, by record id: read in the
 * worker, no key needed. Self-contained: it runs inside the extension.
 */
function storedSealed(name: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(['chunks', 'meta'], 'readonly');
      const sealed: Record<string, string> = {};
      const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
      const chunks = tx.objectStore('chunks').getAll();
      chunks.onsuccess = () => {
        for (const record of chunks.result as { id: string; sealed: Uint8Array }[]) {
          sealed[record.id] = base64(record.sealed);
        }
      };
      const manifest = tx.objectStore('meta').get('manifest');
      manifest.onsuccess = () => {
        sealed.manifest = base64((manifest.result as { sealed: Uint8Array }).sealed);
      };
      tx.oncomplete = () => {
        db.close();
        resolve(sealed);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** The same, as the frozen dump holds them. */
function frozenSealed(dump: VaultDump): Record<string, string> {
  const sealedOf = (value: unknown) => (value as { sealed: { $bytes: string } }).sealed.$bytes;
  const sealed: Record<string, string> = {};
  for (const [id, value] of dump.stores.chunks!.records) sealed[String(id)] = sealedOf(value);
  sealed.manifest = sealedOf(dump.stores.meta!.records.find(([key]) => key === 'manifest')![1]);
  return sealed;
}

for (const fixture of frozenVaults()) {
  const { folder, items, proofs } = fixture;
  // The varied items are the ones whose names are not "Bulk NNN" (README of the folder).
  const varied = items.filter((i) => !/^Bulk \d+$/.test(i.name));

  test(`frozen vault ${folder}: the popup unlocks it with its password, lists every item and opens one`, async ({
    extension,
  }) => {
    test.setTimeout(120_000);
    await installFrozen(extension, fixture.dump);
    const page = await openPopup(extension);
    await waitForScreen(page, 'unlock');
    // The frozen biometric key record is offered too (its PRF output cannot come from a test
    // authenticator; the unit tests open the vault with it).
    await expect(page.getByRole('button', { name: 'Unlock with biometric' })).toBeVisible();
    await page.getByLabel('Master password').fill(proofs.password);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await waitForScreen(page, 'list');
    // The worker's own record of that unlock's Argon2id names the engine that computed it.
    const engines = await extension.evalInWorker(
      (name) => performance.getEntriesByName(name).map((e) => (e as PerformanceMeasure).detail as unknown),
      KDF_MEASURE,
    );
    expect(engines).toEqual([{ engine: 'wasm-simd' } satisfies KdfMeasureDetail]);

    await expect(listOptions(page).first()).toHaveAttribute('aria-setsize', String(items.length));
    for (const item of items) {
      await searchBox(page).fill(item.name);
      await expect(listOptions(page).filter({ hasText: item.name }).first()).toBeVisible();
    }

    const full = varied.find((i) => i.fields.length > 0 && i.notes && i.urls.length > 1)!;
    await searchBox(page).fill(full.name);
    await listOptions(page).filter({ hasText: full.name }).first().click();
    await waitForScreen(page, 'item');
    await expect(page.getByRole('heading', { name: full.name })).toBeVisible();
    await expect(page.getByText(full.username, { exact: true })).toBeVisible();
    // Web addresses are links; others (an app id) are listed as text.
    for (const url of full.urls) {
      await expect(page.getByRole('listitem').filter({ hasText: url })).toBeVisible();
    }
    await expect(page.locator('.notes')).toHaveText(full.notes);
    for (const field of full.fields.filter((f) => f.name)) {
      await expect(page.getByText(field.name, { exact: true })).toBeVisible();
    }

    await expectEveryItem(page, items);

    // A vault from before format 3 has its chunks stored again as text columns after the unlock
    // (UnlockedVault.rewriteOutdatedChunks, after the integrity check): every chunk's sealed bytes
    // change, the manifest's do not. Locked and unlocked again, every item is as frozen.
    if (Number(folder.slice('format-'.length)) < 3) {
      const frozen = frozenSealed(fixture.dump);
      const chunkIds = Object.keys(frozen).filter((id) => id !== 'manifest');
      const stored = () => extension.evalInWorker(storedSealed, DB_NAME);
      await expect
        .poll(
          async () => {
            const now = await stored();
            return chunkIds.filter((id) => now[id] !== undefined && now[id] !== frozen[id]).length;
          },
          { timeout: 15_000 },
        )
        .toBe(chunkIds.length);
      expect((await stored()).manifest).toBe(frozen.manifest);
      await send(page, { type: 'vault.lock' });
      await send(page, { type: 'vault.unlock', password: proofs.password });
      await expectEveryItem(page, items);
      // And the list, which is read from the rewritten chunks (the items above are not).
      const { encoded } = await send<{ encoded: string }>(page, { type: 'vault.list' });
      const entry = ({
        id,
        name,
        username,
        urls,
      }: {
        id: string;
        name: string;
        username: string;
        urls: string[];
      }) => ({ id, name, username, urls });
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      expect(decodeList(encoded).map(entry).sort(byId)).toEqual(items.map(entry).sort(byId));
    }
  });

  test(`frozen vault ${folder}: its recovery key opens it in the options page and sets a new password`, async ({
    extension,
  }) => {
    test.setTimeout(90_000);
    await installFrozen(extension, fixture.dump);
    const page = await openOptions(extension);
    await waitForState(page, 'locked');
    const region = page.getByRole('region', { name: 'Recover access' });
    await region.getByRole('button', { name: 'Forgot your password?' }).click();
    await region.getByLabel('Recovery key').fill(proofs.recoveryKey);
    await region.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
    await region.getByLabel('Repeat new master password').fill(NEW_PASSWORD);
    await region.getByRole('button', { name: 'Unlock and set the new password' }).click();
    await waitForState(page, 'unlocked');
    await expectEveryItem(page, items);
    const records = await send<{ records: { kind: string }[] }>(page, { type: 'keys.list' });
    expect(records.records.map((r) => r.kind).sort()).toEqual(['password', 'prf', 'recovery']);
  });
}
