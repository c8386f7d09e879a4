// @vitest-environment happy-dom
// The content script's fill (src/autofill/content/fill.ts, guard.ts, main.ts): what it writes,
// where it refuses, and how it takes a value back. happy-dom has no layout, so visibility is read
// from markup (the content script uses real layout; e2e covers that).

import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FillCommand, fillLogin } from '@/src/autofill/content/fill';
import { isVisibleByMarkup } from '@/src/autofill/visibility';
import { startContentScript } from './content-start';
import { setWindowOrigin } from './window-origin';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const LOGIN =
  '<form id="f"><input id="u" name="username" autocomplete="username"><input id="p" name="password" type="password"><button>Sign in</button></form>';

function command(extra: Partial<FillCommand> = {}): FillCommand {
  return {
    type: 'tessera.fill',
    origin: window.location.origin,
    username: 'alice@example.com',
    password: 'pw-Secret!',
    ...extra,
  };
}
const fill = (extra: Partial<FillCommand> = {}) =>
  fillLogin(document, command(extra), { isVisible: isVisibleByMarkup });
const input = (id: string) => document.getElementById(id) as HTMLInputElement;

setWindowOrigin();

afterEach(() => {
  document.body.innerHTML = '';
});

describe('fillLogin', () => {
  it('fills the username and password of a sign-in form', () => {
    document.body.innerHTML = LOGIN;
    expect(fill()).toEqual({ ok: true, filled: 2 });
    expect(input('u').value).toBe('alice@example.com');
    expect(input('p').value).toBe('pw-Secret!');
  });

  it('sets the value through the prototype setter and fires the events frameworks listen to', () => {
    document.body.innerHTML = LOGIN;
    const field = input('p');
    // React replaces the instance's value property with a tracker; a plain `field.value = x` would
    // update the tracker too, and React would then see no change on the input event.
    let tracked = '';
    const proto = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value');
    Object.defineProperty(field, 'value', {
      configurable: true,
      get() {
        return proto?.get?.call(this);
      },
      set(next: string) {
        tracked = next;
        proto?.set?.call(this, next);
      },
    });
    const events: string[] = [];
    let seenOnInput = '';
    for (const type of ['keydown', 'input', 'keyup', 'change']) {
      field.addEventListener(type, () => events.push(type));
    }
    field.addEventListener('input', () => {
      seenOnInput = field.value;
    });
    fill();
    expect(tracked).toBe('');
    expect(seenOnInput).toBe('pw-Secret!');
    expect(events).toEqual(['keydown', 'input', 'keyup', 'change']);
  });

  it('never fills a hidden field, even in a form whose visible fields it fills', () => {
    document.body.innerHTML =
      '<form><input id="u" name="username"><input id="decoy" name="password2" type="password" style="opacity:0.01"><input id="p" name="password" type="password"></form>';
    expect(fill().ok).toBe(true);
    expect(input('decoy').value).toBe('');
    expect(input('p').value).toBe('pw-Secret!');
  });

  it('re-checks visibility at fill time, field by field', () => {
    document.body.innerHTML = LOGIN;
    // The page hides the password field as soon as the username is written.
    input('u').addEventListener('input', () => {
      input('p').style.display = 'none';
    });
    expect(fill()).toEqual({ ok: true, filled: 1 });
    expect(input('p').value).toBe('');
  });

  it('refuses when the frame is no longer on the origin the item was matched for', () => {
    document.body.innerHTML = LOGIN;
    expect(fill({ origin: 'https://bank.example' })).toEqual({ ok: false, code: 'origin-changed' });
    expect(input('p').value).toBe('');
  });

  it('never fills a sandboxed document (opaque window.origin), though its URL names the matched site', () => {
    document.body.innerHTML = LOGIN;
    setWindowOrigin('null');
    try {
      expect(fill()).toEqual({ ok: false, code: 'sandboxed' });
      expect(fill({ origin: 'null' })).toEqual({ ok: false, code: 'sandboxed' });
    } finally {
      setWindowOrigin();
    }
    expect(input('u').value).toBe('');
    expect(input('p').value).toBe('');
  });

  it('asks before filling a form that posts to another origin, and fills once that origin is confirmed', () => {
    document.body.innerHTML = LOGIN.replace(
      '<form id="f">',
      '<form id="f" action="https://evil.example/steal">',
    );
    expect(fill()).toEqual({ ok: false, code: 'confirm-action', origin: 'https://evil.example' });
    expect(input('p').value).toBe('');
    expect(fill({ confirmActionOrigin: 'https://other.example' }).ok).toBe(false);
    expect(fill({ confirmActionOrigin: 'https://evil.example' })).toEqual({ ok: true, filled: 2 });
  });

  it("asks before filling a form whose submit button posts elsewhere (formaction), the form's own action being fine", () => {
    const evil = 'https://evil.example';
    const cases = [
      LOGIN.replace('<button>', `<button formaction="${evil}/steal">`),
      LOGIN.replace('</form>', `<input type="image" alt="Go" formaction="${evil}/img"></form>`),
      LOGIN.replace('</form>', `<input type="submit" value="Other" formaction="${evil}/alt"></form>`),
      // Outside the form, joined to it with form="f".
      `${LOGIN}<button form="f" formaction="${evil}/outside">Sign in elsewhere</button>`,
    ];
    for (const html of cases) {
      document.body.innerHTML = html;
      expect(fill(), html).toEqual({ ok: false, code: 'confirm-action', origin: evil });
      expect(input('p').value).toBe('');
      expect(fill({ confirmActionOrigin: evil }), html).toEqual({ ok: true, filled: 2 });
    }
    // A plain button's or a reset button's formaction posts nothing; a same-origin one is fine.
    document.body.innerHTML = LOGIN.replace(
      '</form>',
      `<button type="button" formaction="${evil}/x">Show</button><button type="reset" formaction="${evil}/y">Reset</button><button formaction="/same">Go</button></form>`,
    );
    expect(fill()).toEqual({ ok: true, filled: 2 });
  });

  it('treats a javascript: action as another origin', () => {
    document.body.innerHTML = LOGIN.replace('<form id="f">', '<form id="f" action="javascript:void 0">');
    expect(fill()).toEqual({ ok: false, code: 'confirm-action', origin: 'null' });
  });

  it('does not fill sign-up forms', () => {
    document.body.innerHTML =
      '<form><input name="email" type="email" autocomplete="email"><input name="new" type="password" autocomplete="new-password"><input name="confirm" type="password" autocomplete="new-password"><button>Create account</button></form>';
    expect(fill()).toEqual({ ok: false, code: 'no-form' });
  });

  it('clears the filled values when the password field stops being a password field', async () => {
    document.body.innerHTML = LOGIN;
    fill();
    input('p').type = 'text';
    await settle();
    expect(input('p').value).toBe('');
    expect(input('u').value).toBe('');
  });

  it("clears the filled values when the form's action moves to another origin", async () => {
    document.body.innerHTML = LOGIN;
    fill();
    input('p').form?.setAttribute('action', '/same-origin');
    await settle();
    expect(input('p').value).toBe('pw-Secret!');
    input('p').form?.setAttribute('action', 'https://evil.example/');
    await settle();
    expect(input('p').value).toBe('');
  });
});

