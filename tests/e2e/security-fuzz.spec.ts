// Message fuzz (issue #8): thousands of random and malformed messages to the background, from a
// web page's content script and from an extension page. The worker must keep serving (same worker,
// vault still unlocked, data unchanged, no prototype polluted), no reply may carry a secret (master
// password, item passwords, the vault key in any encoding), and every refusal must be a clear error
// object. From a content script, well-formed requests for other sites' data are refused.
import type { Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import type { Audience } from '../../src/messages/audience';
import { decodeList } from '../../src/messages/list-codec';
import { REQUESTS, type RequestType } from '../../src/messages/protocol';
import { evalInContentScript } from './harness/content-world';
import type { ExtensionHarness } from './harness/extension-harness';
import type { FixtureServer } from './harness/fixture-server';
import { expect, test } from './harness/fixtures';
import {
  createVault,
  login,
  MASTER_PASSWORD,
  openPopup,
  seedItems,
  sendRequest,
  waitForScreen,
} from './popup-support';
import { EXAMPLES, example, random, sendAll, systematic, validFor } from './security-fuzz-corpus';
import { found, type Needle, needles, readVaultKey } from './security-support';

declare const chrome: typeof Browser;

/** Messages per sending context (the systematic corpus, topped up with random ones). */
const PER_CONTEXT = 2_000;
/** Messages posted to the worker directly, over the extension pages' fast lane. */
const FAST_LANE = 500;
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
/**
 * The router's refusals for a message it does not accept (src/messages/router.ts); 'throttled' is
 * the per-tab rate limit (src/messages/rate-limit.ts), which comes before the type is even looked at.
 */
const REFUSALS = ['unknown-type', 'malformed', 'forbidden-sender', 'throttled'];

const OWN_PASSWORD = 'pw-own-site-Q9v!';
const OTHER_PASSWORD = 'pw-other-site-W3k!';

interface Fixture {
  popup: Page;
  page: Page;
  secrets: Needle[];
  ownId: string;
  otherId: string;
}

/** A vault with a login for the fixture site and one for another site, and a web page open. */
async function setUp(extension: ExtensionHarness, server: FixtureServer): Promise<Fixture> {
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [
    login('Own', { password: OWN_PASSWORD, urls: [`http://127.0.0.1:${server.port}/`] }),
    login('Other', { password: OTHER_PASSWORD, urls: ['https://other.example/login'] }),
  ]);
  const list = await sendRequest<{ encoded: string }>(popup, { type: 'vault.list' });
  const entries = decodeList(list.encoded);
  const idOf = (name: string) => entries.find((entry) => entry.name === name)!.id;
  const key = await readVaultKey(extension);
  const secrets = needles(key, {
    'master password': MASTER_PASSWORD,
    'own item password': OWN_PASSWORD,
    'other item password': OTHER_PASSWORD,
  });
  const page = await extension.newPage();
  await page.goto(server.url('demo-site/'));
  return { popup, page, secrets, ownId: idOf('Own'), otherId: idOf('Other') };
}

function corpus(): string[] {
  const fixed = systematic();
  return [...fixed, ...random(Math.max(0, PER_CONTEXT - fixed.length), SEED)];
}

interface Tally {
  sent: number;
  accepted: number;
  refused: Record<string, number>;
  noReply: number;
  sendErrors: string[];
  problems: string[];
}

/** Checks every reply against the rules; returns the tally and the rule breaks. */
function judge(audience: Audience, texts: string[], replies: string[], secrets: Needle[]): Tally {
  const tally: Tally = {
    sent: texts.length,
    accepted: 0,
    refused: {},
    noReply: 0,
    sendErrors: [],
    problems: [],
  };
  replies.forEach((reply, i) => {
    const text = texts[i]!;
    const where = `#${i} ${text.slice(0, 120)}`;
    const leaked = found(reply, secrets);
    if (leaked.length > 0) tally.problems.push(`${where}: reply carries ${leaked.join(', ')}`);
    if (reply === 'NO-REPLY') {
      // The router is not asked about the background's own broadcast shape ({ event }); the
      // sender gets no answer, and nothing happens.
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && Object.hasOwn(parsed, 'event')) tally.noReply += 1;
      else tally.problems.push(`${where}: no reply`);
      return;
    }
    if (reply.startsWith('SEND-ERROR')) {
      // The browser refused to carry the message at all (the background never saw it).
      tally.sendErrors.push(`${reply.slice(0, 120)} <- ${text.slice(0, 60)}`);
      return;
    }
    const body = JSON.parse(reply) as {
      ok?: unknown;
      value?: unknown;
      error?: { code?: unknown; message?: unknown };
    };
    const valid = validFor(audience, text);
    if (body.ok === true) {
      tally.accepted += 1;
      if (!valid) tally.problems.push(`${where}: accepted an invalid message: ${reply.slice(0, 120)}`);
      return;
    }
    const code = body.error?.code;
    const message = body.error?.message;
    if (body.ok !== false || typeof code !== 'string' || typeof message !== 'string' || message.length < 10) {
      tally.problems.push(`${where}: not a clear refusal: ${reply.slice(0, 160)}`);
      return;
    }
    if (!valid && !REFUSALS.includes(code)) tally.problems.push(`${where}: refused late, with ${code}`);
    tally.refused[code] = (tally.refused[code] ?? 0) + 1;
  });
  return tally;
}

