// The built extension as the bench loads it: a copy of .output/chrome-mv3 with the floors added that
// every browser timing is divided by (issue 18), so a ratio compares two things measured in the same
// browser, on the same machine, in the same minute:
//   bench-blank.html     an extension page that loads one tiny module and marks ready the way the
//                        popup does (the floor of popup_ready_*: opening any extension page)
//   bench-empty.js       a content script that does nothing, injected exactly as the real one is
//                        (same run_at, all_frames), on pages under /empty/; the real content script
//                        is injected only under /real/ (the floor of content_script_overhead_*)
//   bench-baseline-*.js  only when TESSERA_BENCH_BASELINE names another Chrome build (an earlier
//                        commit's .output/chrome-mv3): that build's content scripts, injected the
//                        same way on pages under /baseline/, so a change is measured against what
//                        it replaces in the same run, page by page (paired). A baseline script
//                        that imports a module from the extension gets this build's module.
//   bench-baseline-popup.html  with the same variable: that build's popup, its chunks and styles
//                        copied beside this build's (their names carry content hashes, so a file
//                        of the same name is the same file), talking to this build's background.
//                        Build both with the same TESSERA_BUILD_ID, or this background refuses the
//                        baseline popup's requests as another build's (src/messages/build.ts).
//   /passkeys/ pages     the passkey provider's two scripts (page world and relay) real, the
//                        autofill content script empty: what every page pays for passkeys alone
//                        (passkey_scripts_overhead_*)
//
// Safety fact: the shipped build is never modified (the copy is a fresh temporary directory that
// the bench deletes), and the real content script keeps its own code and manifest entry; only its
// match pattern is narrowed to the /real/ pages the bench serves.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { waitForWelcomePage } from '../../tests/e2e/harness/welcome-page';
import { launchChromium } from './chromium';
import type { BenchContext } from './types';

/** The blank floor page, as the popup is: same mark, same body attribute (src/ui/ready.ts). */
export const BLANK_PAGE = 'bench-blank.html';
/** Path prefixes (on any loopback origin) where the real and the empty content script run. */
export const REAL_PAGES = '/real/';
export const EMPTY_PAGES = '/empty/';
export const BASELINE_PAGES = '/baseline/';
/** Environment variable naming a baseline build's directory (see the top of this file). */
export const BASELINE_ENV = 'TESSERA_BENCH_BASELINE';
/** The baseline build's popup, when TESSERA_BENCH_BASELINE names one (see the top of this file). */
export const BASELINE_POPUP = 'bench-baseline-popup.html';
/** Path prefix where only the passkey scripts are real (every other content script is the empty one). */
export const PASSKEY_PAGES = '/passkeys/';

const BLANK_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head>
<body><div id="app"></div><script type="module" src="./bench-blank.js"></script></body></html>`;
const BLANK_MODULE = `performance.mark('tessera:list-ready');\ndocument.body.dataset.ready = 'list';\n`;
const EMPTY_CONTENT = '(() => {})();\n';

interface ManifestContentScript {
  matches: string[];
  js?: string[];
  run_at?: string;
  all_frames?: boolean;
}

/** The passkey provider's entries (entrypoints/passkey-page.ts, passkey-relay.ts). */
const isPasskeyScript = (entry: ManifestContentScript) =>
  (entry.js ?? []).some((file) => file.startsWith('passkey-'));

/** The content scripts a built extension's manifest declares. */
async function contentScriptsOf(extensionDir: string): Promise<ManifestContentScript[]> {
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: ManifestContentScript[];
  };
  return manifest.content_scripts ?? [];
}

/** The baseline's content-script entries, its files copied in as bench-baseline-<name>. */
async function baselineEntries(baselineDir: string, dir: string): Promise<ManifestContentScript[]> {
  const entries = await contentScriptsOf(baselineDir);
  if (entries.length === 0) throw new Error(`${BASELINE_ENV}: ${baselineDir} declares no content script`);
  for (const file of new Set(entries.flatMap((entry) => entry.js ?? []))) {
    await cp(path.join(baselineDir, file), path.join(dir, `bench-baseline-${file}`));
  }
  return entries.map((entry) => ({
    ...entry,
    matches: [`http://127.0.0.1${BASELINE_PAGES}*`],
    js: (entry.js ?? []).map((file) => `bench-baseline-${file}`),
  }));
}

/** The baseline's popup page and every chunk and stylesheet it may load, none of this build's replaced. */
async function copyBaselinePopup(baselineDir: string, dir: string): Promise<void> {
  for (const folder of ['chunks', 'assets']) {
    await cp(path.join(baselineDir, folder), path.join(dir, folder), {
      recursive: true,
      force: false,
      errorOnExist: false,
    });
  }
  await cp(path.join(baselineDir, 'popup.html'), path.join(dir, BASELINE_POPUP));
}

