// Encrypted backup import on the options page: a wrong password or a damaged file gets a clear error
// and changes nothing; the preview counts what a merge or a replace would do; merge keeps items only
// in the vault, replace (after a confirmation) removes them.
import type { Page } from '@playwright/test';
import type { ItemInput } from '../../src/vault/types';
import { expect, test } from './harness/fixtures';
import {
  BACKUP_PASSWORD,
  createVaultQuickly,
  expectItems,
  MASTER_PASSWORD,
  openOptions,
  sampleItems,
  seedItems,
  send,
  sendRaw,
} from './helpers/options';

const BACKED_UP = sampleItems(6, 'bk');
const ONLY_IN_VAULT: ItemInput = { ...sampleItems(1, 'new')[0]!, name: 'Added after the backup' };

async function chooseFile(page: Page, text: string): Promise<void> {
  const region = page.getByRole('region', { name: 'Encrypted backup' });
  await region.getByLabel('Backup file').setInputFiles({
    name: 'tessera-backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(region.getByText(`with ${BACKED_UP.length} items.`)).toBeVisible();
}

/** Flips one character of the ciphertext: the file still parses but no longer authenticates. */
function damage(text: string): string {
  const file = JSON.parse(text) as { data: string };
  const i = Math.floor(file.data.length / 2);
  file.data = file.data.slice(0, i) + (file.data[i] === 'A' ? 'B' : 'A') + file.data.slice(i + 1);
  return JSON.stringify(file);
}

test('import: wrong password and damaged file change nothing; preview, merge, then replace', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);
  await seedItems(page, BACKED_UP);
  const { text } = await send<{ text: string }>(page, {
    type: 'backup.export',
    password: BACKUP_PASSWORD,
    current: MASTER_PASSWORD,
  });

  // After the backup: one item deleted, one renamed, one added.
  await send(page, { type: 'vault.delete', id: BACKED_UP[0]!.id });
  await send(page, { type: 'vault.put', item: { ...BACKED_UP[1]!, name: 'Renamed' } });
  await seedItems(page, [ONLY_IN_VAULT]);
  const changed = [{ ...BACKED_UP[1]!, name: 'Renamed' }, ...BACKED_UP.slice(2), ONLY_IN_VAULT];

  const region = page.getByRole('region', { name: 'Encrypted backup' });
  const password = region.getByLabel('Password of the backup to import');
  const check = region.getByRole('button', { name: 'Check backup' });
  const error = page.locator('#import-error');

  await chooseFile(page, text);
  await password.fill('not the backup password 7');
  await check.click();
  await expect(error).toHaveText(
    'The backup password is wrong, or the file is damaged. Nothing was changed.',
  );
  await expect(password).toBeFocused();
  await expectItems(page, changed);

  await chooseFile(page, damage(text));
  await password.fill(BACKUP_PASSWORD);
  await check.click();
  await expect(error).toHaveText(
    'The backup password is wrong, or the file is damaged. Nothing was changed.',
  );
  await expectItems(page, changed);

  await chooseFile(page, text);
  await check.click();
  const preview = region.getByTestId('import-preview');
  await expect(preview).toContainText(`holds ${BACKED_UP.length} items.`);
  await expect(preview.getByRole('listitem')).toHaveText([
    'New to this vault: 1',
    "Already in this vault (the backup's copy replaces them): 5",
    'Only in this vault (merge keeps them, replace deletes them): 1',
  ]);
  // Previewing changed nothing.
  await expectItems(page, changed);

  await region.getByRole('button', { name: 'Merge' }).click();
  await expect(page.locator('#import-done')).toHaveText('Merged: 1 added, 5 updated.');
  await expectItems(page, [...BACKED_UP, ONLY_IN_VAULT]);

  await chooseFile(page, text);
  await password.fill(BACKUP_PASSWORD);
  await check.click();
  await expect(preview.getByRole('listitem').last()).toHaveText(
    'Only in this vault (merge keeps them, replace deletes them): 1',
  );
  await region.getByRole('button', { name: 'Replace…' }).click();
  const dialog = page.getByRole('dialog', { name: "Replace your vault's items?" });
  await expect(dialog).toContainText('Items only in your vault, which will be deleted: 1.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(page.locator('#import-done')).toHaveText(
    `Replaced: your vault now holds the backup's ${BACKED_UP.length} items.`,
  );
  await expectItems(page, BACKED_UP);
  const gone = await sendRaw(page, { type: 'vault.get', id: ONLY_IN_VAULT.id! });
  expect(gone.ok).toBe(false);
});
