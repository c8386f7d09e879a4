import { describe, expect, it } from 'vitest';
import { type DecideInput, decideOffer, newLogin, type Submission } from '@/src/autofill/save-offer';
import type { ItemOverview } from '@/src/vault/types';

function item(id: string, extra: Partial<ItemOverview> = {}): ItemOverview {
  return {
    id,
    name: `Item ${id}`,
    username: 'alice@example.com',
    urls: ['https://example.com/'],
    match: 'domain',
    favorite: false,
    updatedAt: 0,
    ...extra,
  };
}

const SECURE: Submission = {
  url: 'https://example.com/login',
  username: 'alice@example.com',
  password: 'pw-new',
};

function input(extra: Partial<DecideInput> = {}, passwords: Record<string, string> = {}): DecideInput {
  return {
    submission: SECURE,
    items: [],
    passwordOf: async (id) => passwords[id] ?? 'pw-stored',
    isLastFill: () => false,
    neverSave: [],
    ...extra,
  };
}

describe('decideOffer', () => {
  it('offers to save a login the vault does not have', async () => {
    expect(await decideOffer(input())).toEqual({ kind: 'save', password: 'pw-new' });
    // Another username on the same site is another account: save, not update.
    expect(await decideOffer(input({ items: [item('1', { username: 'bob@example.com' })] }))).toEqual({
      kind: 'save',
      password: 'pw-new',
    });
    // An item for another site does not count.
    expect(await decideOffer(input({ items: [item('1', { urls: ['https://other.com/'] })] }))).toMatchObject({
      kind: 'save',
    });
  });

  it('offers to update the item with this username when the password differs', async () => {
    expect(await decideOffer(input({ items: [item('1')] }))).toEqual({
      kind: 'update',
      itemId: '1',
      itemName: 'Item 1',
      password: 'pw-new',
    });
    // Usernames are compared without surrounding spaces.
    const spaced = { ...SECURE, username: '  alice@example.com ' };
    expect(await decideOffer(input({ submission: spaced, items: [item('1')] }))).toMatchObject({
      kind: 'update',
    });
  });

  it('says "saved" (a prompt that writes nothing) when the saved password is already this one', async () => {
    expect(await decideOffer(input({ items: [item('1')] }, { '1': 'pw-new' }))).toEqual({
      kind: 'saved',
      itemName: 'Item 1',
    });
    // Two items for the account, one already up to date: nothing to write.
    expect(await decideOffer(input({ items: [item('1'), item('2')] }, { '2': 'pw-new' }))).toEqual({
      kind: 'saved',
      itemName: 'Item 2',
    });
  });

  it('whether a prompt appears never depends on a stored password: a right and a wrong guess look the same to the page', async () => {
    const change = (password: string): Submission => ({
      url: SECURE.url,
      username: '',
      password,
      newPassword: 'pw-next',
    });
    const cases: Array<{ name: string; items: ItemOverview[]; submission: (guess: string) => Submission }> = [
      {
        name: 'sign-in, one item',
        items: [item('1')],
        submission: (guess) => ({ ...SECURE, password: guess }),
      },
      {
        name: 'sign-in, two items for the account',
        items: [item('1'), item('2')],
        submission: (guess) => ({ ...SECURE, password: guess }),
      },
      {
        name: 'change form without a username',
        items: [item('1'), item('2', { username: 'bob' })],
        submission: change,
      },
    ];
    for (const { name, items, submission } of cases) {
      const outcome = async (guess: string) => {
        const read: string[] = [];
        const decision = await decideOffer(
          input({
            submission: submission(guess),
            items,
            passwordOf: async (id) => {
              read.push(id);
              return id === '1' ? 'pw-stored' : 'pw-other';
            },
          }),
        );
        // What the page can observe: a prompt or none (its text is unreadable to the page), and
        // which passwords were read (the time the decision takes).
        return { prompt: decision.kind !== 'none', read };
      };
      expect(await outcome('pw-stored'), name).toEqual(await outcome('pw-wrong-guess'));
      expect((await outcome('pw-stored')).prompt, name).toBe(true);
    }
  });

  it('offers nothing for exactly what Tessera filled', async () => {
    const seen: unknown[] = [];
    const decision = await decideOffer(
      input({
        items: [item('1')],
        isLastFill: (values) => {
          seen.push(values);
          return true;
        },
      }),
    );
    expect(decision).toEqual({ kind: 'none', reason: 'unchanged-fill' });
    expect(seen).toEqual([{ username: 'alice@example.com', password: 'pw-new' }]);
  });

  it('offers nothing for an empty password, a never-save site or a non-web page', async () => {
    expect(await decideOffer(input({ submission: { ...SECURE, password: '' } }))).toEqual({
      kind: 'none',
      reason: 'empty',
    });
    expect(await decideOffer(input({ neverSave: ['https://example.com'] }))).toEqual({
      kind: 'none',
      reason: 'never',
    });
    // "Never" is per origin: another port or scheme still gets offers.
    expect(await decideOffer(input({ neverSave: ['https://example.com:8443'] }))).toMatchObject({
      kind: 'save',
    });
    expect(await decideOffer(input({ submission: { ...SECURE, url: 'file:///login.html' } }))).toEqual({
      kind: 'none',
      reason: 'not-web',
    });
  });

  it('never saves or updates from http over an https item for the same account', async () => {
    const http: Submission = { ...SECURE, url: 'http://example.com/login' };
    expect(await decideOffer(input({ submission: http, items: [item('1')] }))).toEqual({
      kind: 'none',
      reason: 'https-item',
    });
    // The same under the default same-site rule (login.example.com item, www page), whatever the port.
    const www = { ...http, url: 'http://www.example.com:8080/login' };
    expect(
      await decideOffer(input({ submission: www, items: [item('1', { urls: ['login.example.com'] })] })),
    ).toMatchObject({ reason: 'https-item' });
    // A 'host' item for another host of the site does not shadow it.
    expect(
      await decideOffer(
        input({
          submission: www,
          items: [item('1', { urls: ['https://login.example.com/'], match: 'host' })],
        }),
      ),
    ).toMatchObject({ kind: 'save' });
    // Another username's https item does not block saving this one (as an http login).
    expect(
      await decideOffer(input({ submission: http, items: [item('1', { username: 'bob@example.com' })] })),
    ).toMatchObject({ kind: 'save' });
    // An http item for the account is updated as usual.
    expect(
      await decideOffer(input({ submission: http, items: [item('1', { urls: ['http://example.com/'] })] })),
    ).toMatchObject({ kind: 'update', itemId: '1' });
  });

  it('updates the one item whose password a username-less change-password form names', async () => {
    const change: Submission = { url: SECURE.url, username: '', password: 'pw-old', newPassword: 'pw-next' };
    const two = [item('1'), item('2', { username: 'bob@example.com' })];
    expect(await decideOffer(input({ submission: change, items: two }, { '2': 'pw-old' }))).toEqual({
      kind: 'update',
      itemId: '2',
      itemName: 'Item 2',
      password: 'pw-next',
    });
    // No item, or two items, with that password: "unsure" (it cannot tell which account), a prompt
    // all the same, so the page cannot tell a right current password from a wrong one.
    expect(await decideOffer(input({ submission: change, items: two }))).toEqual({ kind: 'unsure' });
    expect(
      await decideOffer(input({ submission: change, items: two }, { '1': 'pw-old', '2': 'pw-old' })),
    ).toEqual({ kind: 'unsure' });
    // No item for the page at all: nothing.
    expect(await decideOffer(input({ submission: change, items: [] }))).toEqual({
      kind: 'none',
      reason: 'ambiguous',
    });
    // A sign-in form without a username (a password-only page): nothing.
    expect(await decideOffer(input({ submission: { ...SECURE, username: '' }, items: two }))).toMatchObject({
      reason: 'ambiguous',
    });
    // New password equal to the current one: nothing changes.
    const same = { ...change, newPassword: 'pw-old' };
    expect(await decideOffer(input({ submission: same, items: two }, { '2': 'pw-old' }))).toMatchObject({
      reason: 'same-password',
    });
  });

  it('stores the new password of a sign-up or change-password form', async () => {
    const signup: Submission = { ...SECURE, password: '', newPassword: 'pw-chosen' };
    expect(await decideOffer(input({ submission: signup }))).toEqual({ kind: 'save', password: 'pw-chosen' });
    const change: Submission = { ...SECURE, password: 'pw-stored', newPassword: 'pw-chosen' };
    expect(await decideOffer(input({ submission: change, items: [item('1')] }))).toMatchObject({
      kind: 'update',
      password: 'pw-chosen',
    });
  });
});

describe('newLogin', () => {
  it('is a login for the page origin, named after its host', () => {
    const url = 'http://127.0.0.1:8080/a/login?next=/x';
    expect(newLogin({ url, username: ' bob ', password: 'x' }, 'pw')).toEqual({
      name: '127.0.0.1',
      username: 'bob',
      password: 'pw',
      notes: '',
      totp: '',
      urls: ['http://127.0.0.1:8080/'],
      match: 'domain',
      favorite: false,
      fields: [],
    });
  });
});