/** What must be unchanged after the fuzz: same worker, unlocked, same items and settings, no pollution. */
async function snapshot(extension: ExtensionHarness, popup: Page, ownId: string) {
  const item = await sendRequest<{ password: string }>(popup, { type: 'vault.get', id: ownId });
  return {
    status: (await sendRequest<{ state: string }>(popup, { type: 'vault.status' })).state,
    list: (await sendRequest<{ encoded: string }>(popup, { type: 'vault.list' })).encoded,
    settings: await sendRequest(popup, { type: 'settings.get' }),
    ownPassword: item.password,
    worker: await extension.evalInWorker(() => {
      const scope = globalThis as unknown as { fuzzMarker?: string };
      const probe = {} as Record<string, unknown>;
      return {
        marker: scope.fuzzMarker ?? null,
        polluted: probe.polluted ?? Object.hasOwn(Object.prototype, 'polluted'),
      };
    }),
  };
}

test('the fuzz corpus starts from a valid example of every request type', () => {
  const missing = (Object.keys(REQUESTS) as RequestType[]).filter((t) => !EXAMPLES[t]);
  expect(missing, 'add an example to security-fuzz-corpus.ts for each new request type').toEqual([]);
  for (const type of Object.keys(REQUESTS) as RequestType[]) {
    expect(validFor(REQUESTS[type].audience, JSON.stringify(example(type))), type).toBe(true);
  }
});

test('fuzz: thousands of malformed messages from a content script and an extension page; the worker keeps serving, no secret leaks', async ({
  extension,
  fixtureServer,
}) => {
  test.setTimeout(180_000);
  const started = Date.now();
  const { popup, page, secrets, ownId } = await setUp(extension, fixtureServer);
  await extension.evalInWorker(() => {
    (globalThis as unknown as { fuzzMarker?: string }).fuzzMarker = 'same worker';
  });
  const before = await snapshot(extension, popup, ownId);
  expect(before).toMatchObject({
    status: 'unlocked',
    ownPassword: OWN_PASSWORD,
    worker: { marker: 'same worker', polluted: false },
  });

  const texts = corpus();
  // From the content script of a web page.
  const contentReplies = (await evalInContentScript(
    page,
    extension.id,
    `(${sendAll.toString()})([${JSON.stringify(texts)}, 50])`,
  )) as string[];
  expect(Array.isArray(contentReplies), JSON.stringify(contentReplies).slice(0, 300)).toBe(true);
  const fromContent = judge('content', texts, contentReplies, secrets);

  // From an extension page: everything but the messages it may legitimately send (those would act).
  const pageTexts = texts.filter((t) => !validFor('page', t));
  const pageReplies = await popup.evaluate(sendAll, [pageTexts, 50] as const);
  const fromPage = judge('page', pageTexts, pageReplies, secrets);

  // The fast lane (src/messages/worker-channel.ts): extension pages may also post to the worker.
  const laneTexts = texts.slice(0, FAST_LANE);
  const laneReplies = await popup.evaluate(async (list) => {
    const worker = (await navigator.serviceWorker.getRegistration())?.active;
    if (!worker) return ['NO-WORKER'];
    return Promise.all(
      list.map(
        (text) =>
          new Promise<string>((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => resolve(JSON.stringify(event.data));
            worker.postMessage(JSON.parse(text), [channel.port2]);
            setTimeout(() => resolve('NO-REPLY'), 10_000);
          }),
      ),
    );
  }, laneTexts);
  const fromLane = judge('page', laneTexts, laneReplies, secrets);

  console.info('fuzz', {
    seed: SEED,
    seconds: Math.round((Date.now() - started) / 1000),
    content: { ...fromContent, sendErrors: fromContent.sendErrors.length },
    page: { ...fromPage, sendErrors: fromPage.sendErrors.length },
    fastLane: { ...fromLane, sendErrors: fromLane.sendErrors.length },
  });
  expect(fromContent.problems).toEqual([]);
  expect(fromPage.problems).toEqual([]);
  // The fast lane answers only 'vault.list' (and refuses a malformed one like the router does).
  expect(fromLane.problems).toEqual([]);
  expect(fromLane.sent).toBe(FAST_LANE);
  expect(fromContent.sent + fromPage.sent).toBeGreaterThanOrEqual(2 * PER_CONTEXT - 50);
  // A content script may only ever arm a menu for its own frame or report a submission.
  expect(fromContent.accepted).toBeLessThan(20);
  // Its tab's rate limit answers most of a burst of 2,000, but the first requests of the burst
  // are each judged on their own (type, audience, shape) before it starts refusing.
  const throttled = fromContent.refused.throttled ?? 0;
  expect(throttled).toBeGreaterThan(0);
  expect(fromContent.sent - fromContent.sendErrors.length - throttled).toBeGreaterThanOrEqual(25);
  // The browser refuses to carry only the absurdly deep message (the background is never asked).
  for (const tally of [fromContent, fromPage])
    expect(tally.sendErrors.length, tally.sendErrors.join('\n')).toBeLessThanOrEqual(2);

  // The same worker still serves, still unlocked, with nothing changed and no prototype polluted.
  const after = await snapshot(extension, popup, ownId);
  expect(after).toEqual(before);
  await waitForScreen(popup, 'list');
});

