// Reaching into the content script's isolated world from a test, the way DevTools does.
import { expect, type Page } from '@playwright/test';

/**
 * Evaluates `expression` inside this extension's content-script world of the page's main frame
 * (the isolated world the browser gives autofill-content.ts), through the DevTools protocol.
 * `commandLineApi`: with DevTools' console helpers, such as getEventListeners(target).
 */
export async function evalInContentScript(
  page: Page,
  extensionId: string,
  expression: string,
  commandLineApi = false,
): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const isolated = () =>
    contexts.find((c) => c.origin === `chrome-extension://${extensionId}` && !c.auxData?.isDefault);
  await expect.poll(() => isolated() !== undefined, { message: 'content script world' }).toBe(true);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: isolated()!.id,
    awaitPromise: true,
    returnByValue: true,
    includeCommandLineAPI: commandLineApi,
  });
  await cdp.detach();
  if (exceptionDetails) return { threw: exceptionDetails.exception?.description ?? exceptionDetails.text };
  return result.value;
}
