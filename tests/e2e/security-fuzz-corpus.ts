// The message fuzz corpus (tests/e2e/security-fuzz.spec.ts): for every request type in
// src/messages/protocol.ts, a valid example and systematic mutations of it (wrong types, missing and
// extra fields, prototype-pollution keys, huge strings, deep nesting), plus fast-check's random JSON
// and random edits. Messages are JSON text, parsed where they are sent, so a "__proto__" key arrives
// as an own property exactly as a hostile sender would make it.
import fc from 'fast-check';
import * as v from 'valibot';
import type { Audience } from '../../src/messages/audience';
import { REQUESTS, type RequestType } from '../../src/messages/protocol';
import { emptyItem } from '../../src/vault/item-schema';

const item = { ...emptyItem(), name: 'Fuzz', username: 'fuzz@example.com', password: 'fuzz-item-pw' };
const b64 = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const requestId = '0123456789abcdef0123456789abcdef';

/**
 * One schema-valid message per request type (type added on use). Passwords in them are wrong on
 * purpose. A request type added to protocol.ts without an example here fails the spec by name.
 */
export const EXAMPLES: Partial<Record<RequestType, Record<string, unknown>>> = {
  'vault.status': {},
  'vault.create': { password: 'not the password' },
  'vault.unlock': { password: 'not the password' },
  'vault.lock': {},
  'vault.list': {},
  'vault.get': { id: 'abcdefgh' },
  'vault.put': { item },
  'vault.delete': { id: 'abcdefgh' },
  'vault.putMany': { items: [item], replace: false },
  'vault.changePassword': {
    current: 'not the password',
    next: 'another password',
    cost: { memoryKiB: 19456, iterations: 2, parallelism: 1 },
  },
  'vault.kdfCost': {},
  'vault.reset': { confirm: 'RESET LOCAL DATA' },
  'keys.list': {},
  'keys.remove': { id: 'prf:00' },
  'biometric.enrol': {
    credentialId: b64,
    prfOutput: b64,
    prfSalt: b64,
    label: 'Laptop',
    replaceIds: [],
    current: 'not the password',
  },
  'biometric.unlock': { credentialId: b64, prfOutput: b64 },
  'biometric.setPassword': { credentialId: b64, prfOutput: b64, next: 'another password' },
  'recovery.create': { current: 'not the password' },
  'recovery.recover': { recoveryKey: 'ABCD-EFGH', next: 'another password' },
  'backup.export': { password: 'backup password', current: 'not the password' },
  'vault.exportItems': { password: 'not the password' },
  'backup.import': { text: '{}', password: 'backup password', mode: 'preview' },
  'backup.restore': { text: '{}', password: 'backup password', masterPassword: 'another password' },
  'clipboard.clearLater': { afterMs: 5000 },
  'session.activity': {},
  'settings.get': {},
  'settings.set': { settings: { autoLockMinutes: 5 } },
  'neverSave.list': {},
  'neverSave.remove': { origin: 'https://fuzz.example' },
  'autofill.matchesForTab': { tabId: 1 },
  'autofill.fill': {
    tabId: 1,
    itemId: 'abcdefgh',
    pageUrl: 'https://a.example/',
    confirmFrameOrigin: 'https://a.example',
    confirmActionOrigin: 'https://a.example',
  },
  'autofill.fillNext': { tabId: 1 },
  'autofill.submitted': { username: 'fuzz@example.com', password: 'not the password' },
  'autofill.offer.get': { token: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'autofill.offer.resolve': { token: 'AAAAAAAAAAAAAAAAAAAAAA', action: 'dismiss' },
  'autofill.menu.open': {},
  'autofill.menu.items': { token: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'autofill.menu.fill': { token: 'AAAAAAAAAAAAAAAAAAAAAA', itemId: 'abcdefgh' },
  'autofill.menu.close': { token: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'health.report': {},
  'otp.marked': {},
  'sync.status': {},
  'sync.now': {},
  // A folder on a host nobody granted: refused with 'no-permission' before any fetch.
  'sync.inspect': { url: 'https://dav.fuzz.example/tessera/', username: 'fuzz', password: 'app password' },
  'sync.connect': { url: 'https://dav.fuzz.example/tessera/', username: 'fuzz', password: 'app password' },
  'sync.joinNew': {
    url: 'https://dav.fuzz.example/tessera/',
    username: 'fuzz',
    password: 'app password',
    masterPassword: 'not the password',
  },
  'sync.disconnect': {},
  'vault.rotateKey': { current: 'not the password', next: 'another password' },
  'sync.rejoin': { masterPassword: 'not the password' },
  'otp.scanTab': { tabId: 1 },
  // An RP ID no page of the fuzz run is on: the background refuses it before any dialog.
  'passkey.create': {
    requestId,
    options: {
      rp: { id: 'fuzz.example', name: 'Fuzz' },
      user: { id: 'AAAA', name: 'fuzz', displayName: 'Fuzz' },
      challenge: b64,
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    },
    frame: { sandboxed: false },
  },
  'passkey.get': {
    requestId,
    options: { challenge: b64, rpId: 'fuzz.example' },
    frame: { sandboxed: false },
  },
  'passkey.abort': { requestId },
  'passkey.dialog.view': { token: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'passkey.dialog.answer': { token: 'AAAAAAAAAAAAAAAAAAAAAA', answer: { action: 'cancel' } },
};

export function example(type: RequestType): Record<string, unknown> {
  return { type, ...EXAMPLES[type] };
}

/** Is `message` (parsed) a request the router would accept from this audience? */
export function validFor(audience: Audience, text: string): boolean {
  const message: unknown = JSON.parse(text);
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return false;
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(REQUESTS, type)) return false;
  const spec = REQUESTS[type as RequestType];
  return spec.audience === audience && v.safeParse(spec.schema, message).success;
}

const POLLUTION = '{"polluted":"yes"}';
const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'then',
  'origin',
];
const deepArray = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
/** Wrong values for any field, as JSON text. */
const BAD_VALUES = [
  'null',
  '0',
  '-1',
  '1.5',
  '1e308',
  'true',
  '[]',
  '{}',
  '""',
  JSON.stringify('x'.repeat(10_000)),
  `{"__proto__":${POLLUTION}}`,
  `{"constructor":{"prototype":${POLLUTION}}}`,
  deepArray(64),
  deepObject(64),
];

/** `message` as JSON text with `key` set to the raw JSON `value` (added last, so it wins). */
function withRaw(message: Record<string, unknown>, key: string, value: string): string {
  const rest = Object.fromEntries(Object.entries(message).filter(([k]) => k !== key));
  const body = JSON.stringify(rest);
  return `${body.slice(0, -1)}${body.length > 2 ? ',' : ''}${JSON.stringify(key)}:${value}}`;
}

/** Systematic mutations of every request type's example. */
export function systematic(): string[] {
  const out: string[] = [];
  for (const type of Object.keys(REQUESTS) as RequestType[]) {
    const valid = example(type);
    for (const key of EXTRA_KEYS) out.push(withRaw(valid, key, POLLUTION));
    for (const t of [
      'null',
      '123',
      `[${JSON.stringify(type)}]`,
      JSON.stringify(`${type} `),
      JSON.stringify(type.toUpperCase()),
      '"__proto__"',
      '"constructor"',
      '"toString"',
      '"hasOwnProperty"',
      '""',
      JSON.stringify(type.repeat(500)),
    ]) {
      out.push(withRaw(valid, 'type', t));
    }
    const { type: _type, ...rest } = valid;
    out.push(JSON.stringify(rest));
    for (const [field, value] of Object.entries(valid)) {
      if (field === 'type') continue;
      out.push(JSON.stringify(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field))));
      for (const bad of BAD_VALUES) out.push(withRaw(valid, field, bad));
      // One level down (item, settings, cost): each nested field wrong, and a polluting key.
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const nested of Object.keys(value)) {
          for (const bad of ['null', '123', JSON.stringify('y'.repeat(20_000)), '{}']) {
            const inner = withRaw(value as Record<string, unknown>, nested, bad);
            out.push(withRaw(valid, field, inner));
          }
        }
        out.push(withRaw(valid, field, withRaw(value as Record<string, unknown>, '__proto__', POLLUTION)));
      }
    }
  }
  // One message of about a megabyte, and nesting far deeper than any schema.
  out.push(JSON.stringify({ type: 'vault.get', id: 'z'.repeat(1_000_000) }));
  out.push(withRaw({ type: 'vault.put' }, 'item', deepObject(500)));
  // Shaped like the background's own lock broadcast (pages listen for it; the router ignores it).
  out.push('{"event":"tessera.locked","reason":"user"}');
  return out;
}

