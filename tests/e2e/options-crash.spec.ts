// Crash safety (issue 4, item 6): the service worker is stopped while a request from the options page
// is being handled (change password, biometric enrolment, restore from backup, reset local data).
// Afterwards the vault opens with exactly one valid secret, and no item is lost: every operation is
// one IndexedDB transaction, so it happened entirely or not at all.
//
// "While being handled": the page's chrome.runtime.sendMessage is wrapped to record each request type
// as it is sent; the worker is stopped once the request is on its way (optionally after a delay, to
// land later in the Argon2id derivation or at the write). The page itself is the real options page.
import type { Page } from '@playwright/test';
import type { ItemInput } from '../../src/vault/types';
import type { ExtensionHarness } from './harness/extension-harness';
import { expect, test } from './harness/fixtures';
import {
  BACKUP_PASSWORD,
  createVaultQuickly,
  expectItems,
  lockFromPage,
  MASTER_PASSWORD,
  NEW_PASSWORD,
  openOptions,
  sampleItems,
  seedItems,
  send,
  sendRaw,
  storedKeyKinds,
  unlockWithPassword,
  VirtualAuthenticator,
  waitForState,
} from './helpers/options';

const ITEMS = sampleItems(30, 'crash');

type Recorded = typeof globalThis & { __tesseraSent?: string[] };

/** Notes which way an interrupted operation went, in the test report. */
function outcome(description: string): void {
  test.info().annotations.push({ type: 'outcome', description });
}

/** Records the type of every request the page sends from now on. */
async function recordRequests(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as Recorded & {
      chrome: { runtime: { sendMessage(...args: unknown[]): Promise<unknown> } };
    };
    if (g.__tesseraSent) return;
    g.__tesseraSent = [];
    const runtime = g.chrome.runtime;
    const original = runtime.sendMessage.bind(runtime);
    runtime.sendMessage = (...args: unknown[]) => {
      const type = (args[0] as { type?: unknown } | undefined)?.type;
      if (typeof type === 'string') g.__tesseraSent!.push(type);
      return original(...args);
    };
  });
}

/** Waits until the page has sent a request of `type`, then forgets it (no worker stop). */
async function stopWatchingAfter(page: Page, type: string): Promise<void> {
  await page.waitForFunction((t) => (globalThis as Recorded).__tesseraSent?.includes(t) ?? false, type, {
    polling: 5,
  });
  await page.evaluate(() => {
    (globalThis as Recorded).__tesseraSent = [];
  });
}

/** Waits until the page has sent a request of `type`, waits `delayMs` more, then stops the worker. */
async function stopWorkerDuring(page: Page, extension: ExtensionHarness, type: string, delayMs: number) {
  await page.waitForFunction((t) => (globalThis as Recorded).__tesseraSent?.includes(t) ?? false, type, {
    polling: 5,
  });
  if (delayMs > 0) await page.waitForTimeout(delayMs);
  await extension.stopServiceWorker();
  expect(await extension.isServiceWorkerRunning()).toBe(false);
  await page.evaluate(() => {
    (globalThis as Recorded).__tesseraSent = [];
  });
}

/** Of `candidates`, exactly one opens the vault, with every item. Leaves the vault locked. */
async function expectExactlyOneSecret(page: Page, candidates: string[], items: readonly ItemInput[]) {
  await send(page, { type: 'vault.lock' });
  const opened: string[] = [];
  for (const password of candidates) {
    const reply = await sendRaw(page, { type: 'vault.unlock', password });
    if (reply.ok) {
      opened.push(password);
      await expectItems(page, items);
      await send(page, { type: 'vault.lock' });
    } else {
      expect(reply.error.code).toBe('wrong-password');
    }
  }
  expect(opened).toHaveLength(1);
  expect((await storedKeyKinds(page)).filter((k) => k === 'password')).toHaveLength(1);
  return opened[0]!;
}

test('worker stopped during change password: exactly one of old and new opens, no item lost', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  const page = await openOptions(extension);
  await createVaultQuickly(page);
  await seedItems(page, ITEMS);
  await recordRequests(page);

  const region = page.getByRole('region', { name: 'Master password' });
  async function submitChange(current: string, next: string): Promise<void> {
    await region.getByLabel('Current master password').fill(current);
    await region.getByLabel('New master password', { exact: true }).fill(next);
    await region.getByLabel('Repeat new master password').fill(next);
    await region.getByRole('button', { name: 'Change password' }).click();
  }

  // One uninterrupted change first, to time it on this machine (two Argon2id runs and a write).
  let current = `${NEW_PASSWORD} first`;
  await submitChange(MASTER_PASSWORD, current);
  await stopWatchingAfter(page, 'vault.changePassword');
  const sentAt = Date.now();
  await expect(region.getByRole('status')).toHaveText(
    'Master password changed. Use the new one from now on.',
  );
  const took = Date.now() - sentAt;

  // Then stop the worker at the start, in the middle and near the end of that time. Either outcome
  // is valid; a mix of both is what must never happen.
  const delays = [0, Math.round(took * 0.5), Math.round(took * 0.9)];
  for (const [i, delayMs] of delays.entries()) {
    const next = `${NEW_PASSWORD} round ${i}`;
    await submitChange(current, next);
    await stopWorkerDuring(page, extension, 'vault.changePassword', delayMs);

    // The page does not hang: the interrupted request ends in an error or a success.
    await expect(region.getByRole('button', { name: 'Change password' })).toBeEnabled({ timeout: 20_000 });

    current = await expectExactlyOneSecret(page, [current, next], ITEMS);
    outcome(`stopped ${delayMs} ms after sending: the ${current === next ? 'new' : 'old'} password opens`);
    await page.reload();
    await waitForState(page, 'locked');
    await unlockWithPassword(page, current);
    await waitForState(page, 'unlocked');
    await recordRequests(page);
  }
});

