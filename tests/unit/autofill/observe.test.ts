// @vitest-environment happy-dom
// Watching single-page apps for login forms (src/autofill/observe.ts). Real timers with a short
// quiet period; each test waits a little longer than it.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFormExaminer, type LoginFormObserver, observeLoginForms } from '@/src/autofill/observe';
import type { DetectedForm } from '@/src/autofill/types';
import { isVisibleByMarkup } from '@/src/autofill/visibility';
import { watchLoginFields } from '@/src/autofill/watch';

const DEBOUNCE_MS = 10;
const settle = () => new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 5));

let handle: LoginFormObserver | null = null;

function observe(onForms: (forms: DetectedForm[]) => void, isVisible = isVisibleByMarkup) {
  handle = observeLoginForms(document, onForms, { debounceMs: DEBOUNCE_MS, isVisible });
  return handle;
}

const names = (forms: DetectedForm[]) =>
  forms.map(
    (form) => `${form.kind}: ${form.fields.map((field) => `${field.input.name}=${field.role}`).join(' ')}`,
  );

const LOGIN = '<form><input name="user"><input name="pass" type="password"><button>Sign in</button></form>';

afterEach(() => {
  handle?.disconnect();
  handle = null;
  document.body.innerHTML = '';
});

describe('observeLoginForms', () => {
  it('reports the forms already on the page at once', () => {
    document.body.innerHTML = LOGIN;
    const onForms = vi.fn();
    observe(onForms);
    expect(onForms).toHaveBeenCalledTimes(1);
    expect(names(onForms.mock.calls[0]![0])).toEqual(['login: user=username pass=current-password']);
  });

  it('says nothing on a page without login fields', async () => {
    document.body.innerHTML = '<main><p>Hello</p></main>';
    const onForms = vi.fn();
    observe(onForms);
    document.querySelector('main')!.append(document.createElement('p'));
    await settle();
    expect(onForms).not.toHaveBeenCalled();
  });

  it('keeps a password field that the page switched to type=text before detection looked', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    const onForms = vi.fn();
    observe(onForms);
    document.getElementById('app')!.innerHTML = LOGIN;
    // A show-password toggle, before the quiet period ends: only the observer's record saw it.
    document.querySelector('[name="pass"]')!.setAttribute('type', 'text');
    await settle();
    expect(names(onForms.mock.calls[0]![0])).toEqual(['login: user=username pass=current-password']);
  });

  it('reports a form that the app inserts later, once per burst of mutations', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    const onForms = vi.fn();
    observe(onForms);
    const app = document.getElementById('app')!;
    app.innerHTML = LOGIN;
    app.append(document.createElement('p'), document.createElement('p'));
    expect(onForms).not.toHaveBeenCalled();
    await settle();
    expect(onForms).toHaveBeenCalledTimes(1);
    expect(names(onForms.mock.calls[0]![0])).toEqual(['login: user=username pass=current-password']);
  });

  it('examines only what was added, within its own form or section', async () => {
    document.body.innerHTML = `<main>${LOGIN}</main><aside id="side"></aside>`;
    const asked = new Set<string>();
    const onForms = vi.fn();
    observe(onForms, (input) => {
      asked.add(input.name);
      return isVisibleByMarkup(input);
    });
    asked.clear();
    document.getElementById('side')!.innerHTML =
      '<div><input name="email" type="email"><input name="pw" type="password"><button>Log in</button></div>';
    await settle();
    expect([...asked].sort()).toEqual(['email', 'pw']);
    expect(names(onForms.mock.calls[1]![0])).toEqual(['login: email=username pw=current-password']);
  });

  it('does not report the same form twice when unrelated nodes are added', async () => {
    document.body.innerHTML = LOGIN;
    const onForms = vi.fn();
    observe(onForms);
    document.querySelector('form')!.append(document.createElement('span'));
    document.body.append(document.createElement('div'));
    await settle();
    expect(onForms).toHaveBeenCalledTimes(1);
  });

  it('reports an identifier form again when a password field joins it', async () => {
    document.body.innerHTML =
      '<form action="/login"><input name="user" autocomplete="username"><button>Next</button></form>';
    const onForms = vi.fn();
    observe(onForms);
    expect(names(onForms.mock.calls[0]![0])).toEqual(['identifier: user=username']);
    const password = document.createElement('input');
    password.type = 'password';
    password.name = 'pass';
    document.querySelector('form')!.append(password);
    await settle();
    expect(names(onForms.mock.calls[1]![0])).toEqual(['login: user=username pass=current-password']);
  });

  it('notices a field that becomes a password field', async () => {
    document.body.innerHTML = '<form><input name="user"><input name="pass"><button>Sign in</button></form>';
    const onForms = vi.fn();
    observe(onForms);
    expect(onForms).not.toHaveBeenCalled();
    document.querySelector<HTMLInputElement>('[name="pass"]')!.type = 'password';
    await settle();
    expect(names(onForms.mock.calls[0]![0])).toEqual(['login: user=username pass=current-password']);
  });

  it('follows open shadow roots the page adds later, and a form it adds inside one', async () => {
    document.body.innerHTML = '<main></main>';
    const onForms = vi.fn();
    observe(onForms);
    // A new host that brings its own shadow root, and later gains a form inside it.
    const host = document.createElement('x-widget');
    const shadow = host.attachShadow({ mode: 'open' });
    document.body.append(host);
    await settle();
    shadow.innerHTML = '<form><input name="email" type="email"><input name="pw" type="password"></form>';
    await settle();
    expect(names(onForms.mock.calls[0]![0])).toEqual(['login: email=username pw=current-password']);
  });

  it('finds a shadow root that was there from the start when a person reaches into it, without walking the page at load', async () => {
    document.body.innerHTML = '<x-existing></x-existing>';
    const existing = document.querySelector('x-existing')!.attachShadow({ mode: 'open' });
    existing.innerHTML = LOGIN;
    const onForms = vi.fn();
    observe(onForms);
    // The first look is the light DOM's alone.
    expect(onForms).not.toHaveBeenCalled();
    const user = existing.querySelector<HTMLInputElement>('[name="user"]')!;
    user.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(names(onForms.mock.calls[0]![0])).toEqual(['login: user=username pass=current-password']);
    // Known from now on: the form it renders next is seen by the observer.
    existing.innerHTML = '<form><input name="email" type="email"><input name="pw" type="password"></form>';
    await settle();
    expect(names(onForms.mock.calls[1]![0])).toEqual(['login: email=username pw=current-password']);
    // A second focus in a known root looks again at nothing.
    existing
      .querySelector('input')!
      .dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(onForms).toHaveBeenCalledTimes(2);
  });

  it('looks at the whole form when a person reaches into one field of a design system', () => {
    document.body.innerHTML =
      '<form action="/session"><x-input id="u"></x-input><x-input id="p"></x-input></form>';
    const fields = [
      ['u', '<input name="user">'],
      ['p', '<input name="pass" type="password">'],
    ] as const;
    const roots = fields.map(([id, html]) => {
      const root = document.getElementById(id)!.attachShadow({ mode: 'open' });
      root.innerHTML = html;
      return root;
    });
    const onForms = vi.fn();
    observe(onForms);
    // The light-DOM form sounds like a sign-in, but holds no input of its own: nothing detected yet.
    const seenAtLoad = onForms.mock.calls.flatMap((call) => names(call[0]));
    expect(seenAtLoad).toEqual([]);
    roots[0]!
      .querySelector('input')!
      .dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(names(onForms.mock.calls.at(-1)![0])).toEqual(['login: user=username pass=current-password']);
  });

  it('walks shadow roots nobody reached into when asked (a command), once, and follows them after', async () => {
    document.body.innerHTML = '<main><x-card></x-card></main>';
    const card = document.querySelector('x-card')!.attachShadow({ mode: 'open' });
    card.innerHTML = '<form><x-field></x-field><x-field></x-field></form>';
    const [user, pass] = Array.from(card.querySelectorAll('x-field')).map((host, index) => {
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML =
        index === 0 ? '<input name="user" autocomplete="username">' : '<input name="pass" type="password">';
      return root;
    });
    const onForms = vi.fn();
    const watcher = watchLoginFields(
      document,
      createFormExaminer(onForms, { isVisible: isVisibleByMarkup }),
      DEBOUNCE_MS,
    );
    handle = watcher;
    expect(onForms).not.toHaveBeenCalled();
    watcher.walkShadowRoots();
    expect(onForms).toHaveBeenCalledTimes(1);
    expect(names(onForms.mock.calls[0]![0])).toEqual(['login: user=username pass=current-password']);
    // Once: a second command walks nothing, and a focus in a root the walk found is no news.
    watcher.walkShadowRoots();
    user!.querySelector('input')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(onForms).toHaveBeenCalledTimes(1);
    // Every root the walk found is observed: a field a component renders next is seen.
    pass!.innerHTML = '<input name="newpass" type="password" autocomplete="current-password">';
    await settle();
    expect(names(onForms.mock.calls.at(-1)![0])).toEqual(['login: user=username newpass=current-password']);
  });

  it('stops after disconnect', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    const onForms = vi.fn();
    observe(onForms).disconnect();
    document.getElementById('app')!.innerHTML = LOGIN;
    await settle();
    expect(onForms).not.toHaveBeenCalled();
  });
});
