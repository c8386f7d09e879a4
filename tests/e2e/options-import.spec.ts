// Import and export through the options page, end to end on the built extension: a Chrome CSV
// export is previewed (counts, a duplicate of an item already in the vault, a skipped row), imported
// with the duplicate left out, and shows up in the popup; an unknown CSV layout goes through the
// column-mapping step; a damaged file is refused with its row and writes nothing; the unencrypted
// CSV export asks for the master password again and escapes a formula cell.
// Fixtures: tests/fixtures/imports/*.csv (made-up data written for these tests).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { decodeList } from '../../src/messages/list-codec';
import { emptyItem } from '../../src/vault/item-schema';
import type { ItemInput } from '../../src/vault/types';
import { expect, test } from './harness/fixtures';
import { FIXTURES_DIR } from './harness/paths';
import { createVaultQuickly, MASTER_PASSWORD, openOptions, seedItems, send } from './helpers/options';
import { listOptions, openPopup, waitForScreen } from './popup-support';

const fixture = (name: string) => path.join(FIXTURES_DIR, 'imports', name);

/** Already in the vault: same site (registrable domain) and username as the file's forum row. */
const FORUM: ItemInput = {
  ...emptyItem(),
  name: 'Analytical Forum',
  username: 'ada_l',
  password: 'Old-forum-pass',
  urls: ['https://www.analytical-forum.org/'],
};

function importRegion(page: Page) {
  return page.getByRole('region', { name: 'Import from another password manager' });
}

/** The import section's file input. */
function filePicker(region: Locator) {
  return region.getByLabel('Export file from your old password manager');
}

function exportRegion(page: Page) {
  return page.getByRole('region', { name: 'Export unencrypted' });
}

/** The vault's items as the background lists them (overviews: no secrets). */
async function overviews(page: Page) {
  const { encoded } = await send<{ encoded: string }>(page, { type: 'vault.list' });
  return decodeList(encoded);
}

async function vaultNames(page: Page): Promise<string[]> {
  return (await overviews(page)).map((o) => o.name).sort();
}

/** One stored item, found by name. */
async function storedItem(page: Page, name: string): Promise<ItemInput> {
  const match = (await overviews(page)).find((o) => o.name === name);
  if (!match) throw new Error(`no item named ${name}`);
  return send<ItemInput>(page, { type: 'vault.get', id: match.id });
}

test('a Chrome CSV is previewed with its duplicate and skipped row, imported, and listed in the popup', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);
  await seedItems(page, [FORUM]);

  const region = importRegion(page);
  await filePicker(region).setInputFiles(fixture('chrome-passwords.csv'));

  const preview = region.getByTestId('file-import-preview');
  await expect(preview).toBeVisible();
  await expect(preview).toContainText('Format: Chrome / Edge (CSV)');
  await expect(preview).toContainText('The file holds 4 items to import.');
  await expect(preview).toContainText('Logins: 4');
  await expect(region.getByTestId('file-import-duplicates')).toContainText(
    '1 item looks like one already in your vault (same site and username):',
  );
  await expect(region.getByTestId('file-import-duplicates')).toContainText(
    'analytical-forum.org (already saved as “Analytical Forum”)',
  );
  await expect(region.getByTestId('file-import-skipped')).toContainText('1 row is skipped:');
  await expect(region.getByTestId('file-import-skipped')).toContainText('Row 6: it is empty');

  // The preview wrote nothing.
  expect(await vaultNames(page)).toEqual(['Analytical Forum']);

  // Keeping the duplicate changes the count; skipping it again (the default) is what is imported.
  const skip = region.getByLabel('Skip the items that are already in my vault');
  await expect(skip).toBeChecked();
  await skip.uncheck();
  await expect(region.getByRole('button', { name: 'Import 4 items' })).toBeEnabled();
  await skip.check();
  await region.getByRole('button', { name: 'Import 3 items' }).click();
  await expect(page.locator('#file-import-done')).toHaveText('Imported 3 items into your vault.');
  await expect(preview).toHaveCount(0);

  expect(await vaultNames(page)).toEqual([
    'Analytical Forum',
    'difference-bank.net',
    'engine-shop.com',
    'lovelace-mail.com',
  ]);

  // Values came through exactly, including a quoted comma and quote, and the formula-looking password.
  const popup = await openPopup(extension);
  await waitForScreen(popup, 'list');
  await expect(listOptions(popup)).toHaveText([
    /Analytical Forum/,
    /difference-bank\.net/,
    /engine-shop\.com/,
    /lovelace-mail\.com/,
  ]);
  expect(await storedItem(page, 'lovelace-mail.com')).toMatchObject({
    username: 'ada@lovelace-mail.com',
    password: 'Mail,pass"word-1',
    notes: 'Personal mail',
    urls: ['https://lovelace-mail.com/'],
  });
});

