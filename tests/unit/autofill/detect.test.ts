// @vitest-environment happy-dom
// Form detection behaviours, one at a time (src/autofill/detect.ts and its helpers). Whole pages
// are in fixture-pages.test.ts; real-world scores in corpus-score.test.ts.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectFormOf, detectLoginForms } from '@/src/autofill/detect';
import type { DetectedForm } from '@/src/autofill/types';
import { isVisibleByMarkup } from '@/src/autofill/visibility';

const options = { isVisible: isVisibleByMarkup };

function detect(html: string): DetectedForm[] {
  document.body.innerHTML = html;
  return detectLoginForms(document, options);
}

/** kind: name=role name=role ... per form, for compact assertions. */
function summary(forms: DetectedForm[]): string[] {
  return forms.map(
    (form) =>
      `${form.kind}: ${form.fields.map((f) => `${f.input.getAttribute('name') ?? f.input.id}=${f.role}`).join(' ')}`,
  );
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('visibility predicate', () => {
  it('asks the injected predicate and drops what it rejects', () => {
    const isVisible = vi.fn((input: HTMLInputElement) => input.name !== 'user');
    document.body.innerHTML = '<form><input name="user"><input name="pass" type="password"></form>';
    const forms = detectLoginForms(document, { isVisible });
    expect(summary(forms)).toEqual(['login: pass=current-password']);
    expect(isVisible).toHaveBeenCalledTimes(2);
  });

  it('does not ask about inputs that can never be credentials', () => {
    const isVisible = vi.fn(() => true);
    document.body.innerHTML =
      '<form><input type="checkbox"><input type="submit"><input type="hidden"><input type="file"><input type="range"></form>';
    expect(detectLoginForms(document, { isVisible })).toEqual([]);
    expect(isVisible).not.toHaveBeenCalled();
  });

  it('uses real layout by default (happy-dom has none, so nothing is visible)', () => {
    document.body.innerHTML = '<form><input name="user"><input name="pass" type="password"></form>';
    expect(detectLoginForms(document)).toEqual([]);
  });
});

describe('grouping', () => {
  it('follows the form attribute to the owning form', () => {
    const forms = detect(
      '<form id="f"></form><input name="user" form="f"><input name="pass" type="password" form="f">' +
        '<input name="other" type="password">',
    );
    expect(summary(forms)).toEqual([
      'login: user=username pass=current-password',
      'login: other=current-password',
    ]);
  });

  it('keeps loose inputs in different landmark sections apart', () => {
    const forms = detect(
      '<main><div><span>Email</span><input type="email" name="login"></div>' +
        '<div><input type="password" name="pw"></div><button>Sign in</button></main>' +
        '<footer><input type="email" name="news" placeholder="Email"><button>Subscribe</button></footer>',
    );
    expect(summary(forms)).toEqual(['login: login=username pw=current-password']);
  });

  it('treats a <form> around a shadow host as the form of the inputs inside', () => {
    document.body.innerHTML =
      '<form id="f"><div id="a"></div><div id="b"></div><button>Log in</button></form>';
    const user = document.getElementById('a')!.attachShadow({ mode: 'open' });
    user.innerHTML = '<input name="u" aria-label="Username">';
    const pass = document.getElementById('b')!.attachShadow({ mode: 'open' });
    pass.innerHTML = '<input name="p" type="password">';
    expect(summary(detectLoginForms(document, options))).toEqual(['login: u=username p=current-password']);
  });

  it('can be pointed at a single shadow root', () => {
    document.body.innerHTML = '<div id="host"></div><form><input name="outside" type="password"></form>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input name="user"><input name="pass" type="password">';
    expect(summary(detectLoginForms(shadow, options))).toEqual([
      'login: user=username pass=current-password',
    ]);
  });

  it('returns forms and fields in document order', () => {
    const forms = detect(
      '<form><input name="a" type="password"><input name="b" autocomplete="username"></form>' +
        '<form><input name="c"><input name="d" type="password"></form>',
    );
    expect(summary(forms)).toEqual([
      'login: a=current-password b=username',
      'login: c=username d=current-password',
    ]);
  });
});

describe('roles', () => {
  it('prefers autocomplete tokens over words and position', () => {
    const forms = detect(
      '<form><input name="new_password" type="password" autocomplete="current-password">' +
        '<input name="old_password" type="password" autocomplete="new-password"></form>',
    );
    expect(summary(forms)).toEqual([
      'change-password: new_password=current-password old_password=new-password',
    ]);
  });

  it('reads section-, shipping/billing and webauthn around the token', () => {
    const forms = detect(
      '<form><input name="id" autocomplete="section-login username webauthn"><input name="x" type="password"></form>',
    );
    expect(summary(forms)).toEqual(['login: id=username x=current-password']);
  });

  it('takes the username from before the password, nearest first', () => {
    const forms = detect(
      '<form><input name="a"><input name="b"><input name="c"><input name="p" type="password"><button>Log in</button></form>',
    );
    expect(summary(forms)).toEqual(['login: c=username p=current-password']);
  });

  it('takes the first of two e-mail fields (the second confirms it)', () => {
    const forms = detect(
      '<form><input name="a" type="email"><input name="b" type="email"><input name="p" type="password"></form>',
    );
    expect(summary(forms)[0]).toContain('a=username');
  });

  it('takes a username after the password only when it says so', () => {
    expect(summary(detect('<form><input name="p" type="password"><input name="x"></form>'))).toEqual([
      'login: p=current-password',
    ]);
    expect(
      summary(detect('<form><input name="p" type="password"><input name="email" type="email"></form>')),
    ).toEqual(['login: p=current-password email=username']);
  });

  it('prefers a field labelled username over e-mail in a sign-up form', () => {
    const forms = detect(
      '<form><label>Email <input name="user[email]"></label><label>Username <input name="user[login]"></label>' +
        '<input name="user[password]" type="password"><button>Sign up</button></form>',
    );
    expect(summary(forms)).toEqual(['signup: user[login]=username user[password]=new-password']);
  });

  it('does not take names, addresses or codes as the username', () => {
    const forms = detect(
      '<form><label>First name <input name="fn"></label><label>Postal code <input name="zip"></label>' +
        '<input name="p" type="password"></form>',
    );
    expect(summary(forms)).toEqual(['login: p=current-password']);
  });

  it('treats "New email" as the value being changed, not the account', () => {
    const forms = detect(
      '<form><label>New email <input type="email" name="email"></label>' +
        '<label>Password <input type="password" name="pw"></label><button>Update email</button></form>',
    );
    expect(summary(forms)).toEqual(['login: pw=current-password']);
  });

  it('ignores more than five password fields (a settings page, not a form to fill)', () => {
    expect(detect(`<form>${'<input type="password">'.repeat(6)}</form>`)).toEqual([]);
  });
});

describe('kinds', () => {
  it.each([
    [
      'two unlabelled passwords: new and confirmation',
      '<input type="password" name="a"><input type="password" name="b">',
      'signup: a=new-password b=new-password',
    ],
    [
      'three unlabelled passwords: current, new, confirmation',
      '<input type="password" name="a"><input type="password" name="b"><input type="password" name="c">',
      'change-password: a=current-password b=new-password c=new-password',
    ],
    [
      '"Password" then "New password": a change',
      '<label>Password <input type="password" name="a"></label><label>New password <input type="password" name="b"></label>',
      'change-password: a=current-password b=new-password',
    ],
    [
      '"New password" and "Confirm new password" under "Change password"',
      '<h2>Change password</h2><label>New password <input type="password" name="a"></label><label>Confirm new password <input type="password" name="b"></label><button>Save</button>',
      'change-password: a=new-password b=new-password',
    ],
    [
      'one password with a sign-up button',
      '<input name="email" type="email"><input type="password" name="p"><button>Create account</button>',
      'signup: email=username p=new-password',
    ],
    [
      'one password with "remember me"',
      '<input name="email" type="email"><input type="password" name="p"><label><input type="checkbox"> Remember me</label><button>Continue</button>',
      'login: email=username p=current-password',
    ],
    [
      'a lone password saying "confirm" is a re-authentication',
      '<label>Confirm your password <input type="password" name="p"></label>',
      'login: p=current-password',
    ],
  ])('%s', (_name, fields, expected) => {
    expect(summary(detect(`<form>${fields}</form>`))).toEqual([expected]);
  });

  it.each([
    [
      'Spanish sign-in',
      '<h2>Iniciar sesión</h2><label>Usuario <input name="u"></label><label>Contraseña <input type="password" name="c"></label><button>Entrar</button>',
      'login: u=username c=current-password',
    ],
    [
      'Russian sign-up',
      '<h2>Регистрация</h2><label>Логин <input name="l"></label><label>Пароль <input type="password" name="p1"></label><label>Повторите пароль <input type="password" name="p2"></label><button>Зарегистрироваться</button>',
      'signup: l=username p1=new-password p2=new-password',
    ],
    [
      'Japanese sign-in',
      '<label>メールアドレス <input name="m"></label><label>パスワード <input type="password" name="p"></label><button>ログイン</button>',
      'login: m=username p=current-password',
    ],
    [
      'German change',
      '<label>Aktuelles Passwort <input type="password" name="a"></label><label>Neues Passwort <input type="password" name="b"></label><button>Passwort ändern</button>',
      'change-password: a=current-password b=new-password',
    ],
    [
      'French sign-up',
      '<label>Adresse e-mail <input name="e"></label><label>Mot de passe <input type="password" name="p"></label><button>Créer un compte</button>',
      'signup: e=username p=new-password',
    ],
  ])('%s', (_name, fields, expected) => {
    expect(summary(detect(`<form>${fields}</form>`))).toEqual([expected]);
  });
});

describe('identifier-first pages', () => {
  it('recognises a lone field with autocomplete="username"', () => {
    expect(summary(detect('<form><input name="id" autocomplete="username"></form>'))).toEqual([
      'identifier: id=username',
    ]);
  });

  it('recognises a lone e-mail field in a sign-in context', () => {
    expect(
      summary(detect('<form action="/signin"><input type="email" name="e"><button>Next</button></form>')),
    ).toEqual(['identifier: e=username']);
  });

  it.each([
    ['no sign-in context', '<form><input type="email" name="e"><button>Go</button></form>'],
    [
      'two text fields',
      '<form action="/login"><input name="a" autocomplete="username"><input name="b"></form>',
    ],
    [
      'a password reset',
      '<form action="/login/forgot"><h2>Forgot your password?</h2><input type="email" name="e"><button>Reset password</button></form>',
    ],
    [
      'a newsletter next to a login link',
      '<form><a href="/login">Log in</a><input type="email" name="e"><button>Subscribe</button></form>',
    ],
    ['a search by username', '<form><input autocomplete="username" placeholder="Search by username"></form>'],
    ['a readonly field', '<form action="/login"><input type="email" name="e" readonly></form>'],
  ])('ignores %s', (_name, html) => {
    expect(detect(html)).toEqual([]);
  });
});

describe('fields that are never credentials', () => {
  it.each([
    [
      'a one-time code (its own role, never the username)',
      '<input name="otp" autocomplete="one-time-code"><input type="password" name="p">',
      'login: otp=one-time-code p=current-password',
    ],
    [
      'a number field that says nothing (a quantity, not an account)',
      '<input type="number" name="n"><input type="password" name="p">',
      'login: p=current-password',
    ],
    [
      'a PIN in a password field',
      '<input name="u"><label>PIN <input type="password" name="pin"></label>',
      null,
    ],
    [
      'a card security code',
      '<label>Card number <input name="cc"></label><label>CVV <input type="password" name="cvv"></label>',
      null,
    ],
    [
      'a search box before the password',
      '<input type="search" name="q"><input type="password" name="p">',
      'login: p=current-password',
    ],
    [
      'a honeypot labelled for people',
      '<label>Leave this empty <input name="url2"></label><input type="password" name="p">',
      'login: p=current-password',
    ],
    [
      'a revealed password in a text field',
      '<input name="user"><input type="text" name="password"><input type="password" name="p">',
      'login: user=username p=current-password',
    ],
    [
      'a disabled username',
      '<input name="user" disabled><input type="password" name="p">',
      'login: p=current-password',
    ],
  ])('%s', (_name, fields, expected) => {
    expect(summary(detect(`<form>${fields}</form>`))).toEqual(expected ? [expected] : []);
  });
});

describe('detectFormOf', () => {
  it('finds the form of a focused field, and only looks at that form', () => {
    document.body.innerHTML =
      '<form id="a"><input name="u1"><input name="p1" type="password"></form>' +
      '<form id="b"><input name="u2"><input name="p2" type="password"></form>';
    const asked: string[] = [];
    const isVisible = (input: HTMLInputElement) => {
      asked.push(input.name);
      return true;
    };
    const form = detectFormOf(document.querySelector<HTMLInputElement>('[name="p2"]')!, { isVisible });
    expect(summary(form ? [form] : [])).toEqual(['login: u2=username p2=current-password']);
    expect(asked).toEqual(['u2', 'p2']);
  });

  it('finds a loose field through its section, and a field associated by the form attribute', () => {
    document.body.innerHTML =
      '<main><input name="user"><input name="pass" type="password"><button>Log in</button></main>' +
      '<form id="f"></form><aside><input name="x" form="f"><input name="y" type="password" form="f"></aside>';
    const loose = detectFormOf(document.querySelector<HTMLInputElement>('[name="pass"]')!, options);
    expect(summary(loose ? [loose] : [])).toEqual(['login: user=username pass=current-password']);
    const associated = detectFormOf(document.querySelector<HTMLInputElement>('[name="x"]')!, options);
    expect(summary(associated ? [associated] : [])).toEqual(['login: x=username y=current-password']);
  });

  it('returns null for a field that is not part of a login form', () => {
    document.body.innerHTML = '<form><input type="search" name="q"><input name="p" type="password"></form>';
    expect(detectFormOf(document.querySelector<HTMLInputElement>('[name="q"]')!, options)).toBeNull();
  });
});

describe('one-time codes', () => {
  it('a lone code field on a sign-in page is a code, not an identifier', () => {
    expect(
      summary(detect('<form name="login"><input placeholder="Enter your 6-digit code"></form>')),
    ).toEqual(['one-time-code: =one-time-code']);
  });

  it('never gives a password field that names a secret the code role', () => {
    expect(
      summary(
        detect(
          '<form><h2>Two-step verification</h2><input name="u" autocomplete="username">' +
            '<label>Password <input type="password" name="p" inputmode="numeric" maxlength="6"></label></form>',
        ),
      ),
    ).toEqual(['login: u=username p=current-password']);
  });

  it('a bare numeric field becomes a code only where the page talks about a second step', () => {
    const field = '<input name="input-3" inputmode="numeric" maxlength="6"><button>Continue</button>';
    expect(summary(detect(`<form>${field}</form>`))).toEqual([]);
    expect(summary(detect(`<form><h1>Two-factor authentication</h1>${field}</form>`))).toEqual([
      'one-time-code: input-3=one-time-code',
    ]);
  });

  it('a row of boxes needs four to eight of them', () => {
    const boxes = (n: number) =>
      Array.from({ length: n }, (_, i) => `<input name="b${i}" maxlength="1" inputmode="numeric">`).join('');
    const page = (n: number) => `<form><h2>Enter the verification code</h2>${boxes(n)}</form>`;
    expect(detect(page(3))).toEqual([]);
    expect(detect(page(4))[0]?.fields).toHaveLength(4);
    expect(detect(page(8))[0]?.fields).toHaveLength(8);
    expect(detect(page(9))).toEqual([]);
  });
});

describe('a password revealed by a show-password button', () => {
  it('is still the password after the page switches it to type=text', () => {
    document.body.innerHTML =
      '<form><input name="user"><input type="password" name="secret"><button type="button">Show</button>' +
      '<button>Sign in</button></form>';
    expect(summary(detectLoginForms(document, options))).toEqual([
      'login: user=username secret=current-password',
    ]);
    document.querySelector('[name="secret"]')!.setAttribute('type', 'text');
    expect(summary(detectLoginForms(document, options))).toEqual([
      'login: user=username secret=current-password',
    ]);
  });

  it('a text field that was never a password and has no toggle stays unfilled', () => {
    expect(summary(detect('<form><input name="user"><input type="text" name="password"></form>'))).toEqual(
      [],
    );
  });
});
