/**
 * Auto-lock means "no one used Tessera" (issue 13, item 3): only an unlock, a person's input on
 * Tessera's own pages ('session.activity') and a fill the person asked for postpone it. Requests a
 * web page can cause through the content script read the vault but never count.
 */

import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import type { Handlers } from '../../../src/messages/router';
import { Session } from '../../../src/session/session';
import { memoryArea } from '../../../src/session/storage-area';
import { freshDb, login, TEST_COST } from '../vault/helpers';

vi.mock('wxt/browser', () => ({ browser: {} }));

const CONTENT = { kind: 'content', tabId: 1, frameId: 0, url: 'https://site1.example.com/login' } as never;
const PAGE = { kind: 'page', url: 'chrome-extension://id/popup.html' } as never;

async function setup() {
  const db = await freshDb();
  const onActive = vi.fn();
  const session = new Session({
    openDb: async () => db,
    sessionArea: memoryArea(),
    now: () => Date.now(),
    onLocked: vi.fn(),
    onActive,
    kdfCost: TEST_COST,
  });
  await session.create('pw');
  const item = await session.withVault((vault) => vault.put(login(1)));
  // Each service reads the vault as the real ones do (fill-service.ts, offer-service.ts, menu).
  const read = async () => {
    const vault = await session.vault();
    await vault.get(vault.list()[0]!.id);
  };
  /** A service call that reads the vault, then answers `reply`. */
  const reads =
    <T>(reply: T) =>
    async () => {
      await read();
      return reply;
    };
  const touch = vi.fn(async () => undefined);
  const h = createHandlers({
    session,
    touch,
    getSettings: vi.fn(),
    setSettings: vi.fn(),
    clearLocalState: vi.fn(),
    autofill: {
      countFor: reads(1),
      fill: reads({ filled: true }),
      fillNext: reads({ filled: true }),
    } as never,
    offers: {
      submitted: read,
      get: reads(null),
    } as never,
    neverSave: {} as never,
    health: {} as never,
    menu: {
      'autofill.menu.open': reads({ count: 1 }),
      'autofill.menu.fill': reads({ filled: true }),
    } as never,
    passkeys: {} as never,
    sync: {} as never,
  }) as Required<Handlers>;
  onActive.mockClear();
  return { session, h, touch, onActive, item };
}

describe('auto-lock activity', () => {
  it('reading the vault (session.vault) is not activity; unlocking is', async () => {
    const { session, onActive } = await setup();
    await (await session.vault()).get((await session.vault()).list()[0]!.id);
    expect(onActive).not.toHaveBeenCalled();
    await session.lock('user');
    await session.unlock('pw');
    // Called once the unlock's storage.session writes land, which may be after its reply.
    await vi.waitFor(() => expect(onActive).toHaveBeenCalledTimes(1));
  });

  it('content-script requests never postpone auto-lock, however often a page causes them', async () => {
    const { h, touch, onActive } = await setup();
    for (let i = 0; i < 5; i++) {
      await h['autofill.submitted'](
        { type: 'autofill.submitted', username: 'u', password: 'p', formId: 'f' } as never,
        CONTENT,
      );
      await h['autofill.offer.get']({ type: 'autofill.offer.get', token: 't'.repeat(32) }, PAGE);
      await h['autofill.menu.open']({ type: 'autofill.menu.open' }, CONTENT);
    }
    expect(touch).not.toHaveBeenCalled();
    expect(onActive).not.toHaveBeenCalled();
  });

  it('a fill the person asked for (popup Fill, shortcut, inline-menu click) and page input do', async () => {
    const { h, touch, item } = await setup();
    await h['autofill.fill'](
      { type: 'autofill.fill', tabId: 1, itemId: item.id, pageUrl: 'https://site1.example.com/' },
      PAGE,
    );
    expect(touch).toHaveBeenCalledTimes(1);
    await h['autofill.fillNext']({ type: 'autofill.fillNext', tabId: 1 }, PAGE);
    expect(touch).toHaveBeenCalledTimes(2);
    await h['autofill.menu.fill']({ type: 'autofill.menu.fill', token: 't', itemId: item.id } as never, PAGE);
    expect(touch).toHaveBeenCalledTimes(3);
    await h['session.activity']({ type: 'session.activity' }, PAGE);
    expect(touch).toHaveBeenCalledTimes(4);
  });
});