test('worker stopped during biometric enrolment: the vault still opens, enrolment all or nothing', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension, '#unlocking');
  await createVaultQuickly(page);
  await seedItems(page, ITEMS);
  await VirtualAuthenticator.attach(page);
  await recordRequests(page);

  const biometric = page.getByRole('region', { name: 'Biometric unlock' });
  await page.bringToFront();
  await biometric.getByLabel('Your master password').fill(MASTER_PASSWORD);
  await biometric.getByRole('button', { name: 'Turn on biometric unlock' }).click();
  await stopWorkerDuring(page, extension, 'biometric.enrol', 0);
  await expect(biometric.getByRole('button', { name: /biometric unlock/ })).toBeEnabled({ timeout: 20_000 });

  const kinds = await storedKeyKinds(page);
  expect(kinds.filter((k) => k === 'password')).toHaveLength(1);
  const enrolled = kinds.filter((k) => k === 'prf').length;
  outcome(enrolled === 1 ? 'enrolled' : 'not enrolled');
  expect(enrolled).toBeLessThanOrEqual(1);

  await page.reload();
  await waitForState(page, 'unlocked');
  await lockFromPage(page);
  if (enrolled === 1) {
    await page.bringToFront();
    await page.getByRole('button', { name: 'Unlock with biometric' }).click();
    await waitForState(page, 'unlocked');
    await expectItems(page, ITEMS);
    await lockFromPage(page);
  } else {
    await expect(page.getByRole('button', { name: 'Unlock with biometric' })).toHaveCount(0);
  }
  await unlockWithPassword(page, MASTER_PASSWORD);
  await waitForState(page, 'unlocked');
  await expectItems(page, ITEMS);
});

test('worker stopped during restore from backup: either no vault, or every item under the new password', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  const page = await openOptions(extension);
  await createVaultQuickly(page);
  await seedItems(page, ITEMS);
  const { text } = await send<{ text: string }>(page, {
    type: 'backup.export',
    password: BACKUP_PASSWORD,
    current: MASTER_PASSWORD,
  });

  // 0 ms: while the backup is decrypted; 700 ms: while the new vault's key is derived or written.
  for (const delayMs of [0, 700]) {
    await send(page, { type: 'vault.reset', confirm: 'RESET LOCAL DATA' });
    await page.reload();
    await waitForState(page, 'empty');
    await recordRequests(page);

    const restore = page.getByRole('region', { name: 'Restore from backup' });
    await restore.getByLabel('Backup file').setInputFiles({
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    await restore.getByLabel('Backup password').fill(BACKUP_PASSWORD);
    await restore.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
    await restore.getByLabel('Repeat new master password').fill(NEW_PASSWORD);
    await restore.getByRole('button', { name: 'Restore', exact: true }).click();
    await stopWorkerDuring(page, extension, 'backup.restore', delayMs);

    const { state } = await send<{ state: string }>(page, { type: 'vault.status' });
    outcome(`stopped ${delayMs} ms after sending: ${state === 'empty' ? 'no vault' : 'restored'}`);
    if (state === 'empty') {
      // Nothing was written: no key record, no half vault. Restoring again works.
      expect(await storedKeyKinds(page)).toEqual([]);
      await send(page, {
        type: 'backup.restore',
        text,
        password: BACKUP_PASSWORD,
        masterPassword: NEW_PASSWORD,
      });
    }
    await send(page, { type: 'vault.lock' });
    expect(await storedKeyKinds(page)).toEqual(['password']);
    await send(page, { type: 'vault.unlock', password: NEW_PASSWORD });
    await expectItems(page, ITEMS);
  }
});

test('worker stopped during reset local data: either the whole vault or nothing remains', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension);
  await createVaultQuickly(page);
  await seedItems(page, ITEMS);
  await send(page, { type: 'recovery.create', current: MASTER_PASSWORD });
  await lockFromPage(page);
  await recordRequests(page);

  const reset = page.getByRole('region', { name: 'Reset local data' });
  await reset.getByLabel('To confirm, type “reset”').fill('reset');
  await reset.getByRole('button', { name: 'Reset local data' }).click();
  await stopWorkerDuring(page, extension, 'vault.reset', 0);

  const { state } = await send<{ state: string }>(page, { type: 'vault.status' });
  expect(['empty', 'locked']).toContain(state);
  outcome(state === 'empty' ? 'reset happened' : 'reset did not happen');
  if (state === 'empty') {
    expect(await storedKeyKinds(page)).toEqual([]);
  } else {
    // The reset did not happen: the vault, with all its key records, opens as before.
    expect(await storedKeyKinds(page)).toEqual(['password', 'recovery']);
    await send(page, { type: 'vault.unlock', password: MASTER_PASSWORD });
    await expectItems(page, ITEMS);
  }
});