async function copyWithFloors(extensionDir: string, baselineDir: string | undefined): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-extension-'));
  await cp(extensionDir, dir, { recursive: true });
  await writeFile(path.join(dir, BLANK_PAGE), BLANK_HTML);
  await writeFile(path.join(dir, 'bench-blank.js'), BLANK_MODULE);
  await writeFile(path.join(dir, 'bench-empty.js'), EMPTY_CONTENT);
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {
    content_scripts?: ManifestContentScript[];
  };
  const real = manifest.content_scripts ?? [];
  if (real.length === 0) throw new Error('the built manifest declares no content script');
  manifest.content_scripts = [
    ...real.map((entry) => ({ ...entry, matches: [`http://127.0.0.1${REAL_PAGES}*`] })),
    ...real.map((entry) => ({
      ...entry,
      matches: [`http://127.0.0.1${EMPTY_PAGES}*`],
      js: ['bench-empty.js'],
    })),
    ...(baselineDir ? await baselineEntries(baselineDir, dir) : []),
    ...real.map((entry) => ({
      ...entry,
      matches: [`http://127.0.0.1${PASSKEY_PAGES}*`],
      ...(isPasskeyScript(entry) ? {} : { js: ['bench-empty.js'] }),
    })),
  ];
  await writeFile(manifestFile, JSON.stringify(manifest));
  if (baselineDir) await copyBaselinePopup(baselineDir, dir);
  return dir;
}

export interface BenchExtension {
  context: BrowserContext;
  id: string;
  /** The baseline build whose content scripts run under BASELINE_PAGES, if one was named. */
  baselineDir?: string;
  /** chrome-extension://<id>/<file> */
  url(file: string): string;
}

/**
 * Headless Chromium on a fresh profile with the bench copy of the extension; closed by ctx cleanup.
 * `build` runs another build (the baseline's own, beside this one) with no baseline inside it.
 */
export async function launchBenchExtension(ctx: BenchContext, build?: string): Promise<BenchExtension> {
  const baselineDir = build ? undefined : process.env[BASELINE_ENV] || undefined;
  const extensionDir = await copyWithFloors(build ?? ctx.extensionDir, baselineDir);
  ctx.onCleanup(() => rm(extensionDir, { recursive: true, force: true }));
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-profile-'));
  ctx.onCleanup(() => rm(userDataDir, { recursive: true, force: true }));
  const context = await launchChromium({ userDataDir, extensionDir });
  ctx.onCleanup(() => context.close());
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const id = new URL(worker.url()).host;
  // A fresh profile is a first install, so Tessera opens its welcome tab: closed before any timing.
  // Closed once drawn (closing it mid-load left the next extension page without its i18n strings).
  const welcome = await waitForWelcomePage(context, id);
  await welcome.waitForSelector('body[data-ready^="welcome-"]');
  await welcome.close();
  return { context, id, baselineDir, url: (file) => `chrome-extension://${id}/${file}` };
}

type Reply = { ok: boolean; value?: unknown; error?: { message: string } };

/** One request to the background from an extension page, as the popup sends it; throws on refusal. */
export async function send(page: Page, message: Record<string, unknown>): Promise<unknown> {
  const reply = (await page.evaluate(
    (m) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(m),
    message,
  )) as Reply;
  if (!reply?.ok) throw new Error(`${String(message.type)} failed: ${reply?.error?.message ?? 'no reply'}`);
  return reply.value;
}

export async function stopWorkers(cdp: CDPSession): Promise<void> {
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
}

/**
 * Runs CDP `method` inside the extension's service worker (a browser-level CDP session attached to
 * its target), e.g. to read its heap or its performance entries.
 */
export async function inWorker<T>(
  cdp: CDPSession,
  method: string,
  params: Record<string, unknown> = {},
): Promise<T> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
  );
  if (!worker) throw new Error('no extension service worker target');
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  try {
    return await new Promise<T>((resolve, reject) => {
      const onMessage = (event: { sessionId?: string; message: string }) => {
        const reply = JSON.parse(event.message) as { id?: number; result?: T; error?: unknown };
        if (event.sessionId !== sessionId || reply.id !== 1) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        if (reply.error) reject(new Error(`${method}: ${JSON.stringify(reply.error)}`));
        else resolve(reply.result as T);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id: 1, method, params }),
      });
    });
  } finally {
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

/** JS heap used by the extension's service worker after a full garbage collection, in MiB. */
export async function workerHeapMb(cdp: CDPSession): Promise<number> {
  await inWorker(cdp, 'HeapProfiler.collectGarbage');
  const { usedSize } = await inWorker<{ usedSize: number }>(cdp, 'Runtime.getHeapUsage');
  return usedSize / (1024 * 1024);
}

/** A page's JS heap after a full garbage collection, in MiB. */
export async function pageHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / (1024 * 1024);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
