// @vitest-environment happy-dom
// The content script's cheap first look (src/autofill/precheck.ts).

import { afterEach, describe, expect, it } from 'vitest';
import { hasLoginLikeField } from '@/src/autofill/precheck';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('hasLoginLikeField', () => {
  it.each([
    ['a password field', '<input type="password">'],
    ['an e-mail field', '<input type="email">'],
    ['autocomplete="username"', '<input autocomplete="section-a username">'],
    ['a field named like a user', '<input name="loginfmt">'],
    ['a field with an account-like id', '<input id="identifierId">'],
    ['a sign-in form', '<form action="/signin"><input></form>'],
    ['a one-time-code field', '<input autocomplete="one-time-code">'],
    ['a field named like a code', '<input name="verificationCode">'],
    ['a row of one-digit boxes', '<input maxlength="1"><input maxlength="1">'],
    ['a numeric code field', '<input inputmode="numeric">'],
  ])('says yes for %s', (_name, html) => {
    document.body.innerHTML = html;
    expect(hasLoginLikeField(document)).toBe(true);
  });

  it.each([
    ['an empty page', ''],
    ['an article', '<article><h1>News</h1><p>Text</p><a href="/x">more</a></article>'],
    ['a search form', '<form action="/search"><input type="search" name="q"><button>Go</button></form>'],
    ['a quantity field', '<form action="/cart"><input type="number" name="qty"></form>'],
    [
      'a hidden CSRF token named like an account',
      '<form action="/c"><input type="hidden" name="authenticity_user"></form>',
    ],
  ])('says no for %s', (_name, html) => {
    document.body.innerHTML = html;
    expect(hasLoginLikeField(document)).toBe(false);
  });

  it('looks inside open shadow roots, nested too', () => {
    document.body.innerHTML = '<div id="outer"></div>';
    const outer = document.getElementById('outer')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<div id="inner"></div>';
    expect(hasLoginLikeField(document)).toBe(false);
    const inner = (outer.getElementById('inner') as HTMLElement).attachShadow({ mode: 'open' });
    inner.innerHTML = '<input type="password">';
    expect(hasLoginLikeField(document)).toBe(true);
  });

  it('checks an element subtree, including the element itself', () => {
    document.body.innerHTML = '<div id="a"><p>x</p></div><input id="b" type="password">';
    expect(hasLoginLikeField(document.getElementById('a')!)).toBe(false);
    expect(hasLoginLikeField(document.getElementById('b')!)).toBe(true);
  });
});