describe('the fill guard and submit buttons (formaction)', () => {
  it("clears the filled values when a submit button's formaction moves to another origin", async () => {
    document.body.innerHTML = LOGIN.replace('<button>', '<button id="b">');
    fill();
    const button = document.getElementById('b') as HTMLButtonElement;
    button.setAttribute('formaction', '/same-origin');
    await settle();
    expect(input('p').value).toBe('pw-Secret!');
    button.setAttribute('formaction', 'https://evil.example/steal');
    await settle();
    expect(input('p').value).toBe('');
    expect(input('u').value).toBe('');
  });

  it('clears the filled values when a submitter posting elsewhere is added, or a plain button becomes one', async () => {
    document.body.innerHTML = LOGIN;
    fill();
    const image = document.createElement('input');
    image.type = 'image';
    image.setAttribute('formaction', 'https://evil.example/img');
    input('p').form?.append(image);
    await settle();
    expect(input('p').value).toBe('');

    document.body.innerHTML = LOGIN.replace(
      '</form>',
      '<button id="x" type="button" formaction="https://evil.example/x">Show</button></form>',
    );
    expect(fill()).toEqual({ ok: true, filled: 2 });
    document.getElementById('x')?.setAttribute('type', 'submit');
    await settle();
    expect(input('p').value).toBe('');
  });

  it('keeps the values when the form posts to the origin the person confirmed', async () => {
    document.body.innerHTML = LOGIN.replace(
      '<button>',
      '<button id="b" formaction="https://sso.example/in">',
    );
    expect(fill({ confirmActionOrigin: 'https://sso.example' })).toEqual({ ok: true, filled: 2 });
    document.getElementById('b')?.setAttribute('formaction', 'https://sso.example/other-path');
    await settle();
    expect(input('p').value).toBe('pw-Secret!');
  });
});

