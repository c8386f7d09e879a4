// @vitest-environment happy-dom
// The passkey provider's two document_start scripts run in every frame of every page, so their
// start does only what wrapping and listening need (issue 18, passkey_scripts_overhead_ms): what
// each reads at start is recorded through a Proxy of the window, then a call is made and relayed
// end to end between the two, over the same DOM events as in the browser.

import { describe, expect, it } from 'vitest';
import { installPasskeyWrapper } from '../../../src/passkeys/flow/page-world';
import { type RelayRuntime, runPasskeyRelay } from '../../../src/passkeys/flow/relay';
import { recorded } from '../start-reads';

type Win = Window & typeof globalThis;

/** A stand-in for the browser's CredentialsContainer, whose own methods answer 'native'. */
function credentialsContainer() {
  return class CredentialsContainer {
    create(_options?: unknown) {
      return Promise.resolve('native create');
    }
    get(_options?: unknown) {
      return Promise.resolve('native get');
    }
  };
}

describe('the relay at document_start', () => {
  it('adds one capture listener on the window and reads neither document nor the runtime until a request', async () => {
    const { view, reads } = recorded(window as Win);
    const sent: unknown[] = [];
    let runtimeReads = 0;
    // This test's relay stays on the shared window: it answers only this test's request.
    let active = true;
    const runtime: RelayRuntime = {
      sendMessage(message, reply) {
        if (!active) return;
        sent.push(message);
        reply({ ok: true, value: { kind: 'error', name: 'NotAllowedError', message: 'test refusal' } });
      },
    };
    runPasskeyRelay(view, () => {
      runtimeReads++;
      return runtime;
    });
    expect(reads).toEqual(['addEventListener']);
    expect(runtimeReads).toBe(0);

    const replies: string[] = [];
    document.addEventListener('tessera:passkey-reply', (event) =>
      replies.push((event as CustomEvent).detail as string),
    );
    // An event at another target, or one that is not JSON of a request, is not a request.
    window.dispatchEvent(new CustomEvent('tessera:passkey-request', { detail: '{}' }));
    document.dispatchEvent(new CustomEvent('tessera:passkey-request', { detail: 'not json' }));
    expect(runtimeReads).toBe(0);

    const id = 'ab'.repeat(16);
    const options = { challenge: 'AAAA', allowCredentials: [] };
    document.dispatchEvent(
      new CustomEvent('tessera:passkey-request', { detail: JSON.stringify({ id, kind: 'get', options }) }),
    );
    expect(runtimeReads).toBe(1);
    expect(sent).toEqual([
      { type: 'passkey.get', requestId: id, options, frame: expect.objectContaining({ sandboxed: false }) },
    ]);
    expect(replies.map((detail) => JSON.parse(detail))).toEqual([
      { id, reply: { kind: 'error', name: 'NotAllowedError', message: 'test refusal' } },
    ]);
    active = false;
  });
});

describe('the page-world wrapper at document_start', () => {
  it('wraps create and get without reading document or building crypto, CustomEvent, DOMException or PublicKeyCredential; the first call reads them and reaches the relay', async () => {
    const Container = credentialsContainer();
    const { view, reads } = recorded(window as Win, {
      CredentialsContainer: Container,
      PublicKeyCredential: function PublicKeyCredential() {},
    });
    const nativeGet = Container.prototype.get;
    installPasskeyWrapper(view);
    expect(Container.prototype.get).not.toBe(nativeGet);
    expect(Container.prototype.get.name).toBe('get');
    for (const costly of ['document', 'crypto', 'CustomEvent', 'DOMException', 'PublicKeyCredential']) {
      expect(reads).not.toContain(costly);
    }
    expect(reads).toContain('in PublicKeyCredential');

    // Calls that are not Tessera's go to the browser untouched, still reading nothing costly.
    const credentials = new Container();
    await expect(credentials.get({} as CredentialRequestOptions)).resolves.toBe('native get');
    expect(reads).not.toContain('crypto');

    // A publicKey call: the relay (the real one, on the same document) asks the runtime, whose
    // "native" answer sends the call back to the browser's own function.
    const sent: { type: string; requestId: string }[] = [];
    runPasskeyRelay(window, () => ({
      sendMessage(message, reply) {
        sent.push(message as (typeof sent)[number]);
        reply({ ok: true, value: { kind: 'native' } });
      },
    }));
    const challenge = new Uint8Array([1, 2, 3]);
    await expect(credentials.get({ publicKey: { challenge } })).resolves.toBe('native get');
    expect(reads).toEqual(expect.arrayContaining(['document', 'crypto', 'CustomEvent']));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: 'passkey.get',
      requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('leaves a page without WebAuthn (plain http) unwrapped', () => {
    const Container = credentialsContainer();
    const nativeGet = Container.prototype.get;
    const { view } = recorded(window as Win, { CredentialsContainer: Container });
    installPasskeyWrapper(view);
    expect(Container.prototype.get).toBe(nativeGet);
  });
});
