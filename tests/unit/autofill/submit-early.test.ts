// @vitest-environment happy-dom
// The plain reading of a form that the always-loaded content script reports before detection is
// in (src/autofill/content/submit-early.ts): what counts as the password and the account.

import { describe, expect, it } from 'vitest';
import { plainSubmission } from '@/src/autofill/content/submit-early';

/** The recorded values of a form built from `html`, with `typed` as each input's value by id. */
function recorded(html: string, typed: Record<string, string>): Map<HTMLInputElement, string> {
  document.body.innerHTML = `<form>${html}</form>`;
  return new Map(
    Array.from(document.querySelectorAll('input'), (input) => [input, typed[input.id] ?? ''] as const),
  );
}

describe('plainSubmission', () => {
  it('takes the filled password and the account field before it', () => {
    const values = recorded('<input id="q" type="search"><input id="u"><input id="p" type="password">', {
      q: 'shoes',
      u: 'alice',
      p: 'pw',
    });
    expect(plainSubmission(values)).toEqual({ username: 'alice', password: 'pw' });
  });

  it('prefers the field marked username over a later text field', () => {
    const values = recorded(
      '<input id="u" type="email" autocomplete="username"><input id="n"><input id="p" type="password">',
      { u: 'alice@example.com', n: 'Alice', p: 'pw' },
    );
    expect(plainSubmission(values)).toEqual({ username: 'alice@example.com', password: 'pw' });
  });

  it('reads two equal passwords (a confirmation) or one marked new as a sign-up', () => {
    const confirm = recorded('<input id="u"><input id="a" type="password"><input id="b" type="password">', {
      u: 'alice',
      a: 'pw',
      b: 'pw',
    });
    expect(plainSubmission(confirm)).toEqual({ username: 'alice', password: '', newPassword: 'pw' });
    const marked = recorded('<input id="a" type="password" autocomplete="new-password">', { a: 'pw' });
    expect(plainSubmission(marked)).toEqual({ username: '', password: '', newPassword: 'pw' });
  });

  it('leaves to detection what it cannot read plainly: differing passwords, a one-time code, no password', () => {
    const change = recorded('<input id="a" type="password"><input id="b" type="password">', {
      a: 'old',
      b: 'new',
    });
    expect(plainSubmission(change)).toBeNull();
    const code = recorded('<input id="u"><input id="c" type="password" autocomplete="one-time-code">', {
      u: 'alice',
      c: '123456',
    });
    expect(plainSubmission(code)).toBeNull();
    expect(
      plainSubmission(recorded('<input id="u"><input id="p" type="password">', { u: 'alice' })),
    ).toBeNull();
  });
});