test('an unknown CSV layout goes through the column mapping step', async ({ extension }) => {
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);

  const region = importRegion(page);
  await filePicker(region).setInputFiles(fixture('other-manager.csv'));
  const mapping = region.getByTestId('file-import-mapping');
  await expect(mapping).toBeVisible();
  await expect(mapping.getByLabel('Use column “Title” as')).toHaveValue('name');
  await expect(mapping.getByLabel('Use column “Web Address” as')).toHaveValue('url');
  await expect(mapping.getByLabel('Use column “Login Name” as')).toHaveValue('username');
  await expect(mapping.getByLabel('Use column “Passphrase” as')).toHaveValue('password');
  // The password's sample value is not shown in the clear.
  await expect(mapping).not.toContainText('Loom-pass-1');
  await mapping.getByLabel('Use column “Colour” as').selectOption('ignore');
  await mapping.getByRole('button', { name: 'Show what will be imported' }).click();

  const preview = region.getByTestId('file-import-preview');
  await expect(preview).toContainText('Format: Other CSV (choose the columns)');
  await expect(preview).toContainText('The file holds 2 items to import.');
  await region.getByRole('button', { name: 'Import 2 items' }).click();
  await expect(page.locator('#file-import-done')).toHaveText('Imported 2 items into your vault.');

  expect(await storedItem(page, 'Loom Works')).toMatchObject({
    username: 'ada',
    password: 'Loom-pass-1',
    notes: 'Jacquard cards',
    urls: ['https://loom-works.example/'],
    fields: [], // "Colour" was ignored
  });
});

test('10,000 rows: progress is shown while parsing and saving, and every row arrives', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);

  const rows = Array.from(
    { length: 10_000 },
    (_, i) => `site-${i}.com,https://site-${i}.com/login,user${i}@mail.example,Pass-${i}-word,`,
  );
  const csv = `name,url,username,password,note\n${rows.join('\n')}\n`;

  // Every text the progress line shows, recorded as it changes (the phases can be short).
  await page.evaluate(() => {
    const line = document.getElementById('file-import-progress')!;
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      if (line.textContent) seen.push(line.textContent);
    }).observe(line, { childList: true, characterData: true, subtree: true });
  });

  const region = importRegion(page);
  await filePicker(region).setInputFiles({
    name: 'Chrome Passwords.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(region.getByTestId('file-import-preview')).toContainText(
    'The file holds 10,000 items to import.',
    {
      timeout: 30_000,
    },
  );
  await region.getByRole('button', { name: 'Import 10,000 items' }).click();
  await expect(page.locator('#file-import-done')).toHaveText('Imported 10,000 items into your vault.', {
    timeout: 60_000,
  });

  const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
  expect(seen).toEqual(
    expect.arrayContaining([
      'Reading the file…',
      'Reading the entries…',
      'Comparing with the items in your vault…',
      'Encrypting and saving 10,000 items…',
    ]),
  );
  expect((await overviews(page)).length).toBe(10_000);
});

test('a damaged file is refused with its row and writes nothing', async ({ extension }) => {
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);
  await seedItems(page, [FORUM]);

  const region = importRegion(page);
  const picker = filePicker(region);
  await picker.setInputFiles(fixture('chrome-truncated.csv'));
  await expect(page.locator('#file-import-error')).toHaveText(
    'Row 2 has a quoted value that is never closed. The file may be cut off or damaged. Nothing was imported.',
  );
  await expect(picker).toHaveAttribute('aria-invalid', 'true');
  await expect(picker).toBeFocused();
  await expect(region.getByTestId('file-import-preview')).toHaveCount(0);
  await expect(region.getByRole('button', { name: /^Import / })).toHaveCount(0);
  expect(await vaultNames(page)).toEqual(['Analytical Forum']);

  // Not a password export at all.
  await picker.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('just some text\n'),
  });
  await expect(page.locator('#file-import-error')).toContainText(
    "The file's columns do not match any export",
  );
  await expect(page.locator('#file-import-error')).toContainText('Nothing was imported.');
  expect(await vaultNames(page)).toEqual(['Analytical Forum']);
});

