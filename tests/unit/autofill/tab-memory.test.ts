import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_TTL_MS,
  createTabMemory,
  FILL_TTL_MS,
  OFFER_TTL_MS,
  siteKey,
} from '@/src/autofill/tab-memory';

function memory() {
  let now = 1_000;
  const tabs = createTabMemory(() => now);
  return { tabs, advance: (ms: number) => (now += ms) };
}

const SUBMISSION = { url: 'https://example.com/login', username: 'a', password: 'pw' };

describe('tab memory', () => {
  it('keeps an offer per tab until it expires or is dropped', () => {
    const { tabs, advance } = memory();
    tabs.setOffer({ tabId: 1, frameId: 0, submission: SUBMISSION, decision: null });
    expect(tabs.offer(1)).toMatchObject({ tabId: 1, shown: false });
    expect(tabs.offer(2)).toBeUndefined();
    advance(OFFER_TTL_MS);
    expect(tabs.offer(1)).toBeUndefined();
    tabs.setOffer({ tabId: 1, frameId: 0, submission: SUBMISSION, decision: null });
    tabs.dropOffer(1);
    expect(tabs.offer(1)).toBeUndefined();
  });

  it('hands an offer only to the first prompt frame with the token, once armed', () => {
    const { tabs } = memory();
    const offer = tabs.setOffer({ tabId: 1, frameId: 0, submission: SUBMISSION, decision: null });
    expect(tabs.claimOffer(1, 5, 'token-1234567890abcdef')).toBeUndefined(); // not shown yet
    offer.shown = true;
    offer.token = 'token-1234567890abcdef';
    expect(tabs.claimOffer(1, 5, 'wrong-token-1234567890')).toBeUndefined();
    expect(tabs.claimOffer(1, 5, 'token-1234567890abcdef')).toBe(offer);
    expect(tabs.claimOffer(1, 5, 'token-1234567890abcdef')).toBe(offer); // the same frame again
    expect(tabs.claimOffer(1, 6, 'token-1234567890abcdef')).toBeUndefined(); // another frame
    expect(tabs.claimOffer(2, 5, 'token-1234567890abcdef')).toBeUndefined(); // another tab
  });

  it('recognises exactly the values last filled into a frame, for a while', () => {
    const { tabs, advance } = memory();
    tabs.rememberFill(1, 0, { username: 'a', password: 'pw' });
    expect(tabs.isLastFill(1, 0, { username: 'a', password: 'pw' })).toBe(true);
    expect(tabs.isLastFill(1, 0, { username: 'a', password: 'pw2' })).toBe(false);
    expect(tabs.isLastFill(1, 0, { username: 'b', password: 'pw' })).toBe(false);
    expect(tabs.isLastFill(1, 3, { username: 'a', password: 'pw' })).toBe(false);
    expect(tabs.isLastFill(2, 0, { username: 'a', password: 'pw' })).toBe(false);
    advance(FILL_TTL_MS);
    expect(tabs.isLastFill(1, 0, { username: 'a', password: 'pw' })).toBe(false);
  });

  it('remembers the two-step account per tab and site, until another site or the deadline', () => {
    const { tabs, advance } = memory();
    tabs.rememberAccount(1, 'https://login.example.com/step1', 'B');
    expect(tabs.account(1, 'https://www.example.com/step2')).toBe('B');
    expect(tabs.account(2, 'https://www.example.com/step2')).toBeUndefined();
    expect(tabs.account(1, 'https://other.com/')).toBeUndefined();
    // Looking from another site forgot it for good.
    expect(tabs.account(1, 'https://www.example.com/step2')).toBeUndefined();

    tabs.rememberAccount(1, 'https://example.com/', 'B');
    tabs.navigated(1, 'https://example.com/next');
    expect(tabs.account(1, 'https://example.com/next')).toBe('B');
    tabs.navigated(1, 'https://elsewhere.org/');
    expect(tabs.account(1, 'https://example.com/')).toBeUndefined();

    tabs.rememberAccount(1, 'https://example.com/', 'B');
    advance(ACCOUNT_TTL_MS);
    expect(tabs.account(1, 'https://example.com/')).toBeUndefined();
  });

  it('remembers the username of a username-only page under the same rules', () => {
    const { tabs, advance } = memory();
    tabs.rememberUsername(1, 'https://login.example.com/', 'bob');
    expect(tabs.username(1, 'https://www.example.com/pw')).toBe('bob');
    expect(tabs.username(2, 'https://www.example.com/pw')).toBeUndefined();
    tabs.navigated(1, 'https://other.org/');
    expect(tabs.username(1, 'https://www.example.com/pw')).toBeUndefined();
    tabs.rememberUsername(1, 'https://example.com/', 'bob');
    advance(ACCOUNT_TTL_MS);
    expect(tabs.username(1, 'https://example.com/')).toBeUndefined();
    tabs.rememberUsername(1, 'https://example.com/', 'bob');
    tabs.forgetTab(1);
    expect(tabs.username(1, 'https://example.com/')).toBeUndefined();
  });

  it('forgets everything of a closed tab and nothing of the others', () => {
    const { tabs } = memory();
    for (const tab of [1, 2]) {
      tabs.setOffer({ tabId: tab, frameId: 0, submission: SUBMISSION, decision: null });
      tabs.rememberFill(tab, 4, { username: 'a', password: 'pw' });
      tabs.rememberAccount(tab, 'https://example.com/', 'B');
    }
    tabs.forgetTab(1);
    expect(tabs.offer(1)).toBeUndefined();
    expect(tabs.isLastFill(1, 4, { username: 'a', password: 'pw' })).toBe(false);
    expect(tabs.account(1, 'https://example.com/')).toBeUndefined();
    expect(tabs.offer(2)).toBeDefined();
    expect(tabs.isLastFill(2, 4, { username: 'a', password: 'pw' })).toBe(true);
    expect(tabs.account(2, 'https://example.com/')).toBe('B');
  });

  it('reports when something a navigation concerns is remembered, until it expires', () => {
    let watched = 0;
    let now = 0;
    const tabs = createTabMemory(
      () => now,
      () => watched++,
    );
    expect(tabs.watching()).toBe(false);
    tabs.rememberFill(1, 0, { username: 'a', password: 'pw' }); // fills need no navigation events
    expect([watched, tabs.watching()]).toEqual([0, false]);
    tabs.setOffer({ tabId: 1, frameId: 0, submission: SUBMISSION, decision: null });
    tabs.rememberAccount(2, 'https://example.com/', 'B');
    tabs.rememberUsername(3, 'https://example.com/', 'b');
    expect([watched, tabs.watching()]).toEqual([3, true]);
    now += Math.max(OFFER_TTL_MS, ACCOUNT_TTL_MS);
    expect(tabs.watching()).toBe(false);
  });

  it('keys sites by registrable domain, or by host where there is none', () => {
    expect(siteKey('https://a.example.co.uk/x')).toBe('example.co.uk');
    expect(siteKey('http://127.0.0.1:8080/')).toBe('127.0.0.1');
    expect(siteKey('chrome://settings')).toBeNull();
  });
});
