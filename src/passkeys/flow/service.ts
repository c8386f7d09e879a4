/**
 * The background's side of a page's navigator.credentials.create/get (issue 16): decides whether
 * Tessera steps in at all, asks the person in Tessera's dialog, then makes or signs with the
 * passkey (src/passkeys/authenticator.ts) and stores it, on the session's queue.
 *
 * Order, for each call: who the caller is (caller.ts: sender origin, sandbox, http, frames and
 * permission policy) -> the RP ID against that origin (checkRpId: the origin's host or a
 * registrable suffix of it, never a public suffix) -> whether Tessera can help (a get for which it
 * holds no acceptable passkey, or options it cannot serve, go straight to the browser's own
 * WebAuthn: 'native', no window) -> one dialog per tab -> the person's click -> the key is used.
 *
 * Safety facts: nothing in the page's message decides the origin or the RP ID's validity; a page
 * that replaced navigator.credentials before Tessera's wrapper still cannot get a signature for
 * another site's RP ID (refused with SecurityError, as the browser does). No passkey is made or
 * used without an answer from the dialog window, which only a person can click. The vault must be
 * unlocked at that moment: the work runs in session.withVault, which re-checks the key after every
 * wait, so a lock that lands while the dialog is open refuses the call instead of signing.
 */

import { rankMatches } from '../../autofill/match';
import { parseEndpoint } from '../../autofill/site';
import type { PasskeyDialogView } from '../../messages/protocol';
import type { SenderInfo } from '../../messages/sender';
import type { Session, VaultReader } from '../../session/session';
import type { Item, StoredPasskey } from '../../vault/types';
import {
  type PublicKeyCredentialCreationOptionsJSON as CreationOptionsJSON,
  checkRpId,
  createPasskey,
  findExcluded,
  matchingPasskeys,
  PasskeyError,
  type PublicKeyCredentialRequestOptionsJSON as RequestOptionsJSON,
  signAssertion,
} from '../authenticator';
import { type CallerDecision, decideCaller, type TabFrame } from './caller';
import type { Ceremonies, Ceremony, DialogAnswer } from './ceremonies';
import type { FrameFacts } from './relay';
import type { CeremonyErrorName, CeremonyReply, CredentialJSON } from './wire';

export interface PasskeyServiceDeps {
  session: Session;
  ceremonies: Ceremonies;
  /** The tab's frames as the browser reports them (webNavigation.getAllFrames). */
  frames(tabId: number): Promise<TabFrame[] | null>;
  now(): number;
}

type CreateRequest = { requestId: string; options: CreationOptionsJSON; frame: FrameFacts };
type GetRequest = { requestId: string; options: RequestOptionsJSON; frame: FrameFacts };

const NATIVE: CeremonyReply = { kind: 'native' };
/** What the browser says for a cancel, a timeout or a refusal it does not explain (WebAuthn §5.1.3 step 22). */
const NOT_ALLOWED = 'The operation either timed out or was not allowed.';
/** COSE algorithm Tessera makes: ES256 (the authenticator's only one). */
const ES256 = -7;

const error = (name: CeremonyErrorName, message: string): CeremonyReply => ({ kind: 'error', name, message });

