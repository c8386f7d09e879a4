// The fill service's memory (issue 5, parts 5 and 6): fills are remembered per frame for the
// unchanged-fill rule, and the account filled on a username-only page ranks first on the next page.

import { describe, expect, it } from 'vitest';
import type { FillResult } from '@/src/autofill/content/fill';
import { createFillService, type FrameInfo } from '@/src/autofill/fill-service';
import { createTabMemory } from '@/src/autofill/tab-memory';
import type { Item } from '@/src/vault/types';
import { testItem } from './test-item';

function setup(reply: FillResult) {
  const items = [testItem('A', { favorite: true }), testItem('B')];
  let top = 'https://example.com/step1';
  const memory = createTabMemory(() => 1_000);
  const service = createFillService({
    frames: async (): Promise<FrameInfo[]> => [{ frameId: 0, parentFrameId: -1, url: top }],
    send: async () => reply,
    shownByParent: async () => true,
    vault: async () => ({ list: () => items, get: async (id) => items.find((i) => i.id === id) as Item }),
    now: () => 1_000,
    memory,
  });
  return { service, memory, go: (url: string) => (top = url) };
}

describe('fill service memory', () => {
  it('ranks the account filled on an identifier page first on the next page of the site', async () => {
    const { service, go } = setup({ ok: true, filled: 1, identifier: true });
    await service.fill({ tabId: 1, itemId: 'B', pageUrl: 'https://example.com/step1' });
    go('https://example.com/step2');
    expect((await service.matchesForTab(1)).matches.map((m) => m.id)).toEqual(['B', 'A']);
    // The shortcut starts from it on the new page, even within the cycle window.
    expect((await service.fillNext(1)).itemId).toBe('B');
    // Another tab is not affected.
    expect((await service.matchesForTab(2)).matches.map((m) => m.id)).toEqual(['A', 'B']);
  });

  it('does not rank a full sign-in fill first (only username-only pages are remembered)', async () => {
    const { service, go } = setup({ ok: true, filled: 2 });
    await service.fill({ tabId: 1, itemId: 'B', pageUrl: 'https://example.com/step1' });
    go('https://example.com/step2');
    expect((await service.matchesForTab(1)).matches.map((m) => m.id)).toEqual(['A', 'B']);
  });

  it('remembers what went into each frame, and nothing for a failed fill', async () => {
    const filled = setup({ ok: true, filled: 2 });
    await filled.service.fill({ tabId: 1, itemId: 'B', pageUrl: 'https://example.com/step1' });
    expect(filled.memory.isLastFill(1, 0, { username: 'B@example.com', password: 'pw-B' })).toBe(true);

    const failed = setup({ ok: false, code: 'no-form' });
    await failed.service
      .fill({ tabId: 1, itemId: 'B', pageUrl: 'https://example.com/step1' })
      .catch(() => null);
    expect(failed.memory.isLastFill(1, 0, { username: 'B@example.com', password: 'pw-B' })).toBe(false);
  });
});
