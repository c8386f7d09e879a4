// Shared steps for the save-prompt specs: submitting the fixture login page, and finding the
// prompt's frame, which the content script puts in a closed shadow root (the page cannot reach it;
// Playwright lists every frame of the tab), or making sure none appears.
import type { Frame, Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import type { ExtensionHarness } from './harness/extension-harness';
import { expect } from './harness/fixtures';

// Functions passed to evalInWorker are serialised and run in the worker, where `chrome` is global.
declare const chrome: typeof Browser;

/** Long enough for the background's wait for a navigation (SPA_DELAY_MS) and the frame to load. */
const QUIET_MS = 2_500;

/** Types a login into the fixture page's form and submits it (a form post: the page navigates). */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForNavigation(), page.locator('#password').press('Enter')]);
}

/** The prompt's frame, once the content script opened it (the page itself cannot see into it). */
export async function promptFrame(page: Page): Promise<Frame> {
  await expect(page.locator('tessera-frame')).toHaveCount(1);
  let found: Frame | undefined;
  await expect
    .poll(() => {
      found = page.frames().find((frame) => frame.url().includes('/save-prompt.html'));
      return found !== undefined;
    })
    .toBe(true);
  const frame = found as Frame;
  await expect(frame.getByRole('heading')).toBeVisible();
  return frame;
}

/** No prompt comes up: waits out the background's delay, then checks the page has no frame host. */
export async function expectNoPrompt(page: Page): Promise<void> {
  await page.waitForTimeout(QUIET_MS);
  await expect(page.locator('tessera-frame')).toHaveCount(0);
}

/** A person's click at the centre of the prompt's button named `name`, at once (no waiting). */
export async function clickPromptButton(page: Page, prompt: Frame, name: string): Promise<void> {
  const box = await prompt.getByRole('button', { name, exact: true }).boundingBox();
  if (!box) throw new Error(`the prompt's ${name} button is not on screen`);
  const click = page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  click.catch(() => undefined);
  // Chromium now and then never acknowledges the release of a click whose answer removes the
  // prompt's frame (seen about 1 run in 30 on a loaded machine: mouse.click then waits until the test
  // times out). The click itself has landed by then; the caller's assertions check what it did.
  await Promise.race([click, new Promise((resolve) => setTimeout(resolve, 5_000))]);
}

/**
 * A person's click on the prompt's button named `name`, at its page coordinates (as
 * inline-menu.spec.ts clicks its frame). locator.click() checks the hit target inside the frame after
 * the click, and an answer removes the frame, which now and then left that check waiting until the
 * test timed out.
 */
export async function answerPrompt(page: Page, prompt: Frame, name: string): Promise<void> {
  const button = prompt.getByRole('button', { name, exact: true });
  await expect(button).toBeEnabled();
  // The clickjacking guard: a click before the prompt has been visible for 500 ms does nothing.
  await expect(button).not.toHaveAttribute('aria-disabled', 'true');
  await clickPromptButton(page, prompt, name);
}

/**
 * Records the type of every message a content script sends the worker, through a second
 * runtime.onMessage listener beside the router's (it only looks; the router still answers).
 * Returns a function that reads the record.
 */
export async function recordContentMessages(extension: ExtensionHarness): Promise<() => Promise<string[]>> {
  await extension.evalInWorker(() => {
    const global = globalThis as { __contentMessages?: string[] };
    global.__contentMessages = [];
    chrome.runtime.onMessage.addListener((message: { type?: string }, sender: { tab?: unknown }) => {
      if (sender.tab) global.__contentMessages?.push(String(message?.type));
      return undefined;
    });
  }, undefined);
  return () =>
    extension.evalInWorker(
      () => [...((globalThis as { __contentMessages?: string[] }).__contentMessages ?? [])],
      undefined,
    );
}
