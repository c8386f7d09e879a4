// Items in the popup end to end: add, edit, search (by username and by URL), reveal, copy with
// the clipboard cleared later, delete with confirmation, the generator feeding the item form, the
// keyboard-only flow, and the virtualized list.
import type { Page } from '@playwright/test';
import { decodeList } from '../../src/messages/list-codec';
import { expect, test } from './harness/fixtures';
import {
  createVault,
  listOptions,
  login,
  openPopup,
  searchBox,
  seedItems,
  sendRequest,
  waitForScreen,
} from './popup-support';

async function grantClipboard(page: Page, extensionId: string): Promise<void> {
  void extensionId;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
}

const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test('add, edit, search, reveal, copy and delete an item', async ({ extension }) => {
  const page = await openPopup(extension);
  await grantClipboard(page, extension.id);
  await createVault(page);

  // Add.
  await page.getByRole('button', { name: 'Add item' }).click();
  await waitForScreen(page, 'edit');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
  await page.getByLabel('Name', { exact: true }).fill('Example Bank');
  await page.getByLabel('Username').fill('alice@example.com');
  await page.getByLabel('Password', { exact: true }).fill('Hunter2-Correct-Horse');
  await page.getByLabel('Websites').fill('bank.example.org/login\nhttps://m.bank.example.org\n');
  await page.getByLabel('Fill on').selectOption('host');
  await page.getByLabel('Notes').fill('Branch: Main Street');
  await page.getByRole('button', { name: 'Save' }).click();

  // Item view: the password stays hidden until revealed.
  await waitForScreen(page, 'item');
  await expect(page.getByRole('heading', { name: 'Example Bank' })).toBeVisible();
  await expect(page.getByText('alice@example.com')).toBeVisible();
  await expect(page.getByRole('link', { name: 'https://bank.example.org/login' })).toHaveAttribute(
    'href',
    'https://bank.example.org/login',
  );
  await expect(page.getByText('Branch: Main Street')).toBeVisible();
  await expect(page.getByText('Hunter2-Correct-Horse')).toHaveCount(0);
  await expect(page.getByText('••••••••••')).toBeVisible();
  const reveal = page.getByRole('button', { name: 'Show Password' });
  await reveal.click();
  await expect(reveal).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Hunter2-Correct-Horse')).toBeVisible();
  await reveal.click();
  await expect(page.getByText('Hunter2-Correct-Horse')).toHaveCount(0);

  // Copy.
  await page.getByRole('button', { name: 'Copy Password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Password copied' })).toContainText(
    'cleared in 30 s',
  );
  expect(await readClipboard(page)).toBe('Hunter2-Correct-Horse');
  await page.getByRole('button', { name: 'Copy Username' }).click();
  expect(await readClipboard(page)).toBe('alice@example.com');

  // Edit: the form starts from the stored values; the match rule survived the round trip.
  await page.getByRole('button', { name: 'Edit' }).click();
  await waitForScreen(page, 'edit');
  await expect(page.getByLabel('Websites')).toHaveValue(
    'https://bank.example.org/login\nhttps://m.bank.example.org',
  );
  await expect(page.getByLabel('Fill on')).toHaveValue('host');
  await page.getByLabel('Username').fill('alice.w@example.com');
  await page.getByRole('button', { name: 'Save' }).click();
  await waitForScreen(page, 'item');
  await expect(page.getByText('alice.w@example.com')).toBeVisible();

  // A second item, so searching has something to exclude.
  await seedItems(page, [login('Other Shop', { username: 'bob', urls: ['https://shop.test'] })]);
  await page.getByRole('button', { name: 'Back' }).click();
  await waitForScreen(page, 'list');
  // The seeded item arrived after the list loaded: reopen to pick it up.
  await page.reload();
  await waitForScreen(page, 'list');
  await expect(listOptions(page)).toHaveCount(2);

  // Search by username, then by URL (case-insensitive), then something absent.
  await searchBox(page).fill('ALICE.W');
  await expect(listOptions(page)).toHaveText([/Example Bank/]);
  await searchBox(page).fill('m.bank.example');
  await expect(listOptions(page)).toHaveText([/Example Bank/]);
  await expect(page.getByText('1 of 2 items')).toBeVisible();
  await searchBox(page).fill('shop.test');
  await expect(listOptions(page)).toHaveText([/Other Shop/]);
  await searchBox(page).fill('no such thing');
  await expect(listOptions(page)).toHaveCount(0);
  await expect(page.getByText('No items match “no such thing”.')).toBeVisible();

  // Delete: Cancel keeps it, Delete removes it.
  await searchBox(page).fill('bank');
  await listOptions(page).first().click();
  await waitForScreen(page, 'item');
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this item?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Example Bank' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await waitForScreen(page, 'list');
  await expect(page.getByRole('status').filter({ hasText: 'was deleted' })).toHaveText(
    '“Example Bank” was deleted.',
  );
  await searchBox(page).fill('bank');
  await expect(listOptions(page)).toHaveCount(0);
  await searchBox(page).fill('');
  await expect(listOptions(page)).toHaveText([/Other Shop/]);
  const stored = await sendRequest<{ encoded: string }>(page, { type: 'vault.list' });
  expect(decodeList(stored.encoded).map((i) => i.name)).toEqual(['Other Shop']);
});