/** Random messages from fast-check: free JSON, examples with a field replaced, extra keys. */
export function random(count: number, seed: number): string[] {
  const types = Object.keys(REQUESTS) as RequestType[];
  const json = fc.jsonValue({ maxDepth: 4 });
  const replaced = fc.tuple(fc.constantFrom(...types), fc.nat(), json).map(([type, n, value]) => {
    const valid = example(type);
    const fields = Object.keys(valid);
    return withRaw(valid, fields[n % fields.length]!, JSON.stringify(value));
  });
  const extra = fc
    .tuple(
      fc.constantFrom(...types),
      fc.dictionary(fc.string({ maxLength: 12 }), json, { minKeys: 1, maxKeys: 4 }),
    )
    .map(([type, more]) => {
      let text = JSON.stringify(example(type));
      for (const [k, value] of Object.entries(more)) {
        if (k === 'type') continue;
        text = withRaw(JSON.parse(text), k, JSON.stringify(value));
      }
      return text;
    });
  const free = json.map((value) => JSON.stringify(value) ?? 'null');
  const typed = fc
    .tuple(fc.string({ maxLength: 40 }), fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 3 }))
    .map(([type, more]) => JSON.stringify({ ...more, type }));
  const third = Math.floor(count / 4);
  return [
    ...fc.sample(free, { numRuns: third, seed }),
    ...fc.sample(replaced, { numRuns: third, seed: seed + 1 }),
    ...fc.sample(extra, { numRuns: third, seed: seed + 2 }),
    ...fc.sample(typed, { numRuns: count - 3 * third, seed: seed + 3 }),
  ];
}

/**
 * Runs in the sending context (extension page or content script, where `chrome` is global): sends
 * each message, 50 at a time, and returns each reply as text. Self-contained: it is serialised.
 */
export async function sendAll([texts, batch]: readonly [string[], number]): Promise<string[]> {
  const runtime = (
    globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
  ).chrome.runtime;
  const out: string[] = [];
  for (let i = 0; i < texts.length; i += batch) {
    const replies = await Promise.all(
      texts.slice(i, i + batch).map(async (text) => {
        try {
          const reply = await runtime.sendMessage(JSON.parse(text));
          return reply === undefined ? 'NO-REPLY' : JSON.stringify(reply);
        } catch (e) {
          return `SEND-ERROR ${String((e as Error)?.message ?? e)}`;
        }
      }),
    );
    out.push(...replies);
  }
  return out;
}