describe('runAutofillContent', () => {
  function start() {
    return startContentScript({
      id: 'ext',
      getURL: (path) => `chrome-extension://ext${path}`,
      sendMessage: () => undefined,
    });
  }

  it('answers fill commands from its own background only', async () => {
    document.body.innerHTML = '<form><input name="q" type="search"></form>';
    const { listener, loads } = start();
    const replies: unknown[] = [];
    const reply = (r: unknown) => replies.push(r);
    // Another sender, a content script (it has a tab), a malformed command: no answer, no channel.
    expect(listener(command(), { id: 'other-extension' }, reply)).toBeUndefined();
    expect(listener(command(), { id: 'ext', tab: { id: 1 } }, reply)).toBeUndefined();
    expect(listener({ type: 'tessera.fill', origin: 1 }, { id: 'ext' }, reply)).toBeUndefined();
    await settle();
    expect(replies).toEqual([]);
    // A search box is nothing login-like: the rest of the content script is not even loaded.
    expect(loads()).toBe(0);
    // From the background it answers once that part is in (true keeps the channel open).
    expect(listener(command(), { id: 'ext' }, reply)).toBe(true);
    await vi.waitFor(() => expect(replies).toEqual([{ ok: false, code: 'no-form' }]));
    expect(loads()).toBe(1);
  });

  it('answers one-time-code commands from its own background only', async () => {
    document.body.innerHTML = '<form><label>Verification code <input name="otp"></label></form>';
    const { listener } = start();
    const replies: unknown[] = [];
    const reply = (r: unknown) => replies.push(r);
    const code = { type: 'tessera.fill.code', origin: window.location.origin, code: '123456' };
    expect(listener(code, { id: 'other-extension' }, reply)).toBeUndefined();
    expect(listener(code, { id: 'ext', tab: { id: 1 } }, reply)).toBeUndefined();
    expect(listener({ ...code, code: 123456 }, { id: 'ext' }, reply)).toBeUndefined();
    await settle();
    expect(replies).toEqual([]);
    // From the background it answers (happy-dom has no layout: no field counts as visible).
    expect(listener(code, { id: 'ext' }, reply)).toBe(true);
    await vi.waitFor(() => expect(replies).toEqual([{ ok: false, code: 'no-form' }]));
    expect((document.querySelector('[name="otp"]') as HTMLInputElement).value).toBe('');
  });

  it('leaves messages that are no command of its own unanswered, without loading anything', async () => {
    document.body.innerHTML = '<p>No form here</p>';
    const { listener, loads } = start();
    const replies: unknown[] = [];
    for (const message of [null, 'tessera.fill', { type: 'tessera.locked' }, { type: 'passkey.get' }, {}]) {
      expect(listener(message, { id: 'ext' }, (r) => replies.push(r))).toBeUndefined();
    }
    await settle();
    expect(replies).toEqual([]);
    expect(loads()).toBe(0);
  });
});
