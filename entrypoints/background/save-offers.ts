/**
 * Wires the save offers (src/autofill/offer-service.ts) to the browser: the tab's top-frame
 * navigations from webNavigation, the prompt opened and closed through the top frame's content
 * script, the never-save list (one queued list, shared with the options page's requests), and
 * forgetting a closed tab.
 *
 * Safety fact: the prompt command goes to frame 0 of the tab only; the offer itself (site and
 * username, never the password) reaches only the prompt page, which asks for it.
 */

import { browser } from 'wxt/browser';
import type { NeverSaveList } from '../../src/autofill/never-save';
import { createOfferService, type OfferService } from '../../src/autofill/offer-service';
import type { TabMemory } from '../../src/autofill/tab-memory';
import { toBase64Url } from '../../src/crypto/encoding';
import { randomBytes } from '../../src/crypto/random';
import type { Session } from '../../src/session/session';
import { t } from '../../src/ui/i18n';

export function createBrowserOfferService(
  session: Session,
  memory: TabMemory,
  neverSave: NeverSaveList,
): OfferService {
  return createOfferService({
    memory,
    // Reads outside the queue; the Save/Update write on the Session's queue, so a lock waits for it.
    vault: async () => {
      const reader = await session.vault();
      return {
        list: () => reader.list(),
        get: (id) => reader.get(id),
        put: (input) => session.withVault((open) => open.put(input)),
      };
    },
    neverSave: () => neverSave.load(),
    addNeverSave: (origin) => neverSave.add(origin),
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

type Details = { tabId: number; frameId: number; url: string };

/**
 * Navigation listeners exist only while the tab memory holds something a navigation concerns
 * (watch() is the memory's onWatch; they remove themselves once it is empty), so the worker is not
 * woken by every page load in the browser. Registering them late is safe for MV3: what they serve
 * lives in this worker's memory, so a worker that stopped has nothing left for them to do.
 * tabs.onRemoved is registered at start, synchronously.
 */
export function listenForOfferEvents(offers: OfferService, memory: TabMemory): { watch(): void } {
  const nav = browser.webNavigation;
  const started = (details: Details) => {
    if (details.frameId === 0) offers.navigationStarted(details.tabId);
  };
  const completed = async (details: Details) => {
    if (details.frameId !== 0) return;
    await offers.navigationCompleted(details.tabId, details.url);
    if (!memory.watching()) {
      nav.onBeforeNavigate.removeListener(started);
      nav.onCompleted.removeListener(completed);
    }
  };
  browser.tabs.onRemoved.addListener((tabId) => offers.forgetTab(tabId));
  return {
    watch() {
      if (nav.onCompleted.hasListener(completed)) return;
      nav.onBeforeNavigate.addListener(started);
      nav.onCompleted.addListener(completed);
    },
  };
}
