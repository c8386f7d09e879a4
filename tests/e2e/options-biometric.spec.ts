// S3 end to end: the biometric key is gone. Three ways it goes, each with the same specific message
// (never a generic error, never a silent fallback):
//   - another PRF output for the same credential (a different authenticator, or a reset one that
//     still reports the id): the background's key record refuses it ('wrong-key');
//   - the authenticator was removed: nothing answers and WebAuthn fails when the timeout ends;
//   - a fresh authenticator holding the old credential id but not its PRF secret: no PRF result.
// Each failure marks the enrolment dead on this device, and it is no longer offered (here, after a
// reload, in the popup). Then: unlock with the password, the dead enrolment shows "Not available on
// this device", and turning biometric unlock on again replaces it, after which it works again.
import type { Page } from '@playwright/test';
import type { KeyRecordView } from '../../src/messages/protocol';
import { expect, test } from './harness/fixtures';
import {
  base64UrlToBase64,
  createVaultQuickly,
  enrolBiometric,
  expectItems,
  lockFromPage,
  MASTER_PASSWORD,
  openOptions,
  sampleItems,
  seedItems,
  send,
  unlockWithPassword,
  VirtualAuthenticator,
  WEBAUTHN_TIMEOUT_MS,
  waitForState,
} from './helpers/options';
import { openPopup, waitForScreen } from './popup-support';

const GONE =
  "This device's biometric key is no longer available. Unlock with your master password, then turn biometric unlock on again.";

const ITEMS = sampleItems(8, 's3');

async function prfRecords(page: Page): Promise<KeyRecordView[]> {
  const { records } = await send<{ records: KeyRecordView[] }>(page, { type: 'keys.list' });
  return records.filter((r) => r.kind === 'prf');
}

/**
 * Tries biometric unlock once, expecting the "gone" message; the enrolment is then marked dead and
 * no longer offered. The mark is removed again, so the next way of failing can be tried.
 */
async function tryBiometricUnlock(page: Page, deadId: string): Promise<void> {
  await page.bringToFront();
  const region = page.getByRole('region', { name: 'Unlock your vault' });
  const button = region.getByRole('button', { name: 'Unlock with biometric' });
  await button.click();
  await expect(region.getByRole('alert')).toHaveText(GONE, { timeout: WEBAUTHN_TIMEOUT_MS + 10_000 });
  await expect(button).toHaveCount(0);
  await waitForState(page, 'locked');
  expect(await deadMarks(page)).toEqual([deadId]);
  await forgetDeadMarks(page);
  // The page follows storage.local: without the mark the enrolment is offered again.
  await expect(button).toBeEnabled();
}

async function deadMarks(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
    };
    return (await chrome.storage.local.get('biometric.unavailable'))['biometric.unavailable'];
  });
}

/** Removes the dead marks, as if this device had never seen the enrolment fail. */
async function forgetDeadMarks(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { remove(k: string): Promise<void> } } };
    };
    await chrome.storage.local.remove('biometric.unavailable');
  });
}

/** Makes this page's WebAuthn answers carry a different PRF output, as another authenticator would. */
async function alterPrfOutputs(page: Page, on: boolean): Promise<void> {
  await page.evaluate((enable) => {
    type Results = { prf?: { results?: { first?: ArrayBuffer } } };
    const proto = PublicKeyCredential.prototype as unknown as {
      getClientExtensionResults(): Results;
      __original?: () => Results;
    };
    proto.__original ??= proto.getClientExtensionResults;
    const original = proto.__original;
    proto.getClientExtensionResults = enable
      ? function (this: PublicKeyCredential) {
          const results = original.call(this);
          const first = results.prf?.results?.first;
          if (!first) return results;
          const bytes = new Uint8Array(first.slice(0));
          bytes[0] = (bytes[0] ?? 0) ^ 0xff;
          return { ...results, prf: { ...results.prf, results: { first: bytes.buffer } } };
        }
      : original;
  }, on);
}

