// What Options > Sync says before and after connecting (entrypoints/options/sync-text.ts,
// sync-permission.ts) and the popup's "last synced" time (src/ui/sync-time.ts): each failure code
// has its own sentence, a different vault is refused with no button, and the host permission asked
// for names the folder's server and nothing else.
import { describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({
  browser: {
    i18n: {
      getMessage: (name: string, subs?: string[]) =>
        name === 'lang' ? 'en-GB' : subs?.length ? `${name}(${subs.join('|')})` : name,
    },
  },
}));

const { describePlan, describeSyncCode, describeSyncError, serverFieldFor } = await import(
  '../../../entrypoints/options/sync-text'
);
const { checkedServer } = await import('../../../entrypoints/options/sync-permission');
const { syncedWhen } = await import('../../../src/ui/sync-time');
const { RequestError } = await import('../../../src/messages/client');

const CODES = [
  'unreachable',
  'tls',
  'unauthorized',
  'forbidden',
  'not-found',
  'not-webdav',
  'full',
  'no-permission',
  'locked',
];

describe('sync failures', () => {
  it('every failure code of the protocol has its own sentence', () => {
    const texts = CODES.map((code) => describeSyncCode(code, 'server said'));
    expect(texts).toEqual(CODES.map((code) => `sync_error_${code.replace('-', '_')}`));
  });

  it("a code the page does not know keeps the background's sentence", () => {
    expect(describeSyncCode('rollback', 'The folder was rolled back.')).toBe('The folder was rolled back.');
    const err = new RequestError({ code: 'other-vault', message: 'This folder holds another vault.' });
    expect(describeSyncError(err)).toBe('This folder holds another vault.');
  });

  it('a 401 points at the app password, a missing or odd folder at the address', () => {
    const fieldOf = (code: string) => serverFieldFor(new RequestError({ code, message: '' }));
    expect(fieldOf('unauthorized')).toBe('password');
    expect(fieldOf('not-found')).toBe('url');
    expect(fieldOf('not-webdav')).toBe('url');
    expect(fieldOf('bad-url')).toBe('url');
    expect(fieldOf('unreachable')).toBeNull();
  });
});

describe('what connecting will do', () => {
  it('an empty folder: upload, with the item count', () => {
    const view = describePlan({ kind: 'empty', localItems: 1234 });
    expect(view.text).toBe('sync_plan_empty(sync_items_other(1,234))');
    expect(view.action).toBe('sync_connect_upload');
  });

  it('the same vault: join, naming its creation date, and a warning for foreign files', () => {
    const createdAt = Date.UTC(2026, 0, 15, 12);
    const view = describePlan({ kind: 'vault', createdAt, sameVault: true, otherFiles: 2 });
    expect(view.text).toBe('sync_plan_join(15 January 2026)');
    expect(view.action).toBe('sync_connect_join');
    expect(view.warning).toBe('sync_plan_other_files(2)');
  });

  it('a different vault is refused by name and offers no button', () => {
    const view = describePlan({
      kind: 'vault',
      createdAt: Date.UTC(2025, 5, 1),
      sameVault: false,
      otherFiles: 0,
    });
    expect(view.text).toBe('sync_plan_other_vault(1 June 2025)');
    expect(view.action).toBeNull();
  });
});

describe('the folder, before any request', () => {
  it('checks the fields in order and the address before any request', () => {
    const ok = { url: 'https://dav.example.com/Tessera', username: 'alice', password: 'app' };
    const folder = checkedServer(ok);
    expect('folder' in folder && folder.folder.href).toBe('https://dav.example.com/Tessera/');
    expect(checkedServer({ ...ok, url: ' ' })).toEqual({ error: { text: 'sync_url_empty', field: 'url' } });
    expect(checkedServer({ ...ok, username: '' })).toMatchObject({ error: { field: 'username' } });
    expect(checkedServer({ ...ok, password: '' })).toMatchObject({ error: { field: 'password' } });
    expect(checkedServer({ ...ok, url: 'http://dav.example.com/T/' })).toMatchObject({
      error: { field: 'url', text: expect.stringMatching(/https:\/\//) },
    });
    expect(checkedServer({ ...ok, url: 'https://alice:pw@dav.example.com/T/' })).toMatchObject({
      error: { field: 'url' },
    });
  });
});

describe('last synced', () => {
  const now = new Date(2026, 11, 2, 14, 30).getTime();
  it('just now within a minute, the time today, the date before', () => {
    expect(syncedWhen(now - 20_000, now)).toBe('sync_just_now');
    expect(syncedWhen(new Date(2026, 11, 2, 9, 5).getTime(), now)).toMatch(/^0?9:05/);
    expect(syncedWhen(new Date(2026, 10, 28, 9, 5).getTime(), now)).toMatch(/28 Nov 2026/);
  });

  it('a time ahead of this clock is never "just now"', () => {
    expect(syncedWhen(now + 30_000, now)).not.toBe('sync_just_now');
  });
});