test('from a content script, well-formed requests for other sites’ data, items or tabs are refused', async ({
  extension,
  fixtureServer,
}) => {
  const { page, otherId, secrets } = await setUp(extension, fixtureServer);
  const ask = async (message: Record<string, unknown>) =>
    (await evalInContentScript(
      page,
      extension.id,
      `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((r) => JSON.stringify(r), (e) => 'SEND-ERROR ' + e)`,
    )) as string;

  // Its own page: one match (the "Own" login), derived from the sender, not from the message.
  expect(JSON.parse(await ask({ type: 'autofill.menu.open' }))).toMatchObject({
    ok: true,
    value: { count: 1 },
  });
  const forbidden = [
    { type: 'vault.get', id: otherId },
    { type: 'vault.list' },
    { type: 'vault.exportItems', password: MASTER_PASSWORD },
    { type: 'backup.export', password: 'x', current: MASTER_PASSWORD },
    { type: 'keys.list' },
    { type: 'autofill.matchesForTab', tabId: 1 },
    { type: 'autofill.fill', tabId: 1, itemId: otherId, pageUrl: 'https://other.example/login' },
    { type: 'autofill.fillNext', tabId: 1 },
    { type: 'vault.lock' },
    { type: 'settings.set', settings: { autoLockMinutes: 0 } },
    { type: 'neverSave.list' },
    { type: 'neverSave.remove', origin: `http://127.0.0.1:${fixtureServer.port}` },
    // The framed pages' own requests are theirs alone (src/messages/audience.ts).
    { type: 'autofill.menu.items', token: 'AAAAAAAAAAAAAAAAAAAAAA' },
    { type: 'autofill.menu.fill', token: 'AAAAAAAAAAAAAAAAAAAAAA', itemId: otherId },
    { type: 'autofill.offer.get', token: 'AAAAAAAAAAAAAAAAAAAAAA' },
  ];
  for (const message of forbidden) {
    const reply = await ask(message);
    expect(JSON.parse(reply), message.type).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(found(reply, secrets)).toEqual([]);
  }
  // Naming another origin in a content request is not a way to ask about it: it is malformed.
  for (const extra of [
    { origin: 'https://other.example' },
    { url: 'https://other.example/login' },
    { tabId: 1 },
  ]) {
    expect(JSON.parse(await ask({ type: 'autofill.menu.open', ...extra }))).toMatchObject({
      ok: false,
      error: { code: 'malformed' },
    });
  }
});

test('a content script cannot forge the lock broadcast to open extension pages; a real lock still reaches them', async ({
  extension,
  fixtureServer,
}) => {
  const { popup, page } = await setUp(extension, fixtureServer);
  await waitForScreen(popup, 'list');
  // runtime.sendMessage from a content script reaches every extension page, not only the background.
  await evalInContentScript(
    page,
    extension.id,
    `chrome.runtime.sendMessage({ event: 'tessera.locked', reason: 'user' }).catch(() => undefined)`,
  );
  await popup.waitForTimeout(500);
  await waitForScreen(popup, 'list');
  expect(await sendRequest<{ state: string }>(popup, { type: 'vault.status' })).toMatchObject({
    state: 'unlocked',
  });
  // The background's own broadcast is still believed.
  const other = await openPopup(extension);
  await sendRequest(other, { type: 'vault.lock' });
  await waitForScreen(popup, 'unlock');
});