test('S3: a gone biometric key says so; after a password unlock, turning it on again replaces it', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension, '#unlocking');
  await createVaultQuickly(page);
  await seedItems(page, ITEMS);

  const first = await VirtualAuthenticator.attach(page);
  const biometric = page.getByRole('region', { name: 'Biometric unlock' });
  await enrolBiometric(page);
  const [dead] = await prfRecords(page);
  expect(dead?.credentialId).toBeTruthy();
  const [stored] = await first.credentials();
  expect(stored?.credentialId).toBe(base64UrlToBase64(dead!.credentialId!));
  await lockFromPage(page);

  // 1. Same credential, another PRF output: the background refuses it with 'wrong-key', naming the
  // record, which the page remembers as dead on this device (a non-secret mark in storage.local).
  expect((await deadMarks(page)) ?? []).toEqual([]);
  await alterPrfOutputs(page, true);
  await tryBiometricUnlock(page, dead!.id);
  await alterPrfOutputs(page, false);

  // 2. The authenticator is removed: nothing answers until the (short, test-only) timeout ends.
  await first.remove();
  await tryBiometricUnlock(page, dead!.id);

  // 3. A fresh authenticator that holds the old credential id with a new key, but not its PRF secret.
  const second = await VirtualAuthenticator.add(first.cdp);
  await second.addCredentialWithId(stored!.credentialId, stored!.rpId!);
  await tryBiometricUnlock(page, dead!.id);
  // Found dead once more, and this time the mark stays.
  const unlock = page.getByRole('region', { name: 'Unlock your vault' });
  await page.bringToFront();
  await unlock.getByRole('button', { name: 'Unlock with biometric' }).click();
  await expect(unlock.getByRole('alert')).toHaveText(GONE, { timeout: WEBAUTHN_TIMEOUT_MS + 10_000 });
  expect(await deadMarks(page)).toEqual([dead!.id]);

  // The master password still opens the vault.
  await unlockWithPassword(page, MASTER_PASSWORD);
  await waitForState(page, 'unlocked');
  await expectItems(page, ITEMS);
  const entry = biometric.getByRole('listitem');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Not available on this device');
  await expect(biometric.getByText('Turning it on again replaces the enrolment')).toBeVisible();

  // Turning it on again replaces the dead enrolment in the same transaction.
  await page.bringToFront();
  await biometric.getByLabel('Your master password').fill(MASTER_PASSWORD);
  await biometric.getByRole('button', { name: 'Turn biometric unlock on again' }).click();
  await expect(biometric.getByRole('status')).toHaveText('Biometric unlock is on for “This device”.');
  const now = await prfRecords(page);
  expect(now).toHaveLength(1);
  expect(now[0]!.id).not.toBe(dead!.id);
  expect(now[0]!.credentialId).not.toBe(dead!.credentialId);
  await expect(entry).toHaveCount(1);
  await expect(entry).not.toContainText('Not available on this device');
  expect(await deadMarks(page)).toEqual([]);

  await lockFromPage(page);
  await page.bringToFront();
  await page.getByRole('button', { name: 'Unlock with biometric' }).click();
  await waitForState(page, 'unlocked');
  await expectItems(page, ITEMS);
});

test('S3: the background refuses a wrong PRF output with the specific message and the record id', async ({
  extension,
}) => {
  const page = await openOptions(extension, '#unlocking');
  await createVaultQuickly(page);
  await VirtualAuthenticator.attach(page);
  await enrolBiometric(page);
  const [record] = await prfRecords(page);
  await send(page, { type: 'vault.lock' });

  const reply = await page.evaluate(
    (credentialId) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        type: 'biometric.unlock',
        credentialId,
        prfOutput: 'A'.repeat(43),
      }),
    record!.credentialId!,
  );
  expect(reply).toEqual({
    ok: false,
    error: {
      code: 'wrong-key',
      message: expect.stringContaining('no longer available'),
      recordId: record!.id,
    },
  });
  expect((await send<{ state: string }>(page, { type: 'vault.status' })).state).toBe('locked');
});

test('S3: once the biometric key is known gone, the unlock form marks nothing, keeps focus, and stops offering it', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension, '#unlocking');
  await createVaultQuickly(page);
  await VirtualAuthenticator.attach(page);
  const biometric = page.getByRole('region', { name: 'Biometric unlock' });
  await enrolBiometric(page);
  const [dead] = await prfRecords(page);
  await lockFromPage(page);

  const region = page.getByRole('region', { name: 'Unlock your vault' });
  const password = region.getByLabel('Master password', { exact: true });
  const biometricButton = region.getByRole('button', { name: 'Unlock with biometric' });
  const notOffered =
    'Biometric unlock no longer works on this device. Unlock with your master password, then remove it or turn it on again under Biometric unlock.';
  await expect(region.getByText(notOffered)).toHaveCount(0);

  await alterPrfOutputs(page, true);
  await page.bringToFront();
  await biometricButton.click();
  await expect(region.getByRole('alert')).toHaveText(GONE, { timeout: WEBAUTHN_TIMEOUT_MS + 10_000 });
  // Nothing was typed into the password field: it is not wrong, it is where the way in now is.
  await expect(password).not.toHaveAttribute('aria-invalid');
  await expect(password).toBeFocused();
  // The dead enrolment is no longer offered; what to do instead is.
  await expect(biometricButton).toHaveCount(0);
  await expect(region.getByText(notOffered)).toBeVisible();
  expect(await deadMarks(page)).toEqual([dead!.id]);

  // The knowledge is this device's, kept across a reload...
  await page.reload();
  await waitForState(page, 'locked');
  await expect(region.getByText(notOffered)).toBeVisible();
  await expect(biometricButton).toHaveCount(0);
  await expect(password).toBeFocused();
  // ...and the popup does not offer it either.
  const popup = await openPopup(extension);
  await waitForScreen(popup, 'unlock');
  await expect(
    popup.getByText('Biometric unlock no longer works on this device.', { exact: false }),
  ).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Unlock with biometric' })).toHaveCount(0);
  await popup.close();

  // The password still opens the vault; there the dead enrolment can be removed or replaced.
  await unlockWithPassword(page, MASTER_PASSWORD);
  await waitForState(page, 'unlocked');
  await expect(biometric.getByRole('listitem')).toContainText('Not available on this device');
  await expect(biometric.getByRole('button', { name: 'Turn biometric unlock on again' })).toBeVisible();
  await expect(biometric.getByRole('button', { name: 'Remove “This device”' })).toBeVisible();
});
