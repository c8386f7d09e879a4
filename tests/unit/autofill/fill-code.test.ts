// @vitest-environment happy-dom
// Filling a one-time code (src/autofill/content/fill-code.ts) and what the login fill does around a
// code field (src/autofill/content/fill.ts): the code goes only into code fields, one character per
// box in a split input, under the login fill's origin and form-action rules; a login never writes
// its password or username into a code field.

import { afterEach, describe, expect, it } from 'vitest';
import { type FillCommand, fillLogin } from '@/src/autofill/content/fill';
import { type FillCodeCommand, fillCode, splitCode } from '@/src/autofill/content/fill-code';
import { isVisibleByMarkup } from '@/src/autofill/visibility';
import { setWindowOrigin } from './window-origin';

setWindowOrigin();

const options = { isVisible: isVisibleByMarkup };
const login = (extra: Partial<FillCommand> = {}) =>
  fillLogin(
    document,
    {
      type: 'tessera.fill',
      origin: window.location.origin,
      username: 'alice',
      password: 'pw-Secret!',
      ...extra,
    },
    options,
  );
const code = (extra: Partial<FillCodeCommand> = {}) =>
  fillCode(
    document,
    { type: 'tessera.fill.code', origin: window.location.origin, code: '123456', ...extra },
    options,
  );
const value = (name: string) => (document.querySelector(`[name="${name}"]`) as HTMLInputElement).value;

const SAME_PAGE =
  '<form><input name="user" autocomplete="username"><input name="pass" type="password">' +
  '<input name="otp" autocomplete="one-time-code"><button>Sign in</button></form>';
const CODE_PAGE =
  '<form><label>Verification code <input name="otp" inputmode="numeric"></label><button>Verify</button></form>';
const BOXES = `<form><h2>Two-step verification</h2>${[1, 2, 3, 4, 5, 6]
  .map((i) => `<input name="d${i}" maxlength="1" inputmode="numeric">`)
  .join('')}<button>Verify</button></form>`;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a login fill beside a code field', () => {
  it('never writes the password or username into the code field, and asks for the code when the login has one', () => {
    document.body.innerHTML = SAME_PAGE;
    expect(login({ hasCode: true })).toEqual({ ok: true, filled: 2, wantsCode: true });
    expect([value('user'), value('pass'), value('otp')]).toEqual(['alice', 'pw-Secret!', '']);
  });

  it('does not ask for a code the login does not have', () => {
    document.body.innerHTML = SAME_PAGE;
    expect(login()).toEqual({ ok: true, filled: 2 });
  });

  it('on a page with only a code field: fills nothing, and asks for the code (or says there is none)', () => {
    document.body.innerHTML = CODE_PAGE;
    expect(login({ hasCode: true })).toEqual({ ok: true, filled: 0, wantsCode: true });
    expect(value('otp')).toBe('');
    expect(login()).toEqual({ ok: false, code: 'code-only' });
  });
});

describe('fillCode', () => {
  it('writes the code into a single code field', () => {
    document.body.innerHTML = CODE_PAGE;
    expect(code()).toEqual({ ok: true, filled: 1 });
    expect(value('otp')).toBe('123456');
  });

  it('writes one digit per box into a split input', () => {
    document.body.innerHTML = BOXES;
    expect(code({ code: '902315' })).toEqual({ ok: true, filled: 6 });
    expect([1, 2, 3, 4, 5, 6].map((i) => value(`d${i}`)).join('')).toBe('902315');
  });

  it('refuses a code that does not fit the boxes instead of cutting it', () => {
    document.body.innerHTML = BOXES;
    expect(code({ code: '12345678' })).toEqual({ ok: false, code: 'no-form' });
    expect(value('d1')).toBe('');
    expect(splitCode('12345678', 6)).toBeNull();
    expect(splitCode('12345678', 1)).toEqual(['12345678']);
  });

  it('never writes a code into a username or password field', () => {
    document.body.innerHTML =
      '<form><input name="user"><input name="pass" type="password"><button>Sign in</button></form>';
    expect(code()).toEqual({ ok: false, code: 'no-form' });
    expect([value('user'), value('pass')]).toEqual(['', '']);
  });

  it('refuses a frame that left the matched origin, and a form posting elsewhere until confirmed', () => {
    document.body.innerHTML = CODE_PAGE;
    expect(code({ origin: 'https://other.example' })).toEqual({ ok: false, code: 'origin-changed' });
    document.body.innerHTML = CODE_PAGE.replace('<form>', '<form action="https://evil.example/2fa">');
    expect(code()).toEqual({ ok: false, code: 'confirm-action', origin: 'https://evil.example' });
    expect(value('otp')).toBe('');
    expect(code({ confirmActionOrigin: 'https://evil.example' })).toEqual({ ok: true, filled: 1 });
  });

  it('prefers the code field of the focused form', () => {
    document.body.innerHTML = `${CODE_PAGE}<form><label>Authenticator code <input name="second"></label></form>`;
    (document.querySelector('[name="second"]') as HTMLInputElement).focus();
    expect(code()).toEqual({ ok: true, filled: 1 });
    expect([value('otp'), value('second')]).toEqual(['', '123456']);
  });

  it('skips a hidden code field', () => {
    document.body.innerHTML = CODE_PAGE.replace('<form>', '<form style="display:none">');
    expect(code()).toEqual({ ok: false, code: 'no-form' });
  });
});
