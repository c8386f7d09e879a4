/**
 * The page-world half of Tessera's passkey provider: runs in the page's own JavaScript world at
 * document_start (entrypoints/passkey-page.ts), before any script of the page, and wraps
 * navigator.credentials.create/get so that publicKey calls are offered to Tessera first.
 *
 * What it does with a call: the options go to the isolated relay as WebAuthn JSON (relay.ts, then
 * the background); the answer is either a credential, built here into an object that passes the
 * checks sites and @simplewebauthn/browser make (instanceof PublicKeyCredential, the response's
 * getters), an error, or "native": then the captured browser function runs with the page's
 * original arguments, as if Tessera were not there.
 *
 * Safety facts: nothing here decides anything. A page can replace these wrappers or forge their
 * events; it gains nothing it could not get by calling the API, because the origin, the RP ID
 * check and the person's click all happen outside the page (service.ts). The primitives that cost
 * nothing to read (JSON, EventTarget's methods) are captured now, before page script runs, so a
 * page that later patches JSON or dispatchEvent cannot change what its own calls send. The
 * document is read at each call: window.document is [LegacyUnforgeable] (HTML), a page cannot
 * redefine it, and its first read in a world builds its wrapper (see Cost).
 * The wrappers are Proxies of the native functions, so they keep the native name, length and
 * toString.
 *
 * Cost: this runs in every frame of every page, so start-up does only what wrapping needs. Reading
 * an interface the page has not used yet (CustomEvent, DOMException, crypto, PublicKeyCredential)
 * makes the browser build it in this world, ~0.05-0.1 ms each (bench: passkey_scripts_overhead_ms);
 * those are read at the page's first publicKey call instead (`late` below). A page that patches
 * one of them before that call changes only what its own call sees, as it could by wrapping
 * navigator.credentials itself.
 */

import {
  type CeremonyKind,
  type CeremonyReply,
  type CredentialJSON,
  PASSKEY_REPLY_EVENT,
  PASSKEY_REQUEST_EVENT,
  type PageRequest,
} from './wire';

type Win = Window & typeof globalThis;

/** mediation values Tessera leaves to the browser: it never answers without its window (silent), and shows no inline list (conditional). */
const NATIVE_MEDIATION = new Set(['silent', 'conditional', 'immediate']);

export function installPasskeyWrapper(win: Win): void {
  const proto = win.CredentialsContainer?.prototype;
  // On plain http (not localhost) browsers expose neither: there is nothing to wrap. `in`, not a
  // read: it tells whether WebAuthn is exposed without building PublicKeyCredential (see Cost).
  if (!proto || !('PublicKeyCredential' in win)) return;
  const nativeCreate = proto.create;
  const nativeGet = proto.get;
  const api = captureApi(win);

  const wrap = (native: typeof nativeCreate, kind: CeremonyKind) =>
    new Proxy(native, {
      apply(target, self, args: unknown[]) {
        const options = args[0] as CredentialCreationOptions | CredentialRequestOptions | undefined;
        const mediation = (options as { mediation?: string } | undefined)?.mediation;
        if (!options?.publicKey || (mediation && NATIVE_MEDIATION.has(mediation))) {
          return Reflect.apply(target, self, args);
        }
        return ceremony(
          api,
          kind,
          options,
          () => Reflect.apply(target, self, args) as Promise<Credential | null>,
        );
      },
    });
  Object.defineProperty(proto, 'create', {
    ...descriptorOf(proto, 'create'),
    value: wrap(nativeCreate, 'create'),
  });
  Object.defineProperty(proto, 'get', { ...descriptorOf(proto, 'get'), value: wrap(nativeGet, 'get') });
}

function descriptorOf(proto: object, name: string): PropertyDescriptor {
  return (
    Object.getOwnPropertyDescriptor(proto, name) ?? { writable: true, configurable: true, enumerable: true }
  );
}

/**
 * The primitives used after start-up: the free ones taken now, before any page script can replace
 * them; the ones that cost an interface's creation (see Cost above) at the first call, once.
 */
function captureApi(win: Win) {
  const target = win.EventTarget.prototype;
  const dispatch = target.dispatchEvent;
  const listen = target.addEventListener;
  const unlisten = target.removeEventListener;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  let lateApi: ReturnType<typeof captureLate> | undefined;
  return {
    win,
    parse,
    /** The rest, read at the page's first publicKey call (before its request is sent), then kept. */
    late: () => {
      lateApi ??= captureLate(win);
      return lateApi;
    },
    send(request: PageRequest): void {
      const event = new win.CustomEvent(PASSKEY_REQUEST_EVENT, { detail: stringify(request) });
      dispatch.call(win.document, event);
    },
    onReply(listener: (event: Event) => void): () => void {
      const doc = win.document;
      listen.call(doc, PASSKEY_REPLY_EVENT, listener);
      return () => unlisten.call(doc, PASSKEY_REPLY_EVENT, listener);
    },
  };
}

function captureLate(win: Win) {
  const detailOf = Object.getOwnPropertyDescriptor(win.CustomEvent.prototype, 'detail')?.get;
  const getRandomValues = win.crypto.getRandomValues.bind(win.crypto);
  return {
    detail: (event: Event): unknown => (detailOf ? detailOf.call(event) : (event as CustomEvent).detail),
    randomId(): string {
      const bytes = getRandomValues(new Uint8Array(16));
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    },
    DOMException: win.DOMException,
    TypeError: win.TypeError,
  };
}

type Api = ReturnType<typeof captureApi>;

