// @vitest-environment happy-dom
// Noticing a submitted login (src/autofill/content/submit.ts): what is reported, and when. happy-dom
// has no layout, so visibility is read from markup; e2e covers real pages.

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  GESTURE_MS,
  type SubmittedValues,
  submittedValues,
  watchSubmits,
} from '@/src/autofill/content/submit';
import { detectLoginForms } from '@/src/autofill/detect';
import { isVisibleByMarkup } from '@/src/autofill/visibility';

afterEach(() => {
  document.body.innerHTML = '';
});

function forms() {
  return detectLoginForms(document, { isVisible: isVisibleByMarkup });
}

function input(id: string, value: string) {
  (document.getElementById(id) as HTMLInputElement).value = value;
}

/** happy-dom events are untrusted; the watcher requires trusted clicks and keys, as browsers report them. */
function trusted<T extends Event>(event: T): T {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** A click on the element with `id`: a person's (trusted) unless told otherwise. */
function click(id: string, isTrusted = true) {
  const event = new MouseEvent('click', { bubbles: true });
  document.getElementById(id)?.dispatchEvent(isTrusted ? trusted(event) : event);
}

/** The browser's submit event (trusted, as requestSubmit() and a submit button's click fire it). */
function submit(form: HTMLFormElement, isTrusted = true) {
  const event = new Event('submit', { bubbles: true, cancelable: true });
  form.dispatchEvent(isTrusted ? trusted(event) : event);
}

const LOGIN =
  '<form id="f"><input id="u" name="username" autocomplete="username"><input id="p" name="password" type="password" autocomplete="current-password"><button id="b">Sign in</button></form>';

describe('submittedValues', () => {
  it('reads a sign-in, a sign-up and a change-password form', () => {
    document.body.innerHTML = LOGIN;
    input('u', 'alice');
    input('p', 'pw');
    expect(forms().map(submittedValues)).toEqual([{ username: 'alice', password: 'pw' }]);

    document.body.innerHTML =
      '<form><input id="u" name="email" autocomplete="username"><input id="n" type="password" autocomplete="new-password"><input id="c" type="password" autocomplete="new-password"><button>Create account</button></form>';
    input('u', 'bob');
    input('n', 'pw-new');
    input('c', 'pw-new');
    expect(forms().map(submittedValues)).toEqual([{ username: 'bob', password: '', newPassword: 'pw-new' }]);
    // A confirmation that differs: nothing to save.
    input('c', 'pw-typo');
    expect(forms().map(submittedValues)).toEqual([null]);
  });

  it('reports nothing without a password; a username-only page reports its username alone', () => {
    document.body.innerHTML = LOGIN;
    input('u', 'alice');
    expect(forms().map(submittedValues)).toEqual([null]);
    document.body.innerHTML =
      '<form><input id="u" name="username" autocomplete="username"><button>Next</button></form>';
    const found = forms();
    expect(found.map((form) => form.kind)).toEqual(['identifier']);
    expect(found.map(submittedValues)).toEqual([null]);
    input('u', 'alice');
    expect(found.map(submittedValues)).toEqual([{ username: 'alice', password: '' }]);
  });
});

describe('watchSubmits', () => {
  function watch() {
    const reports: SubmittedValues[] = [];
    watchSubmits(document, forms, (values) => reports.push(values));
    return reports;
  }

  /** The page's login form, kept from navigating away when it is submitted. */
  function loginForm(): HTMLFormElement {
    const form = document.getElementById('f') as HTMLFormElement;
    form.addEventListener('submit', (event) => event.preventDefault());
    return form;
  }

  it('reports a form submit once, with the values at that moment', () => {
    document.body.innerHTML = LOGIN;
    const reports = watch();
    input('u', 'alice');
    input('p', 'pw');
    const form = loginForm();
    // A person's click on the submit button, then the browser's (trusted) submit event.
    click('b');
    submit(form);
    // Enter in the password field too (it also submits): still one report for the same values.
    document
      .getElementById('p')
      ?.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(reports).toEqual([{ username: 'alice', password: 'pw' }]);
    input('p', 'pw2');
    click('b');
    submit(form);
    expect(reports).toEqual([
      { username: 'alice', password: 'pw' },
      { username: 'alice', password: 'pw2' },
    ]);
  });

  it('reports a formless sign-in on a click of a labelled button near the fields', () => {
    document.body.innerHTML =
      '<div id="box"><input id="u" name="username" autocomplete="username"><input id="p" type="password" autocomplete="current-password"><button id="eye" aria-label="Show"></button><button id="go" type="button">Sign in</button></div><button id="far">Elsewhere</button>';
    // The far button is outside the fields' neighbourhood only when enough levels separate them.
    const deep = document.getElementById('box') as HTMLElement;
    document.body.innerHTML = `<section><div><div><div><div><div>${deep.outerHTML}</div></div></div></div></div></section><button id="far">Elsewhere</button>`;
    const reports = watch();
    input('u', 'alice');
    input('p', 'pw');
    click('eye'); // icon-only: a "show password" toggle, not a submit
    click('far'); // not near the fields
    click('go', false); // a script's click
    expect(reports).toEqual([]);
    click('go');
    expect(reports).toEqual([{ username: 'alice', password: 'pw' }]);
  });

  it('in a form a script posts, counts a plain button only when its label names the form action', () => {
    document.body.innerHTML =
      '<form id="f"><input id="u" name="username" autocomplete="username"><input id="p" type="password" autocomplete="current-password"><button id="show" type="button">Show</button><button id="forgot" type="button">Forgot password?</button><button id="reset" type="reset">Sign in again</button><button id="go" type="button">Sign in</button></form>';
    const reports = watch();
    click('reset'); // not a plain button (and it empties the form: typed after it)
    input('u', 'alice');
    input('p', 'pw');
    click('show'); // a plain button that does something else
    click('forgot');
    click('go', false); // a script's click
    expect(reports).toEqual([]);
    click('go');
    expect(reports).toEqual([{ username: 'alice', password: 'pw' }]);
  });

  it('in a sign-up form, a plain "Create account" button counts and a plain "Sign in" one does not', () => {
    document.body.innerHTML =
      '<form><input id="u" name="email" autocomplete="username"><input id="n" type="password" autocomplete="new-password"><button id="other" type="button">Sign in instead</button><button id="go" type="button">Create account</button></form>';
    const reports = watch();
    input('u', 'bob');
    input('n', 'pw-new');
    click('other');
    click('go');
    expect(reports).toEqual([{ username: 'bob', password: '', newPassword: 'pw-new' }]);
  });

  it('ignores submissions no person made: requestSubmit() from script, dispatched events, a gesture elsewhere or long ago', () => {
    document.body.innerHTML = `${LOGIN}<button id="elsewhere" type="button">Menu</button>`;
    const reports = watch();
    input('u', 'alice');
    input('p', 'guess');
    const form = loginForm();
    // requestSubmit() from a page script: the browser's submit event is trusted, but no person acted.
    for (let i = 0; i < 20; i++) submit(form);
    // A dispatched submit event, and a script's click on the button.
    submit(form, false);
    click('b', false);
    submit(form);
    // A person's click outside the form does not make the page's requestSubmit() theirs.
    click('elsewhere');
    submit(form);
    expect(reports).toEqual([]);
    // Nor does a person's click in the form a while ago.
    click('b');
    // Read after the click, so a slow machine cannot put the click later than this "now".
    const now = Date.now();
    const later = vi.spyOn(Date, 'now').mockReturnValue(now + GESTURE_MS + 1);
    submit(form);
    later.mockRestore();
    expect(reports).toEqual([]);
    // The positive control: the person's click, then the submit it causes.
    click('b');
    submit(form);
    expect(reports).toEqual([{ username: 'alice', password: 'guess' }]);
  });

  it('ignores a submit event when the browser says no person acted (navigator.userActivation)', () => {
    document.body.innerHTML = LOGIN;
    const activation = { isActive: false };
    Object.defineProperty(navigator, 'userActivation', { value: activation, configurable: true });
    try {
      const reports = watch();
      input('u', 'alice');
      input('p', 'pw');
      const form = loginForm();
      click('b');
      submit(form);
      expect(reports).toEqual([]);
      activation.isActive = true;
      click('b');
      submit(form);
      expect(reports).toEqual([{ username: 'alice', password: 'pw' }]);
    } finally {
      Reflect.deleteProperty(navigator, 'userActivation');
    }
  });

  it('ignores untrusted keys and keys other than Enter', () => {
    document.body.innerHTML = LOGIN;
    const reports = watch();
    input('u', 'alice');
    input('p', 'pw');
    const field = document.getElementById('p') as HTMLInputElement;
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    field.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'a', bubbles: true })));
    expect(reports).toEqual([]);
  });
});
