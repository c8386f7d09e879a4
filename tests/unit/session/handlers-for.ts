// The background's real request handlers over a Session, as the router calls them, with the
// services a vault test does not exercise left empty. Shared by the session and passkey tests.
import { vi } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import type { Handlers } from '../../../src/messages/router';
import type { Session } from '../../../src/session/session';

/** The sender of a request from an extension page (the popup). */
export const PAGE = { kind: 'page', url: 'chrome-extension://id/popup.html' } as never;

export function handlersFor(session: Session) {
  return createHandlers({
    session,
    touch: vi.fn(async () => undefined),
    getSettings: vi.fn(),
    setSettings: vi.fn(),
    clearLocalState: vi.fn(),
    autofill: {} as never,
    offers: {} as never,
    neverSave: {} as never,
    health: {} as never,
    menu: {} as never,
    passkeys: {} as never,
    sync: {} as never,
  }) as Required<Handlers>;
}
