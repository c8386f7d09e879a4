// The built manifest (what the browser actually loads, after WXT added content scripts and any
// generated entries) against the same policy the unit test applies to wxt.config.ts:
// tests/unit/security/manifest-policy.ts. Runs after `wxt build`, like every e2e spec.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EXPECTED_PERMISSIONS, manifestProblems } from '../unit/security/manifest-policy';
import { expect, test } from './harness/fixtures';
import { CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR, REPO_ROOT } from './harness/paths';

const readme = () => readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
const manifestOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));

test('the built Chrome manifest complies with the manifest policy', async () => {
  expect(manifestProblems(await manifestOf(CHROME_EXTENSION_DIR), await readme())).toEqual([]);
});

test('the built Firefox manifest complies with the manifest policy (when built)', async () => {
  test.skip(
    !existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json')),
    'no Firefox build (npm run build:firefox)',
  );
  expect(manifestProblems(await manifestOf(FIREFOX_EXTENSION_DIR), await readme())).toEqual([]);
});

test('the built manifests ask for exactly the expected permissions, and no host permission', async () => {
  const chrome = await manifestOf(CHROME_EXTENSION_DIR);
  expect([...chrome.permissions].sort()).toEqual([...EXPECTED_PERMISSIONS.chrome].sort());
  expect(chrome.host_permissions ?? []).toEqual([]);
  if (existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    const firefox = await manifestOf(FIREFOX_EXTENSION_DIR);
    expect([...firefox.permissions].sort()).toEqual([...EXPECTED_PERMISSIONS.firefox].sort());
    expect(firefox.host_permissions ?? []).toEqual([]);
  }
});

test('every script the manifest injects into pages starts with V8\'s compile hint, a comment (its load cost: bench/README.md, "Compile hints")', async () => {
  for (const dir of [CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR]) {
    if (!existsSync(path.join(dir, 'manifest.json'))) continue;
    const files = await injectedScripts(dir);
    expect(files.length).toBe(3);
    for (const file of files) {
      const code = await readFile(path.join(dir, file), 'utf8');
      expect(code.startsWith('//# allFunctionsCalledOnLoad\n(function(){'), `${dir}/${file}`).toBe(true);
    }
  }
});

test('the injected content script announces nothing to the page: no custom event (the passkey bridge only answers the page’s own WebAuthn calls), one postMessage only for a confirmed frame fill', async () => {
  // A startup message or event would tell every page that Tessera is installed (WXT's own content
  // script wrapper posts one; entrypoints/autofill-content.ts avoids it). Our code talks to the
  // background only, through chrome.runtime; the only events it dispatches are the input events of
  // a fill the person asked for. The one postMessage is the frame probe's (src/autofill/content/
  // frame-probe.ts): a child frame posts a random nonce to its parent only when the background asks,
  // after the person confirmed a fill into that cross-origin frame.
  const files = await injectedScripts(CHROME_EXTENSION_DIR);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const code = await readFile(path.join(CHROME_EXTENSION_DIR, file), 'utf8');
    if (/^passkey-(page|relay)\.js$/.test(file)) {
      // The WebAuthn bridge (src/passkeys/flow/wire.ts): its only events are one request and one
      // reply per navigator.credentials call the page itself makes; nothing at start.
      expect(code, file).not.toMatch(/content-script-started|postMessage\(/);
      expect(code.match(/tessera:passkey-(request|reply)/g)?.length, file).toBe(2);
      // The page-world one runs as a classic script in the page's own world: a top-level
      // declaration there would be a property of the page's window (wxt.config.ts, asAnonymousIife).
      // Before it, only V8's compile hint, a comment.
      if (file === 'passkey-page.js') {
        expect(code, file).toMatch(/^\/\/# allFunctionsCalledOnLoad\n\(function\(\)\{[\s\S]*\}\)\(\);\s*$/);
      }
      continue;
    }
    expect(code, file).not.toMatch(/CustomEvent|content-script-started/);
    const posts = code.match(/postMessage\(/g) ?? [];
    expect(posts.length, file).toBeLessThanOrEqual(1);
    if (posts.length === 1) expect(code, file).toMatch(/postMessage\(\{\s*tesseraFrame:/);
  }
});

/** Every script file the built manifest in `dir` injects into pages. */
async function injectedScripts(dir: string): Promise<string[]> {
  const manifest = await manifestOf(dir);
  return manifest.content_scripts.flatMap((entry: { js?: string[] }) => entry.js ?? []);
}
