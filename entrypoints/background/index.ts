/**
 * The background service worker (an event page on Firefox): wiring only. It owns the Session (the
 * key holder), routes messages, and turns alarms, idle and startup events into locks.
 *
 * MV3 rule: every listener is registered synchronously at start, so events that wake a stopped
 * worker reach it.
 */

import { browser } from 'wxt/browser';
import { createNeverSaveList } from '../../src/autofill/never-save';
import { createTabMemory } from '../../src/autofill/tab-memory';
import { createHealthService } from '../../src/health/service';
import { WORKER_MAIN_MARK } from '../../src/messages/perf-marks';
import { LOCKED_EVENT, PROBLEMS_EVENT } from '../../src/messages/protocol';
import { createRouter, Refusal } from '../../src/messages/router';
import { serveFastLane } from '../../src/messages/worker-channel';
import { AUTO_LOCK_ALARM, createAutoLockScheduler } from '../../src/session/auto-lock';
import { SerialQueue } from '../../src/session/serial-queue';
import { Session } from '../../src/session/session';
import { loadSettings, saveSettings } from '../../src/session/settings';
import {
  ESTIMATOR_SCRIPT,
  EstimatorLoadError,
  estimatorScriptLoader,
  type ScriptHost,
} from '../../src/strength/estimator-script';
import { openVaultDatabase } from '../../src/vault/store';
import { createBrowserFillService, listenForFillCommand } from './autofill';
import { CLIPBOARD_ALARM, clearClipboardNow } from './clipboard';
import { createHandlers } from './handlers';
import { storedRatings } from './health-ratings';
import { createMenuHandlers } from './inline-menu';
import { loadMessageCatalogue } from './message-catalogue';
import { createPasskeyHandlers } from './passkeys';
import { createBrowserOfferService, listenForOfferEvents } from './save-offers';
import { createBrowserSyncService, createSyncHandlers, SYNC_ALARM } from './sync';
import { createToolbarState } from './toolbar';
import { openWelcomeOnInstall } from './welcome';

export default defineBackground({
  main() {
    performance.mark(WORKER_MAIN_MARK);
    loadMessageCatalogue();
    // storage.session is for trusted contexts only (Chrome's default, stated here on purpose): a
    // content script must never read the session copy of the vault key.
    const sessionArea = browser.storage.session as typeof browser.storage.session & {
      setAccessLevel?: (o: { accessLevel: string }) => Promise<void>;
    };
    sessionArea.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);

    // zxcvbn is not part of this script (its dictionaries cost every start of the worker ~150 ms
    // to compile): a script of its own, stored with the worker at install and loaded at the first
    // rating (src/strength/estimator-script.ts). Registered now, with the other listeners.
    const strength = estimatorScriptLoader(self as unknown as ScriptHost, ESTIMATOR_SCRIPT);
    strength.importAtInstall();

    const settings = () => loadSettings(browser.storage.local);
    // One at a time: each save reads, merges and writes the whole object, so two at once could
    // lose one of the changes.
    const settingsWrites = new SerialQueue();
    const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
    const autoLock = createAutoLockScheduler(browser.alarms, settings, Date.now);

    const toolbar = createToolbarState();
    // Sync (entrypoints/background/sync.ts): told of every unlock, lock and write below.
    const sync = createBrowserSyncService(() => session);
    const session: Session = new Session({
      openDb: () => openVaultDatabase(),
      sessionArea: browser.storage.session,
      now: Date.now,
      // Called at every unlock (password, biometric, recovery key, create, restore).
      onActive: () => {
        void autoLock.touch();
        void toolbar.show('unlocked');
        sync.unlocked();
      },
      onWrite: () => sync.changed(),
      // Damaged records found after the unlock answered: open pages ask for them (no listener is fine).
      onProblems: () => void browser.runtime.sendMessage({ event: PROBLEMS_EVENT }).catch(() => undefined),
      // A password changed on another device opens this one (src/sync/unlock.ts).
      keysElsewhere: (db, proof) => sync.keysElsewhere(db, proof),
      onLocked: (reason) => {
        sync.locked();
        void autoLock.cancel();
        void toolbar.show('locked');
        // Tell every open extension page to show the lock screen now. No listener is not an error.
        browser.runtime.sendMessage({ event: LOCKED_EVENT, reason }).catch(() => undefined);
      },
    });

    // Save offers, fills and two-step accounts per tab: worker memory only (tab-memory.ts).
    const tabMemory = createTabMemory(Date.now, () => navigations.watch());
    const autofill = createBrowserFillService(session, tabMemory, settings);
    // The shortcut is a person's use of Tessera: it postpones auto-lock (if unlocked at all).
    listenForFillCommand(autofill, () => {
      if (session.isUnlockedInMemory()) void autoLock.touch();
    });
    // One list object for the prompt's "Never" answers and the options page's removals: its
    // writes are queued, so neither loses the other's change.
    const neverSave = createNeverSaveList(browser.storage.local);
    const offers = createBrowserOfferService(session, tabMemory, neverSave);
    const navigations = listenForOfferEvents(offers, tabMemory);

    const route = createRouter(
      createHandlers({
        session,
        autofill,
        offers,
        neverSave,
        // zxcvbn (the generator's estimator), loaded on the first report that rates; ~250 ms of
        // rating per request keeps the worker answering other requests (src/health/service.ts).
        // A script that cannot load is a refusal that says so, not an unexpected error.
        health: createHealthService({
          loadScorer: () =>
            strength.load().catch((err: unknown) => {
              throw err instanceof EstimatorLoadError
                ? new Refusal('strength-unavailable', err.message)
                : err;
            }),
          ratings: storedRatings(browser.storage.local),
          now: Date.now,
          budgetMs: 250,
        }),
        menu: createMenuHandlers(autofill),
        passkeys: createPasskeyHandlers(session),
        sync: createSyncHandlers(sync),
        touch: () => autoLock.touch(),
        getSettings: settings,
        clearLocalState: () => browser.storage.local.clear(),
        setSettings: async (change) => {
          const next = await settingsWrites.run(() => saveSettings(browser.storage.local, change));
          await autoLock.touch(true);
          return next;
        },
      }),
      { extensionId: browser.runtime.id, extensionOrigin },
    );

    serveFastLane(
      self as unknown as Parameters<typeof serveFastLane>[0],
      extensionOrigin,
      browser.runtime.id,
      route,
    );

    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      // Our own broadcasts (events) are for pages, not for the router.
      if (typeof message === 'object' && message !== null && 'event' in message) return undefined;
      return route(message, sender);
    });

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === AUTO_LOCK_ALARM) void session.lock('idle');
      if (alarm.name === CLIPBOARD_ALARM) void clearClipboardNow();
      if (alarm.name === SYNC_ALARM) sync.alarm();
    });

    // Chrome reports 'locked' when the screen locks. Firefox never does (only 'idle'/'active'), so
    // there this listener never locks and the options page shows the choice as unavailable.
    browser.idle.onStateChanged.addListener(async (state) => {
      if (state === 'locked' && (await settings()).lockOnSystemLock) void session.lock('system-lock');
    });

    // storage.session is already empty after a browser restart; locking states it explicitly and
    // clears a stale auto-lock alarm.
    browser.runtime.onStartup.addListener(() => void session.lock('browser-restart'));

    // First install only: the page that creates the vault and shows where the toolbar button is.
    openWelcomeOnInstall();
  },
});
