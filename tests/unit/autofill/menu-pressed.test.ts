// @vitest-environment happy-dom
// The inline menu's answer to a press that found a shadow root's sign-in form (src/autofill/watch.ts
// hands it on): the click that follows may come before the field listened for it, so the press
// asks for the menu as that click would have, and only on a field the menu watches.

import { describe, expect, it, vi } from 'vitest';
import { createInlineMenu, type MenuRuntime } from '@/src/autofill/content/menu';

function setUp() {
  document.body.innerHTML = '<x-card></x-card>';
  const root = document.querySelector('x-card')!.attachShadow({ mode: 'open' });
  root.innerHTML = '<form><input name="user"><input name="pass" type="password"><input name="other"></form>';
  const [user, pass, other] = Array.from(root.querySelectorAll('input'));
  const sendMessage = vi.fn<MenuRuntime['sendMessage']>();
  const runtime: MenuRuntime = { getURL: (path) => `chrome-extension://id${path}`, sendMessage };
  const menu = createInlineMenu(document, runtime, () => 'Tessera');
  menu.watch([
    {
      kind: 'login',
      fields: [
        { input: user!, role: 'username' },
        { input: pass!, role: 'current-password' },
      ],
    },
  ]);
  return { menu, sendMessage, user: user!, other: other! };
}

describe('inline menu: a press that found the form', () => {
  it('asks the background for the menu on a watched field, once while the answer is pending', () => {
    const { menu, sendMessage, user } = setUp();
    menu.pressed(user);
    menu.pressed(user);
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(sendMessage.mock.calls[0]![0]).toEqual({ type: 'autofill.menu.open' });
  });

  it('ignores a press on a field it does not watch', () => {
    const { menu, sendMessage, other } = setUp();
    menu.pressed(other);
    menu.pressed(document.body);
    expect(sendMessage).not.toHaveBeenCalled();
  });
});
