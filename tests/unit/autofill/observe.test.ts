// @vitest-environment happy-dom
// Watching single-page apps for login forms (src/autofill/observe.ts). Real timers with a short
// quiet period; each test waits a little longer than it.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LoginFormObserver, observeLoginForms } from '@/src/autofill/observe';
import type { DetectedForm } from '@/src/autofill/types';
import { isVisibleByMarkup } from '@/src/autofill/visibility';

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

  it('follows open shadow roots, both added later and already present', async () => {
    document.body.innerHTML = '<x-existing></x-existing>';
    const existing = document.querySelector('x-existing')!.attachShadow({ mode: 'open' });
    const onForms = vi.fn();
    observe(onForms);
    // A mutation inside a shadow root that was there from the start.
    existing.innerHTML = LOGIN;
    await settle();
    expect(names(onForms.mock.calls[0]![0])).toEqual(['login: user=username pass=current-password']);
    // A new host that brings its own shadow root, and later gains a form inside it.
    const host = document.createElement('x-widget');
    const shadow = host.attachShadow({ mode: 'open' });
    document.body.append(host);
    await settle();
    shadow.innerHTML = '<form><input name="email" type="email"><input name="pw" type="password"></form>';
    await settle();
    expect(names(onForms.mock.calls[1]![0])).toEqual(['login: email=username pw=current-password']);
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