test('the CSV export asks for the master password again and escapes formula cells', async ({ extension }) => {
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);
  await seedItems(page, [
    FORUM,
    { ...emptyItem(), name: "=cmd|' /C calc'!A0", username: 'mallory', password: '+SUM(1,2)', urls: [] },
  ]);

  const region = exportRegion(page);
  await expect(region.getByRole('note')).toContainText('The exported file is NOT encrypted');
  await expect(region.getByLabel('CSV (spreadsheets and most password managers)')).toBeChecked();

  const password = region.getByLabel('Your master password, to export without encryption');
  await password.fill('not the master password 9');
  await region.getByRole('button', { name: 'Export unencrypted file' }).click();
  await expect(page.locator('#file-export-error')).toHaveText(
    'The master password is not correct. Nothing was exported.',
  );
  await expect(password).toBeFocused();

  await password.fill(MASTER_PASSWORD);
  const download = page.waitForEvent('download');
  await region.getByRole('button', { name: 'Export unencrypted file' }).click();
  const file = await download;
  const name = file.suggestedFilename();
  expect(name).toMatch(/^tessera-export-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(page.locator('#file-export-done')).toHaveText(
    `Saved 2 items to ${name}. Delete the file when you no longer need it.`,
  );
  await expect(password).toHaveValue('');

  const text = await readFile((await file.path())!, 'utf8');
  const lines = text.split('\r\n');
  expect(lines[0]).toBe('"name","url","username","password","notes","totp","favorite","match","fields"');
  expect(text).toContain('"Analytical Forum","https://www.analytical-forum.org/","ada_l","Old-forum-pass"');
  // Formula cells get a leading ' (formula.ts), so a spreadsheet shows them as text.
  expect(text).toContain(`"'=cmd|' /C calc'!A0",""`);
  expect(text).toContain('"mallory","\'+SUM(1,2)"');
  expect(text).not.toMatch(/(^|,)"=cmd/m);
});

test('a CSV cut off inside its last row: the preview lists the row left out, and the rest is imported', async ({
  extension,
}) => {
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);

  const region = importRegion(page);
  await filePicker(region).setInputFiles(fixture('bitwarden-cut-off.csv'));
  const preview = region.getByTestId('file-import-preview');
  await expect(preview).toContainText('Format: Bitwarden (CSV)');
  await expect(preview).toContainText('The file holds 2 items to import.');
  await expect(region.getByTestId('file-import-skipped')).toContainText(
    'Row 4: the file ends in the middle of this row (it has 10 of the 11 columns): the file was cut off',
  );
  await region.getByRole('button', { name: 'Import 2 items' }).click();
  await expect(page.locator('#file-import-done')).toHaveText('Imported 2 items into your vault.');
  expect(await vaultNames(page)).toEqual(['Difference Bank', 'Engine Shop']);
});

test('the preview lists an item changed on the way in: a URL marked never stays out of autofill', async ({
  extension,
}) => {
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);

  const region = importRegion(page);
  await filePicker(region).setInputFiles(fixture('bitwarden-never-uri.json'));
  await expect(region.getByTestId('file-import-changed')).toContainText('1 change is made on the way in:');
  await expect(region.getByTestId('file-import-changed')).toContainText(
    'Row 1 (Analytical Shop): its URL "https://pay.partner.example/" was marked never to fill',
  );
  await region.getByRole('button', { name: 'Import 1 item' }).click();
  await expect(page.locator('#file-import-done')).toHaveText('Imported 1 item into your vault.');
  expect(await storedItem(page, 'Analytical Shop')).toMatchObject({
    urls: ['https://analytical-shop.example/'],
    fields: [{ name: 'Never fill on', value: 'https://pay.partner.example/', hidden: false }],
  });
});

test('the format picker: a file Tessera cannot place is read as the format chosen', async ({ extension }) => {
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);

  const region = importRegion(page);
  const formatPicker = region.getByLabel('Format of the file');
  await expect(formatPicker).toHaveValue('detect');
  // Every importer is offered.
  await expect(formatPicker.locator('option')).toHaveText([
    'Recognise it from the file',
    'Tessera (CSV)',
    'Bitwarden (JSON or ZIP)',
    'Bitwarden (CSV)',
    '1Password (1PUX)',
    '1Password (CSV)',
    'Proton Pass (JSON or ZIP)',
    'Proton Pass (CSV)',
    'Firefox (CSV)',
    'Chrome / Edge (CSV)',
    'KeePassXC (CSV)',
    'mSecure (CSV)',
    'Google Authenticator export or otpauth:// links (text)',
    'Other CSV (choose the columns)',
  ]);

  // An mSecure export holding only types detection does not know: refused, pointing at the picker.
  await filePicker(region).setInputFiles(fixture('msecure-unusual-types.csv'));
  await expect(page.locator('#file-import-error')).toContainText(
    'If you know which manager wrote the file, choose its format above and try again.',
  );
  expect(await vaultNames(page)).toEqual([]);

  // Choosing the format reads the same file again, as that format.
  await formatPicker.selectOption('msecure-csv');
  const preview = region.getByTestId('file-import-preview');
  await expect(preview).toContainText('Format: mSecure (CSV)');
  await expect(preview).toContainText('The file holds 2 items to import.');
  await expect(page.locator('#file-import-error')).not.toContainText('choose its format above');
  await region.getByRole('button', { name: 'Import 2 items' }).click();
  await expect(page.locator('#file-import-done')).toHaveText('Imported 2 items into your vault.');
  expect(await vaultNames(page)).toEqual(['Bike lock', 'Gym locker']);
  await expect(formatPicker).toHaveValue('detect');
});