test('the clipboard is cleared after the configured time while the popup is open', async ({ extension }) => {
  const page = await extension.newPage();
  await grantClipboard(page, extension.id);
  // Fake timers in the popup, so the clear can be reached without waiting in real time.
  await page.clock.install();
  await page.setViewportSize({ width: 360, height: 560 });
  await page.goto(extension.url('popup.html'));
  await createVault(page);
  await sendRequest(page, { type: 'settings.set', settings: { clipboardClearSeconds: 10 } });
  await seedItems(page, [login('Clip', { password: 'clip-Secret-123' })]);
  await page.reload();
  await waitForScreen(page, 'list');
  await listOptions(page).first().click();
  await waitForScreen(page, 'item');

  await page.getByRole('button', { name: 'Copy Password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'copied' })).toContainText('cleared in 10 s');
  expect(await readClipboard(page)).toBe('clip-Secret-123');
  await page.clock.runFor(9_000);
  expect(await readClipboard(page)).toBe('clip-Secret-123');
  await page.clock.runFor(1_500);
  await expect.poll(() => readClipboard(page)).toBe('');

  // Something copied elsewhere after ours is left alone (the popup may read the clipboard here).
  await page.getByRole('button', { name: 'Copy Username' }).click();
  await page.evaluate(() => navigator.clipboard.writeText('copied from another app'));
  await page.clock.runFor(11_000);
  expect(await readClipboard(page)).toBe('copied from another app');
});

test('the generator makes a password of the chosen length and fills the item form', async ({ extension }) => {
  const page = await openPopup(extension);
  await grantClipboard(page, extension.id);
  await createVault(page);

  // From the list: passphrase mode, with copy.
  await page.getByRole('button', { name: 'Password generator' }).click();
  await waitForScreen(page, 'generator');
  const value = page.getByTestId('generated-value');
  await page.getByRole('radio', { name: 'Passphrase' }).check();
  await page.getByRole('spinbutton', { name: 'Words' }).fill('6');
  await page.getByLabel('Separator').fill('_');
  await expect.poll(async () => (await value.textContent())?.split('_').length).toBe(6);
  await page.getByRole('button', { name: 'Copy Generated password' }).click();
  expect(await readClipboard(page)).toBe(await value.textContent());
  await page.getByRole('button', { name: 'Back' }).click();
  await waitForScreen(page, 'list');

  // From the item form: password mode, length 32, "Use this password".
  await page.getByRole('button', { name: 'Add item' }).click();
  await waitForScreen(page, 'edit');
  await page.getByLabel('Name', { exact: true }).fill('Generated Login');
  await page.getByRole('button', { name: 'Generate' }).click();
  await waitForScreen(page, 'generator');
  await page.getByRole('radio', { name: 'Password', exact: true }).check();
  await page.getByRole('spinbutton', { name: 'Length' }).fill('32');
  await expect.poll(async () => (await value.textContent())?.length).toBe(32);
  const before = await value.textContent();
  await page.getByRole('button', { name: 'Generate another' }).click();
  await expect(value).not.toHaveText(before!);
  const generated = (await value.textContent())!;
  expect(generated).toHaveLength(32);
  await page.getByRole('button', { name: 'Use this password' }).click();

  await waitForScreen(page, 'edit');
  // The rest of the form survived the trip to the generator.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Generated Login');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue(generated);
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Save' }).click();
  await waitForScreen(page, 'item');
  await page.getByRole('button', { name: 'Show Password' }).click();
  await expect(page.getByText(generated, { exact: true })).toBeVisible();
});

test('keyboard only: search, arrows, Enter opens, Escape goes back and clears', async ({ extension }) => {
  const page = await openPopup(extension);
  await createVault(page);
  await seedItems(page, [login('Alpha Mail'), login('Beta Bank'), login('Beta Books'), login('Gamma')]);
  await page.reload();
  await waitForScreen(page, 'list');

  const search = searchBox(page);
  await expect(search).toBeFocused();
  await page.keyboard.type('beta');
  await expect(listOptions(page)).toHaveText([/Beta Bank/, /Beta Books/]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = page.locator('[role="option"][aria-selected="true"]');
  await expect(active).toHaveText(/Beta Books/);
  await expect(search).toHaveAttribute('aria-activedescendant', (await active.getAttribute('id'))!);
  await page.keyboard.press('Enter');
  await waitForScreen(page, 'item');
  await expect(page.getByRole('heading', { name: 'Beta Books' })).toBeVisible();

  await page.keyboard.press('Escape');
  await waitForScreen(page, 'list');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('beta');
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(listOptions(page)).toHaveCount(4);

  // ArrowUp from no active row wraps to the last item; Enter opens it.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await waitForScreen(page, 'item');
  await expect(page.getByRole('heading', { name: 'Gamma' })).toBeVisible();
  // Tab reaches the copy buttons; Enter on one works without a mouse.
  await page.keyboard.press('Escape');
  await waitForScreen(page, 'list');
  await page.keyboard.type('alpha');
  await page.keyboard.press('Enter');
  await waitForScreen(page, 'item');
  await expect(page.getByRole('heading', { name: 'Alpha Mail' })).toBeFocused();

  // Escape in the form with unsaved changes asks first.
  await page.keyboard.press('Tab'); // Back
  await page.keyboard.press('Shift+Tab');
  await page.getByRole('button', { name: 'Edit' }).focus();
  await page.keyboard.press('Enter');
  await waitForScreen(page, 'edit');
  await page.keyboard.type(' (work)');
  await page.keyboard.press('Escape');
  const discard = page.getByRole('dialog', { name: 'Discard changes?' });
  await expect(discard).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(discard).toHaveCount(0);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Alpha Mail (work)');
});

test('the list is virtualized: 500 items, only a screenful of rows in the DOM', async ({ extension }) => {
  test.setTimeout(120_000);
  const page = await openPopup(extension);
  await createVault(page);
  const items = Array.from({ length: 500 }, (_, i) => login(`Site ${String(i).padStart(3, '0')}`));
  await seedItems(page, items);
  await page.reload();
  await waitForScreen(page, 'list');

  await expect(page.getByText('500 items')).toBeVisible();
  const rendered = await listOptions(page).count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(30);
  await expect(listOptions(page).first()).toHaveAttribute('aria-setsize', '500');

  // The keyboard can reach the last item; it is rendered and scrolled into view.
  await searchBox(page).press('ArrowUp');
  const last = page.locator('[role="option"][aria-selected="true"]');
  await expect(last).toHaveText(/Site 499/);
  await expect(last).toHaveAttribute('aria-posinset', '500');
  await expect(last).toBeInViewport();
  expect(await listOptions(page).count()).toBeLessThan(30);

  await searchBox(page).fill('site 499');
  await expect(listOptions(page)).toHaveText([/Site 499/]);
});