function ceremony(
  api: Api,
  kind: CeremonyKind,
  options: CredentialCreationOptions | CredentialRequestOptions,
  native: () => Promise<Credential | null>,
): Promise<Credential | null> {
  const signal = options.signal;
  if (signal?.aborted) return Promise.reject(signal.reason);
  let json: unknown;
  try {
    json =
      kind === 'create'
        ? creationOptionsJSON(options.publicKey as PublicKeyCredentialCreationOptions)
        : requestOptionsJSON(options.publicKey as PublicKeyCredentialRequestOptions);
  } catch {
    // Options the browser would reject anyway: let it, with its own error.
    return native();
  }
  const late = api.late();
  const id = late.randomId();
  return new Promise<Credential | null>((resolve, reject) => {
    const finish = () => {
      stop();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      api.send({ id, kind: 'abort' });
      reject(signal?.reason);
    };
    const stop = api.onReply((event) => {
      const detail = late.detail(event);
      if (typeof detail !== 'string') return;
      let message: { id?: unknown; reply?: CeremonyReply };
      try {
        message = api.parse(detail);
      } catch {
        return;
      }
      if (message.id !== id || !message.reply) return;
      finish();
      const reply = message.reply;
      if (reply.kind === 'native') native().then(resolve, reject);
      else if (reply.kind === 'error')
        reject(
          reply.name === 'TypeError'
            ? new late.TypeError(reply.message)
            : new late.DOMException(reply.message, reply.name),
        );
      else
        resolve(
          kind === 'create'
            ? registrationCredential(api.win, reply.credential)
            : assertionCredential(api.win, reply.credential),
        );
    });
    signal?.addEventListener('abort', onAbort);
    api.send({ id, kind, options: json });
  });
}

// ---- options -> JSON (WebAuthn L3 §5.1.8 PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON) ----

const b64 = (source: BufferSource): string => toBase64Url(bytesOf(source));

function bytesOf(source: BufferSource): Uint8Array {
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  throw new TypeError('not a BufferSource');
}

function descriptors(list: readonly PublicKeyCredentialDescriptor[] | undefined) {
  return (list ?? []).map((d) => ({
    id: b64(d.id),
    type: d.type,
    ...(d.transports ? { transports: [...d.transports] } : {}),
  }));
}

export function creationOptionsJSON(o: PublicKeyCredentialCreationOptions) {
  return {
    rp: { name: o.rp.name, ...(o.rp.id !== undefined ? { id: o.rp.id } : {}) },
    user: { id: b64(o.user.id), name: o.user.name, displayName: o.user.displayName },
    challenge: b64(o.challenge),
    pubKeyCredParams: o.pubKeyCredParams.map((p) => ({ type: p.type, alg: p.alg })),
    ...(o.timeout !== undefined ? { timeout: o.timeout } : {}),
    excludeCredentials: descriptors(o.excludeCredentials),
    ...(o.authenticatorSelection ? { authenticatorSelection: { ...o.authenticatorSelection } } : {}),
    ...(o.attestation ? { attestation: o.attestation } : {}),
  };
}

export function requestOptionsJSON(o: PublicKeyCredentialRequestOptions) {
  return {
    challenge: b64(o.challenge),
    ...(o.timeout !== undefined ? { timeout: o.timeout } : {}),
    ...(o.rpId !== undefined ? { rpId: o.rpId } : {}),
    allowCredentials: descriptors(o.allowCredentials),
    ...(o.userVerification ? { userVerification: o.userVerification } : {}),
  };
}

// ---- JSON -> the credential object the page receives ----

/** An object of `proto`'s class whose members are own, read-only data properties. */
function instance(proto: object, members: Record<string, unknown>): object {
  const target = Object.create(proto);
  for (const [name, value] of Object.entries(members)) {
    Object.defineProperty(target, name, { value, enumerable: typeof value !== 'function' });
  }
  return target;
}

function credential(win: Win, json: CredentialJSON, response: object): Credential {
  const rawId = fromBase64Url(json.rawId).buffer as ArrayBuffer;
  const extensions = json.clientExtensionResults ?? {};
  return instance(win.PublicKeyCredential.prototype, {
    id: json.id,
    rawId,
    type: 'public-key',
    response,
    authenticatorAttachment: json.authenticatorAttachment ?? null,
    getClientExtensionResults: () => ({ ...extensions }),
    toJSON: () => JSON.parse(JSON.stringify(json)),
  }) as Credential;
}

const buffer = (text: string | undefined | null): ArrayBuffer | null =>
  typeof text === 'string' ? (fromBase64Url(text).buffer as ArrayBuffer) : null;

export function registrationCredential(win: Win, json: CredentialJSON): Credential {
  const r = json.response;
  const proto = win.AuthenticatorAttestationResponse?.prototype ?? Object.prototype;
  const response = instance(proto, {
    clientDataJSON: buffer(r.clientDataJSON),
    attestationObject: buffer(r.attestationObject),
    getTransports: () => [...(r.transports ?? ['internal', 'hybrid'])],
    getAuthenticatorData: () => buffer(r.authenticatorData),
    getPublicKey: () => buffer(r.publicKey),
    getPublicKeyAlgorithm: () => r.publicKeyAlgorithm ?? -7,
  });
  return credential(win, json, response);
}

export function assertionCredential(win: Win, json: CredentialJSON): Credential {
  const r = json.response;
  const proto = win.AuthenticatorAssertionResponse?.prototype ?? Object.prototype;
  const response = instance(proto, {
    clientDataJSON: buffer(r.clientDataJSON),
    authenticatorData: buffer(r.authenticatorData),
    signature: buffer(r.signature),
    userHandle: buffer(r.userHandle),
  });
  return credential(win, json, response);
}

// base64url without padding (RFC 4648 §5). Local rather than src/crypto/encoding: this file runs in
// the page's world, and imports only what it needs so the script stays a few KB.
function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const plain = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(plain, (c) => c.charCodeAt(0));
}
