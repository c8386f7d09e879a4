// @vitest-environment happy-dom
// The content script's save-offer wiring (src/autofill/content/main.ts): submitted logins go to
// the background, and the prompt frame opens and closes only on its own background's command.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { startContentScript } from './content-start';
import { setWindowOrigin } from './window-origin';

/** happy-dom events are untrusted; browsers mark a person's click and their submit trusted. */
function trusted<T extends Event>(event: T): T {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

setWindowOrigin();

afterEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

function start() {
  const sent: unknown[] = [];
  const started = startContentScript({
    id: 'ext',
    sendMessage: async (message) => void sent.push(message),
    // about:blank: happy-dom would try to fetch an extension URL.
    getURL: () => 'about:blank',
  });
  return { ...started, sent };
}

/** A sign-in form with alice / pw typed in, and the content script started on it. */
/** A sign-in form, with sizes for its inputs (happy-dom has no layout; detection checks visibility). */
function signInForm() {
  document.body.innerHTML =
    '<form id="f"><input id="u" name="username" autocomplete="username"><input id="p" name="password" type="password"><button>Sign in</button></form>';
  for (const input of document.querySelectorAll('input')) {
    input.getBoundingClientRect = () =>
      ({ width: 100, height: 20, top: 0, left: 0, right: 100, bottom: 20 }) as DOMRect;
  }
}

async function signInPage() {
  signInForm();
  const started = start();
  // The person goes to the form (detection waits for that, main.ts) and types.
  document.getElementById('u')?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
  await started.loaded();
  (document.getElementById('u') as HTMLInputElement).value = 'alice';
  (document.getElementById('p') as HTMLInputElement).value = 'pw';
  return started;
}

/** A sign-in form its page's script filled with alice / pw, no event, and the content script started. */
function scriptFilledPage() {
  signInForm();
  (document.getElementById('u') as HTMLInputElement).value = 'alice';
  (document.getElementById('p') as HTMLInputElement).value = 'pw';
  return start();
}

/** A person's click on the sign-in button, then the browser's (trusted) submit event it causes. */
function personSubmits() {
  const form = document.getElementById('f') as HTMLFormElement;
  form.addEventListener('submit', (event) => event.preventDefault());
  document.querySelector('button')?.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
  form.dispatchEvent(trusted(new Event('submit', { bubbles: true, cancelable: true })));
}

describe('content script save wiring', () => {
  it('reports a submitted sign-in form to the background', async () => {
    const { sent } = await signInPage();
    personSubmits();
    expect(sent).toEqual([{ type: 'autofill.submitted', username: 'alice', password: 'pw' }]);
  });

  it('reports a script-filled form that the person’s first click submits before detection is in, with the values it had then', async () => {
    // The page's script fills the form; nobody has focused or pressed anything yet.
    const { sent, loads, loaded } = scriptFilledPage();
    expect(loads()).toBe(0);
    // One click on "Sign in": its press wakes detection, and the click and submit follow in the
    // same turn, before the forms module's import is done; then the page clears the form.
    document.querySelector('button')?.dispatchEvent(trusted(new MouseEvent('mousedown', { bubbles: true })));
    personSubmits();
    (document.getElementById('f') as HTMLFormElement).reset();
    // Reported at the submit itself, before the import: the page may be gone before it is in.
    expect(loads()).toBe(1);
    expect(sent).toEqual([{ type: 'autofill.submitted', username: 'alice', password: 'pw' }]);
    await loaded();
    // Detection reads the form the same way: it does not report it again.
    expect(sent).toEqual([{ type: 'autofill.submitted', username: 'alice', password: 'pw' }]);
  });

  it('reports at pagehide a script-posted form whose plain button the person clicked before detection was in', async () => {
    const { sent } = scriptFilledPage();
    const button = document.querySelector('button') as HTMLButtonElement;
    button.type = 'button';
    button.dispatchEvent(trusted(new MouseEvent('mousedown', { bubbles: true })));
    button.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    // No submit event: the page's script posts the form and the browser leaves the page.
    expect(sent).toEqual([]);
    window.dispatchEvent(new Event('pagehide'));
    expect(sent).toEqual([{ type: 'autofill.submitted', username: 'alice', password: 'pw' }]);
  });

  it('reports nothing at pagehide after a press that was no click on a button (a link, a field)', async () => {
    const { sent } = scriptFilledPage();
    const field = document.getElementById('u') as HTMLInputElement;
    field.dispatchEvent(trusted(new MouseEvent('mousedown', { bubbles: true })));
    field.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    window.dispatchEvent(new Event('pagehide'));
    expect(sent).toEqual([]);
  });

  it('reports a form submitted by the Enter key that woke detection (recorded though its listener came with it)', async () => {
    const { sent, loaded } = scriptFilledPage();
    const form = document.getElementById('f') as HTMLFormElement;
    form.addEventListener('submit', (event) => event.preventDefault());
    document
      .getElementById('p')
      ?.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true })));
    form.dispatchEvent(trusted(new Event('submit', { bubbles: true, cancelable: true })));
    await loaded();
    expect(sent).toEqual([{ type: 'autofill.submitted', username: 'alice', password: 'pw' }]);
  });

  it('applies the same rules to what it recorded: a script’s submit with no person’s click or Enter is not reported', async () => {
    const { sent, loaded } = scriptFilledPage();
    const form = document.getElementById('f') as HTMLFormElement;
    form.addEventListener('submit', (event) => event.preventDefault());
    // Before anyone acted: nothing is recorded. After a (script) focus woke detection, a submit
    // the browser marks trusted (requestSubmit) still lacks a person's click or Enter in the form.
    form.dispatchEvent(trusted(new Event('submit', { bubbles: true, cancelable: true })));
    document.getElementById('u')?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    form.dispatchEvent(trusted(new Event('submit', { bubbles: true, cancelable: true })));
    await loaded();
    expect(sent).toEqual([]);
  });

  it('reports nothing from a sandboxed document (opaque window.origin), and asks for no menu', async () => {
    setWindowOrigin('null');
    try {
      const { sent } = await signInPage();
      // A person's click in the field (the menu's trigger), then their submission.
      document.getElementById('u')?.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
      personSubmits();
      expect(sent).toEqual([]);
    } finally {
      setWindowOrigin();
    }
  });

  it('looks at nothing before someone acts: no observer, no query of the page, until the first focus', async () => {
    signInForm();
    const observers = vi.spyOn(window.MutationObserver.prototype, 'observe');
    const queries = vi.spyOn(document, 'querySelector');
    try {
      const { loads, loaded } = start();
      await settle();
      expect(observers).not.toHaveBeenCalled();
      expect(queries).not.toHaveBeenCalled();
      document.getElementById('u')?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      await loaded();
      expect(observers).toHaveBeenCalled();
      expect(loads()).toBe(1);
    } finally {
      observers.mockRestore();
      queries.mockRestore();
    }
  });

  it('loads detection on a sign-in page only once someone acts there', async () => {
    signInForm();
    const { sent, loads, loaded } = start();
    await settle();
    expect(loads()).toBe(0);
    // A page's own script press wakes detection but asks for no menu; a person's press does.
    document.getElementById('u')?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await loaded();
    expect(loads()).toBe(1);
    expect(sent).toEqual([]);
  });

  it('answers the person press that woke detection with the inline menu request', async () => {
    signInForm();
    const { sent, loads, loaded } = start();
    document.getElementById('u')?.dispatchEvent(trusted(new MouseEvent('mousedown', { bubbles: true })));
    await loaded();
    expect(loads()).toBe(1);
    expect(sent).toEqual([{ type: 'autofill.menu.open' }]);
  });

  it('reports nothing on a page without a login form', async () => {
    document.body.innerHTML = '<form id="f"><input name="q" type="search"></form>';
    const { sent, loads } = start();
    await settle();
    document.getElementById('f')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(sent).toEqual([]);
    // Nothing login-like: detection and the submit watch were never even loaded.
    expect(loads()).toBe(0);
  });

  it('opens the prompt frame on its background’s command only, and closes it again', async () => {
    const { listener } = start();
    const replies: unknown[] = [];
    const reply = (r: unknown) => replies.push(r);
    const open = { type: 'tessera.prompt', token: 'tok', title: 'Tessera: save login' };
    listener(open, { id: 'other-extension' }, reply);
    listener(open, { id: 'ext', tab: { id: 1 } }, reply); // a content script, not the background
    await settle();
    expect(document.querySelector('tessera-frame')).toBeNull();
    listener(open, { id: 'ext' }, reply);
    await vi.waitFor(() => expect(document.querySelectorAll('tessera-frame')).toHaveLength(1));
    // A second command replaces it; a command without a token closes it.
    listener(open, { id: 'ext' }, reply);
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    expect(document.querySelectorAll('tessera-frame')).toHaveLength(1);
    listener({ type: 'tessera.prompt', token: null }, { id: 'ext' }, reply);
    await vi.waitFor(() => expect(replies).toHaveLength(3));
    expect(document.querySelector('tessera-frame')).toBeNull();
    expect(replies).toEqual([true, true, true]);
  });
});
