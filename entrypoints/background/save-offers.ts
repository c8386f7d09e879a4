/**
 * Wires the save offers (src/autofill/offer-service.ts) to the browser: the tab's top-frame
 * navigations from webNavigation, the prompt opened and closed through the top frame's content
 * script, the never-save list in storage.local, and forgetting a closed tab.
 *
 * Safety fact: the prompt command goes to frame 0 of the tab only; the offer itself (site and
 * username, never the password) reaches only the prompt page, which asks for it.
 */

import { browser } from 'wxt/browser';
import { addNeverSave, loadNeverSave } from '../../src/autofill/never-save';
import { createOfferService, type OfferService } from '../../src/autofill/offer-service';
import type { TabMemory } from '../../src/autofill/tab-memory';
import { toBase64Url } from '../../src/crypto/encoding';
import { randomBytes } from '../../src/crypto/random';
import type { Session } from '../../src/session/session';
import { t } from '../../src/ui/i18n';

export function createBrowserOfferService(session: Session, memory: TabMemory): OfferService {
  return createOfferService({
    memory,
    vault: () => session.vault(),
    neverSave: () => loadNeverSave(browser.storage.local),
    addNeverSave: (origin) => addNeverSave(browser.storage.local, origin),
    async prompt(tabId, token) {
      const command = { type: 'tessera.prompt', token, title: t('savePrompt_frameTitle') };
      const reply = await browser.tabs.sendMessage(tabId, command, { frameId: 0 }).catch(() => undefined);
      return reply === true;
    },
    token: () => toBase64Url(randomBytes(24)),
    setTimeout: (run, ms) => void setTimeout(run, ms),
    now: Date.now,
  });
}

/** Registered synchronously at start (MV3: listeners must exist when an event wakes the worker). */
export function listenForOfferEvents(offers: OfferService): void {
  browser.webNavigation.onBeforeNavigate.addListener((details) => {
    if (details.frameId === 0) offers.navigationStarted(details.tabId);
  });
  browser.webNavigation.onCompleted.addListener((details) => {
    if (details.frameId === 0) void offers.navigationCompleted(details.tabId, details.url);
  });
  browser.tabs.onRemoved.addListener((tabId) => offers.forgetTab(tabId));
}
