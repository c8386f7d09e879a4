// Shared step for the save-prompt specs: find the prompt's frame, which the content script puts
// in a closed shadow root (the page cannot reach it; Playwright lists every frame of the tab).
import type { Frame, Page } from '@playwright/test';
import { expect } from './harness/fixtures';

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
