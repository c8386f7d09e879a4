// At rest (issue #8): after unlock, nothing key-related is stored where it outlives the session or
// where a web page could read it. The real vault key is read from the worker, then every byte of
// storage.local, every IndexedDB record of the extension origin and, after the browser quits, every
// file of the profile folder is searched for it (in every encoding), for the master password and
// for item passwords. A content script cannot read storage.session at all.
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'wxt/browser';
import { evalInContentScript } from './harness/content-world';
import { expect, test } from './harness/fixtures';
import { createVault, login, MASTER_PASSWORD, openPopup, seedItems } from './popup-support';
import { dumpIndexedDb, found, KEY_SLOT, type Needle, needles, readVaultKey } from './security-support';

declare const chrome: typeof Browser;

/**
 * Item passwords that occur nowhere by chance and share no substring with each other, so no
 * compression on disk (LevelDB blocks) can turn one into a back-reference to the other.
 */
const ITEM_PASSWORDS = {
  'item password 1': `A!${randomBytes(12).toString('hex')}`,
  'item password 2': `B#${randomBytes(12).toString('base64url')}`,
};

/** Every regular file under `dir`, with its path relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

test('after unlock, no key, master password or item password in storage.local, IndexedDB, the profile folder or a content script', async ({
  extension,
  fixtureServer,
}) => {
  test.setTimeout(120_000);
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [
    login('Alpha', { password: ITEM_PASSWORDS['item password 1'], notes: 'a note' }),
    login('Bravo', { password: ITEM_PASSWORDS['item password 2'] }),
  ]);
  const key = await readVaultKey(extension);
  const secrets: Needle[] = needles(key, { 'master password': MASTER_PASSWORD, ...ITEM_PASSWORDS });

  // storage.local: every value, as the JSON text the browser stores.
  const local = await extension.evalInWorker(async () =>
    JSON.stringify(await chrome.storage.local.get(null)),
  );
  expect(found(local, secrets), `storage.local: ${local.slice(0, 200)}`).toEqual([]);

  // IndexedDB: every record of every database of the extension origin, text and binary fields.
  const records = await dumpIndexedDb(popup);
  expect(records.map((r) => r.where)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^tessera-vault\/items\//)]),
  );
  expect(records.length).toBeGreaterThanOrEqual(6); // header, manifest, password record, chunk, 2 items
  for (const record of records) {
    const hits = [...found(record.json, secrets), ...found(Buffer.from(record.binary, 'base64'), secrets)];
    expect(hits, record.where).toEqual([]);
  }
  // The search can fail: the same search finds the item password in a plaintext copy of an item.
  expect(found(JSON.stringify({ password: ITEM_PASSWORDS['item password 1'] }), secrets)).toEqual([
    'item password 1 (UTF-8)',
  ]);

  // A content script (in a web page) cannot read storage.session, where the key is, and sees
  // nothing secret in storage.local or in the IndexedDB it can reach (the page's own).
  const page = await extension.newPage();
  await page.goto(fixtureServer.url('demo-site/'));
  const fromContent = await evalInContentScript(
    page,
    extension.id,
    `(async () => {
      const session = await chrome.storage.session.get(null).then(
        (v) => ({ read: JSON.stringify(v) }),
        (e) => ({ refused: String(e) }),
      );
      const local = JSON.stringify(await chrome.storage.local.get(null));
      const databases = (await indexedDB.databases()).map((d) => d.name);
      return { session, local, databases };
    })()`,
  );
  const seen = fromContent as {
    session: { read?: string; refused?: string };
    local: string;
    databases: string[];
  };
  expect(seen.session.read, 'storage.session must not be readable from a content script').toBeUndefined();
  expect(seen.session.refused).toMatch(/access|not allowed|trusted/i);
  expect(found(JSON.stringify(seen), secrets)).toEqual([]);
  expect(seen.databases).not.toContain('tessera-vault');
  // While the worker does hold it there (the refusal above is not an empty area).
  expect(
    await extension.evalInWorker(async () => Object.keys(await chrome.storage.session.get(null))),
  ).toContain(KEY_SLOT);

  // The profile folder, as a local attacker would copy it: quit the browser (so everything is
  // flushed to disk), then search every file.
  await page.close();
  await popup.close();
  await extension.restartBrowser();
  const files = await filesUnder(extension.userDataDir);
  let bytes = 0;
  const hits: string[] = [];
  for (const file of files) {
    const content = await readFile(file).catch(() => null);
    if (!content) continue;
    bytes += (await stat(file)).size;
    for (const name of found(content, secrets))
      hits.push(`${path.relative(extension.userDataDir, file)}: ${name}`);
  }
  console.info(`profile folder: ${files.length} files, ${bytes} bytes searched`);
  expect(hits).toEqual([]);
  // The search sees the vault's files: the header's vault id, stored in plaintext, is found.
  const vaultId = JSON.parse(records.find((r) => r.where === 'tessera-vault/meta/header')!.json).vaultId;
  const withVaultId: string[] = [];
  for (const file of files) {
    const content = await readFile(file).catch(() => null);
    if (content?.includes(Buffer.from(vaultId))) withVaultId.push(path.relative(extension.userDataDir, file));
  }
  expect(withVaultId.join(' ')).toMatch(/IndexedDB/);
});