export function createPasskeyService(deps: PasskeyServiceDeps) {
  const { session, ceremonies } = deps;
  /**
   * Per call waiting in a dialog (by tab and request id): settled once the call's reply is made.
   * The dialog's answer waits for it, so the dialog closes its window only after the page has its
   * reply (a window torn down meanwhile slows the reply's way to the page).
   */
  const replies = new Map<string, { made: Promise<void>; settle(): void }>();
  const callKey = (call: { tabId: number; requestId: string }) => `${call.tabId}:${call.requestId}`;
  /** Runs the rest of a call that may have opened a dialog, then lets that dialog's answer return. */
  async function replyingTo(key: string, work: () => Promise<CeremonyReply>): Promise<CeremonyReply> {
    try {
      return await work();
    } finally {
      const entry = replies.get(key);
      replies.delete(key);
      preparedViews.delete(key);
      // A task later: the router has handed the page its reply by then.
      if (entry) setTimeout(entry.settle, 0);
    }
  }

  /**
   * Per call waiting in a dialog (by tab and request id): its view, built while the dialog's window
   * opens (issue 18, passkey_assertion_ms), so the dialog's first ask is answered from it. Only what
   * view() would show; taken once, and dropped when the call ends.
   */
  const preparedViews = new Map<string, Promise<PasskeyDialogView>>();

  /**
   * Starts building the view of the call about to open a dialog; `items` are the site's items get()
   * already read (its check that Tessera holds a passkey the site accepts), not read twice.
   */
  function prepareView(ceremony: Omit<Ceremony, 'token'>, items?: Item[]): void {
    const view = buildView(ceremony, items);
    view.catch(() => undefined);
    preparedViews.set(callKey(ceremony), view);
  }

  /** What the dialog shows for `ceremony`: who asks, and the vault's logins or passkeys for the site when unlocked. */
  async function buildView(ceremony: Omit<Ceremony, 'token'>, known?: Item[]): Promise<PasskeyDialogView> {
    const base = {
      kind: ceremony.kind,
      rpId: ceremony.rpId,
      origin: ceremony.caller.origin,
      ...(ceremony.caller.topOrigin ? { topOrigin: ceremony.caller.topOrigin } : {}),
    };
    const vault =
      session.isUnlockedInMemory() || (await session.status()).state === 'unlocked'
        ? await session.vault().catch(() => null)
        : null;
    if (ceremony.kind === 'create') {
      const options = ceremony.options as CreationOptionsJSON;
      const user = { name: options.user.name, displayName: options.user.displayName };
      if (!vault) return { ...base, state: 'locked', user };
      const items = await itemsForRp(vault, ceremony.rpId);
      const logins = rankMatches(vault.list(), ceremony.caller.origin).map(({ item }) => ({
        id: item.id,
        name: item.name,
        username: item.username,
      }));
      const excluded =
        findExcluded(passkeysOf(items), ceremony.rpId, options.excludeCredentials) !== undefined;
      return { ...base, state: 'unlocked', user, logins, excluded };
    }
    if (!vault) return { ...base, state: 'locked' };
    const options = ceremony.options as RequestOptionsJSON;
    const items = known ?? (await itemsForRp(vault, ceremony.rpId));
    const names = new Map(items.map((item) => [item.id, item.name]));
    return {
      ...base,
      state: 'unlocked',
      passkeys: matchingPasskeys(items, ceremony.rpId, options.allowCredentials).map(
        ({ itemId, passkey }) => ({
          itemId,
          credentialId: passkey.credentialId,
          itemName: names.get(itemId) ?? '',
          userName: passkey.userName,
          createdAt: passkey.createdAt,
        }),
      ),
    };
  }

  /** The caller and RP ID, or the reply that ends the call before any window. */
  async function admit(
    sender: SenderInfo,
    frame: FrameFacts,
    askedRpId: string | undefined,
  ): Promise<
    { ceremony: Omit<Ceremony, 'token' | 'kind' | 'options' | 'requestId'> } | { reply: CeremonyReply }
  > {
    if (sender.kind !== 'content') return { reply: error('NotAllowedError', NOT_ALLOWED) };
    const frames = sender.frameId === 0 ? null : await deps.frames(sender.tabId);
    const decision: CallerDecision = decideCaller({
      origin: sender.origin,
      frameId: sender.frameId,
      frame,
      frames,
    });
    if (decision.kind === 'native') return { reply: NATIVE };
    if (decision.kind === 'refuse') return { reply: error(decision.name, decision.message) };
    const caller = decision.caller;
    const checked = checkRpId(askedRpId, caller.origin);
    if (!checked.ok) return { reply: error('SecurityError', checked.error.message) };
    return { ceremony: { tabId: sender.tabId, frameId: sender.frameId, rpId: checked.rpId, caller } };
  }

  /**
   * Opens the dialog and waits for the person: their answer when it is `wanted`, else the reply
   * that ends the call (the browser's own WebAuthn, a cancel, or this tab's window already open).
   */
  async function ask<A extends DialogAnswer['action']>(
    ceremony: Omit<Ceremony, 'token'>,
    timeout: number | undefined,
    wanted: A,
    items?: Item[],
  ): Promise<{ answer: Extract<DialogAnswer, { action: A }> } | { reply: CeremonyReply }> {
    const waiting = ceremonies.begin(ceremony, timeout);
    if (!waiting) return { reply: error('NotAllowedError', 'A request is already pending.') };
    replies.set(callKey(ceremony), replyLatch());
    prepareView(ceremony, items);
    const answer = await waiting;
    if (answer.action === 'native') return { reply: NATIVE };
    if (answer.action !== wanted) return { reply: error('NotAllowedError', NOT_ALLOWED) };
    return { answer: answer as Extract<DialogAnswer, { action: A }> };
  }

  /** Runs the key work on the session's queue and turns its refusals into the page's DOMException. */
  async function withKey(
    work: (vault: Parameters<Parameters<Session['withVault']>[0]>[0]) => Promise<CredentialJSON>,
  ) {
    try {
      return { kind: 'credential', credential: await session.withVault(work) } satisfies CeremonyReply;
    } catch (err) {
      if (err instanceof PasskeyError) return error(err.name, err.message);
      const reason = err instanceof Error ? err.message : 'unknown error';
      return error('NotAllowedError', `${NOT_ALLOWED} Tessera could not finish: ${reason}.`);
    }
  }

  return {
    async create(request: CreateRequest, sender: SenderInfo): Promise<CeremonyReply> {
      const admitted = await admit(sender, request.frame, request.options.rp.id);
      if ('reply' in admitted) return admitted.reply;
      const algorithms = request.options.pubKeyCredParams.map((p) => p.alg);
      // An empty list means ES256 and RS256 (WebAuthn §5.1.3 step 10); a list without ES256 is for another authenticator.
      if (algorithms.length > 0 && !algorithms.includes(ES256)) return NATIVE;
      return replyingTo(callKey({ ...admitted.ceremony, requestId: request.requestId }), async () => {
        const asked = await ask(
          { ...admitted.ceremony, kind: 'create', requestId: request.requestId, options: request.options },
          request.options.timeout,
          'save',
        );
        if ('reply' in asked) return asked.reply;
        const { answer } = asked;
        const { caller, rpId } = admitted.ceremony;
        return withKey(async (vault) => {
          const held = passkeysOf(await itemsForRp(vault, rpId));
          const { passkey, response } = await createPasskey(request.options, caller, held);
          const target = answer.itemId ? await vault.get(answer.itemId) : null;
          if (target) {
            await vault.put({ ...target, passkeys: [...(target.passkeys ?? []), passkey] });
          } else {
            await vault.put(newLogin(request.options, caller.origin, passkey));
          }
          return response as CredentialJSON;
        });
      });
    },

    async get(request: GetRequest, sender: SenderInfo): Promise<CeremonyReply> {
      const admitted = await admit(sender, request.frame, request.options.rpId);
      if ('reply' in admitted) return admitted.reply;
      const { rpId, caller } = admitted.ceremony;
      // Unlocked: step in only with a passkey the site accepts. Locked: Tessera cannot tell, so it
      // asks, with "another device or the browser's own" one click away and unlocking only offered.
      let items: Item[] | undefined;
      if (session.isUnlockedInMemory()) {
        const vault = await session.vault().catch(() => null);
        items = vault ? await itemsForRp(vault, rpId) : undefined;
        if (items && matchingPasskeys(items, rpId, request.options.allowCredentials).length === 0) {
          return NATIVE;
        }
      }
      return replyingTo(callKey({ ...admitted.ceremony, requestId: request.requestId }), async () => {
        const asked = await ask(
          { ...admitted.ceremony, kind: 'get', requestId: request.requestId, options: request.options },
          request.options.timeout,
          'use',
          items,
        );
        if ('reply' in asked) return asked.reply;
        const { answer } = asked;
        return withKey(async (vault) => {
          const item = await vault.get(answer.itemId);
          const allowed = matchingPasskeys([item], rpId, request.options.allowCredentials);
          const chosen = allowed.find((match) => match.passkey.credentialId === answer.credentialId);
          if (!chosen)
            throw new PasskeyError('NotAllowedError', 'That passkey is not one this site accepts.');
          return (await signAssertion(chosen.passkey, request.options, caller)) as CredentialJSON;
        });
      });
    },

    abort(requestId: string, sender: SenderInfo): null {
      if (sender.kind === 'content') ceremonies.abort(sender.tabId, sender.frameId, requestId);
      return null;
    },

    /**
     * What the dialog with this token shows; refused once the ceremony has ended. The dialog's
     * first ask takes the view prepared while its window opened, if the vault is still as it was
     * (see prepareView); any later ask (after an unlock in the dialog) builds it again.
     */
    async view(token: string): Promise<PasskeyDialogView> {
      const ceremony = ceremonies.byToken(token);
      if (!ceremony)
        throw new PasskeyError('NotAllowedError', 'This request has ended. You can close this window.');
      const key = callKey(ceremony);
      const early = preparedViews.get(key);
      preparedViews.delete(key);
      const prepared = await early?.catch(() => undefined);
      const unlocked = session.isUnlockedInMemory();
      if (prepared && (prepared.state === 'unlocked') === unlocked && ceremonies.byToken(token))
        return prepared;
      return buildView(ceremony);
    },

    /** The person's click in the dialog; returns once the page has its reply. */
    async answer(token: string, answer: DialogAnswer): Promise<null> {
      const ceremony = ceremonies.byToken(token);
      if (!ceremony || !ceremonies.answer(token, answer)) {
        throw new PasskeyError('NotAllowedError', 'This request has ended. You can close this window.');
      }
      await replies.get(callKey(ceremony))?.made;
      return null;
    },
  };
}

