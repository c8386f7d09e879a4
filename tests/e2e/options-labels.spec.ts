// Every form control on the options page has its own accessible name, in every state and with every
// collapsible form open: two fields both called "Backup password" (one to export, one to import)
// leave a screen-reader user guessing which one they are in, and axe cannot see a name used twice.
// The names come from Chromium's own accessibility tree (DevTools Accessibility domain), i.e. what
// assistive technology is given, not from re-implementing the name computation.
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import {
  createVaultQuickly,
  forEachGroup,
  lockFromPage,
  openOptions,
  send,
  showGroup,
  waitForState,
} from './helpers/options';

/** Roles of controls a person types into, picks or ticks (a file input is a button in Chromium). */
const FIELD_ROLES = new Set([
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'spinbutton',
]);

interface Control {
  role: string;
  name: string;
}

/** The fields on the page as assistive technology sees them (ignored and hidden nodes left out). */
async function fieldNames(page: Page): Promise<Control[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const fileInputs = new Set(
      await page
        .locator('input[type="file"]')
        .evaluateAll((inputs) =>
          inputs.map((i) => ((i as HTMLInputElement).labels?.[0]?.textContent ?? '').trim()),
        ),
    );
    return nodes
      .filter((n) => !n.ignored)
      .map((n) => ({ role: String(n.role?.value ?? ''), name: String(n.name?.value ?? '').trim() }))
      .filter((c) => FIELD_ROLES.has(c.role) || (c.role === 'button' && fileInputs.has(c.name)));
  } finally {
    await cdp.detach();
  }
}

/** `requireFields`: false for a group that may have no field (an empty list of sites). */
async function expectUniqueNames(page: Page, state: string, requireFields = true): Promise<void> {
  const controls = await fieldNames(page);
  if (requireFields) expect(controls.length, `${state}: no fields found`).toBeGreaterThan(0);
  const unnamed = controls.filter((c) => c.name === '');
  expect(unnamed, `${state}: fields without a name`).toEqual([]);
  const seen = new Map<string, number>();
  for (const c of controls) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
  const repeated = [...seen].filter(([, n]) => n > 1).map(([name, n]) => `"${name}" x${n}`);
  expect(repeated, `${state}: field names used more than once:\n${repeated.join('\n')}`).toEqual([]);
}

test('every field on the options page has its own name, in every state with every form open', async ({
  extension,
}) => {
  const page = await openOptions(extension);
  await waitForState(page, 'empty');
  await expectUniqueNames(page, 'empty');

  await createVaultQuickly(page);
  await send(page, { type: 'settings.set', settings: { autoLockMinutes: 0 } });
  await page.reload();
  await waitForState(page, 'unlocked');
  await forEachGroup(page, (group) => expectUniqueNames(page, `unlocked, ${group}`, false));
  // The backup offered before a reset is a second export form on the same page.
  await showGroup(page, 'Vault and security');
  await page.getByRole('button', { name: 'Export an encrypted backup first' }).click();
  await expectUniqueNames(page, 'unlocked, backup before reset open');

  await lockFromPage(page);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await expectUniqueNames(page, 'locked, forgot password open');
  await forEachGroup(page, (group) => expectUniqueNames(page, `locked, ${group}`, false));
});
