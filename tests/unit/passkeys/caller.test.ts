// Who asks for a passkey (src/passkeys/flow/caller.ts): decided from the browser's sender and the
// tab's frames, refusing what Chromium refuses (../shared/notes/webauthn-chromium.md).
import { describe, expect, it } from 'vitest';
import { type CallerFacts, decideCaller, type TabFrame } from '../../../src/passkeys/flow/caller';

const TOP = 'https://shop.example';
const RP = 'https://login.bank.example';

function frames(...chain: string[]): TabFrame[] {
  // chain[0] is the top page, each next one framed by the previous.
  return chain.map((url, index) => ({ frameId: index, parentFrameId: index - 1, url: `${url}/page` }));
}

function facts(extra: Partial<CallerFacts>): CallerFacts {
  return { origin: RP, frameId: 0, frame: { sandboxed: false }, frames: null, ...extra };
}

describe('decideCaller', () => {
  it('a top-level https page is the caller, with no top origin', () => {
    expect(decideCaller(facts({}))).toEqual({ kind: 'caller', caller: { origin: RP } });
  });

  it('a sandboxed document is refused, whether the browser or the relay reports it', () => {
    expect(decideCaller(facts({ origin: 'null' }))).toMatchObject({
      kind: 'refuse',
      name: 'NotAllowedError',
    });
    expect(decideCaller(facts({ frame: { sandboxed: true } }))).toMatchObject({
      kind: 'refuse',
      name: 'NotAllowedError',
    });
  });

  it('plain http is refused with SecurityError, except localhost', () => {
    expect(decideCaller(facts({ origin: 'http://bank.example' }))).toMatchObject({
      kind: 'refuse',
      name: 'SecurityError',
    });
    expect(decideCaller(facts({ origin: 'http://localhost:8080' }))).toEqual({
      kind: 'caller',
      caller: { origin: 'http://localhost:8080' },
    });
  });

  it('a frame of the same origin as all its ancestors is an ordinary caller', () => {
    expect(decideCaller(facts({ frameId: 2, frames: frames(RP, RP, RP) }))).toEqual({
      kind: 'caller',
      caller: { origin: RP },
    });
  });

  it('a cross-origin frame: refused without the permission policy, served with topOrigin with it, left to the browser where it cannot be read', () => {
    const framed = { frameId: 1, frames: frames(TOP, RP) };
    expect(decideCaller(facts({ ...framed, frame: { sandboxed: false, permitted: false } }))).toMatchObject({
      kind: 'refuse',
      name: 'NotAllowedError',
    });
    expect(decideCaller(facts({ ...framed, frame: { sandboxed: false, permitted: true } }))).toEqual({
      kind: 'caller',
      caller: { origin: RP, topOrigin: TOP },
    });
    expect(decideCaller(facts({ ...framed, frame: { sandboxed: false } }))).toEqual({ kind: 'native' });
  });

  it('a frame whose ancestor in the middle is another site is cross-origin, even when the top is its own', () => {
    const decision = decideCaller(
      facts({ frameId: 2, frames: frames(RP, TOP, RP), frame: { sandboxed: false, permitted: true } }),
    );
    expect(decision).toEqual({ kind: 'caller', caller: { origin: RP, topOrigin: RP } });
  });

  it('a frame the browser does not list (gone, or frames unavailable) is refused', () => {
    expect(decideCaller(facts({ frameId: 7, frames: frames(TOP, RP) }))).toMatchObject({ kind: 'refuse' });
    expect(decideCaller(facts({ frameId: 1, frames: null }))).toMatchObject({ kind: 'refuse' });
  });
});
