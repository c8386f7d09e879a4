/**
 * Request handlers: each maps one protocol request to the session or vault. Validation of shape and
 * sender already happened in the router.
 */

import type { Settings } from '../../src/messages/protocol';
import type { Handlers } from '../../src/messages/router';
import type { Session } from '../../src/session/session';

export interface HandlerDeps {
  session: Session;
  touch(): Promise<void>;
  getSettings(): Promise<Settings>;
  setSettings(change: Partial<Settings>): Promise<Settings>;
}

export function createHandlers({ session, touch, getSettings, setSettings }: HandlerDeps): Handlers {
  return {
    'vault.status': () => session.status(),
    'vault.create': (r) => session.create(r.password),
    'vault.unlock': (r) => session.unlock(r.password),
    'vault.lock': () => session.lock('user'),
    'vault.list': async () => ({ items: (await session.vault()).list() }),
    'vault.get': async (r) => (await session.vault()).get(r.id),
    'vault.put': async (r) => (await session.vault()).put(r.item),
    'vault.delete': async (r) => {
      await (await session.vault()).delete(r.id);
      return null;
    },
    'vault.changePassword': async (r) => {
      await (await session.vault()).changePassword(r.current, r.next);
      return null;
    },
    'session.activity': async () => {
      if (session.isUnlockedInMemory() || (await session.status()).state === 'unlocked') await touch();
      return null;
    },
    'settings.get': () => getSettings(),
    'settings.set': (r) => setSettings(r.settings),
    'content.status': async () => ({ unlocked: (await session.status()).state === 'unlocked' }),
  };
}
