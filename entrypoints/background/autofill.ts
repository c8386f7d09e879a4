/**
 * Wires the fill service to the browser: frame lists from webNavigation, fill commands through
 * tabs.sendMessage to one frame (pinned to its document where Chrome supports documentId), the
 * keyboard shortcut from the commands API.
 *
 * Safety fact: the shortcut fills only the active tab of the focused window, only its best
 * match (then the next on repeat), and confirms nothing on the person's behalf: a cross-origin
 * frame or a form posting elsewhere stays unfilled (use the popup to confirm).
 */

import { browser } from 'wxt/browser';
import type { FillCommand, FillResult } from '../../src/autofill/content/fill';
import type { FillCodeCommand, FillCodeResult } from '../../src/autofill/content/fill-code';
import type { ProbeCommand } from '../../src/autofill/content/frame-probe';
import {
  createFillService,
  type FillService,
  type FrameInfo,
  webOrigin,
} from '../../src/autofill/fill-service';
import type { TabMemory } from '../../src/autofill/tab-memory';
import { toBase64Url } from '../../src/crypto/encoding';
import { randomBytes } from '../../src/crypto/random';
import type { Settings } from '../../src/messages/protocol';
import type { Session } from '../../src/session/session';
import { currentCode, isOtpError, parseOtpSecret } from '../../src/totp';
import { copyFromBackground } from './clipboard';

export const FILL_COMMAND = 'fill-login';

export function createBrowserFillService(
  session: Session,
  memory?: TabMemory,
  settings?: () => Promise<Settings>,
): FillService {
  return createFillService({
    vault: () => session.vault(),
    now: Date.now,
    ...(memory ? { memory } : {}),
    oneTimeCode: (item) => codeNow(item.totp, Date.now()),
    sendCode(tabId, frame, command: FillCodeCommand) {
      return browser.tabs.sendMessage(tabId, command, only(frame)) as Promise<FillCodeResult | undefined>;
    },
    async copyCode(code) {
      const chosen = settings ? await settings() : null;
      return chosen?.copyCodeAfterFill === true && copyFromBackground(code, chosen);
    },
    async frames(tabId) {
      const frames = await browser.webNavigation.getAllFrames({ tabId }).catch(() => null);
      return (frames ?? []).map((frame) => {
        const info: FrameInfo = {
          frameId: frame.frameId,
          parentFrameId: frame.parentFrameId,
          url: frame.url,
        };
        const documentId = (frame as { documentId?: unknown }).documentId;
        if (typeof documentId === 'string') info.documentId = documentId;
        return info;
      });
    },
    send(tabId, frame, command: FillCommand) {
      return browser.tabs.sendMessage(tabId, command, only(frame)) as Promise<FillResult | undefined>;
    },
    // The parent watches for a nonce from the child's origin, the child posts it to its parent
    // window, the parent measures the <iframe> the message came from (content/frame-probe.ts).
    async shownByParent(tabId, child, parent) {
      const origin = webOrigin(child.url);
      if (!origin) return false;
      const nonce = toBase64Url(randomBytes(16));
      const ask = (frame: FrameInfo, command: ProbeCommand) =>
        browser.tabs.sendMessage(tabId, command, only(frame)).catch(() => undefined) as Promise<
          { ok?: unknown; visible?: unknown } | undefined
        >;
      const parentOrigin = webOrigin(parent.url) ?? '*';
      if ((await ask(parent, { type: 'tessera.frame.watch', nonce, origin }))?.ok !== true) return false;
      if ((await ask(child, { type: 'tessera.frame.announce', nonce, parentOrigin }))?.ok !== true)
        return false;
      return (await ask(parent, { type: 'tessera.frame.verdict', nonce }))?.visible === true;
    },
  });
}

/**
 * Message options that reach one frame's document: documentId (Chrome 106+) makes the message
 * reach only the document the frame list named, not whatever the frame navigated to since.
 */
function only(frame: FrameInfo): { frameId?: number } {
  return frame.documentId
    ? ({ documentId: frame.documentId } as { frameId?: number })
    : { frameId: frame.frameId };
}

/** The shortcut's handler; the commands listener and the e2e test call this same function. */
export async function onFillCommand(service: FillService, tabId?: number): Promise<void> {
  const id = tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  if (id === undefined) return;
  await service.fillNext(id).catch(() => undefined);
}

/** `onUse`: the shortcut is a person's use of Tessera, so it postpones auto-lock (index.ts). */
export function listenForFillCommand(service: FillService, onUse: () => void): void {
  browser.commands.onCommand.addListener((command, tab) => {
    // After the fill: it reopens the vault from the session key if the worker had stopped.
    if (command === FILL_COMMAND) void onFillCommand(service, tab?.id).then(onUse);
  });
  browser.tabs.onRemoved.addListener((tabId) => service.forgetTab(tabId));
}

/** The current code of a stored `totp` value, or null when there is none or it gives no code. */
function codeNow(totp: string, nowMs: number): string | null {
  if (!totp.trim()) return null;
  const params = parseOtpSecret(totp);
  return isOtpError(params) ? null : currentCode(params, nowMs).code;
}