export type PasskeyService = ReturnType<typeof createPasskeyService>;

/**
 * The items that may hold passkeys for `rpId`: those with a URL on the RP ID's host or below it.
 * Only their sealed records are opened, not the whole vault.
 */
async function itemsForRp(vault: Pick<VaultReader, 'list' | 'get'>, rpId: string): Promise<Item[]> {
  const ids = vault
    .list()
    .filter((item) =>
      item.urls.some((url) => {
        const host = parseEndpoint(url, true)?.host;
        return host !== undefined && (host === rpId || host.endsWith(`.${rpId}`));
      }),
    )
    .map((item) => item.id);
  const items = await Promise.all(ids.map((id) => vault.get(id).catch(() => null)));
  return items.filter((item): item is Item => item !== null);
}

/** A promise and the function that settles it. */
function replyLatch(): { made: Promise<void>; settle(): void } {
  let settle: () => void = () => undefined;
  const made = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { made, settle };
}

const passkeysOf = (items: readonly Item[]): StoredPasskey[] => items.flatMap((item) => item.passkeys ?? []);

/** A new login item for the site, holding only the passkey. */
function newLogin(options: CreationOptionsJSON, origin: string, passkey: StoredPasskey) {
  return {
    name: options.rp.name || new URL(origin).hostname,
    username: options.user.name,
    password: '',
    notes: '',
    totp: '',
    urls: [origin],
    match: 'domain' as const,
    favorite: false,
    fields: [],
    passkeys: [passkey],
  };
}
