// The manifest wxt.config.ts declares, for Chrome and Firefox, against the policy in
// manifest-policy.ts (the built manifest is checked too, in tests/e2e/security-manifest.spec.ts).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';
import {
  cspDirectives,
  EXPECTED_PERMISSIONS,
  manifestProblems,
  PERMISSION_USE,
  readmeExtras,
  readmeJustified,
  WEB_ACCESSIBLE_ALLOW_LIST,
} from './manifest-policy';

const root = path.resolve(import.meta.dirname, '../../..');
const readme = () => readFile(path.join(root, 'README.md'), 'utf8');

async function declared(browser: 'chrome' | 'firefox'): Promise<Record<string, unknown>> {
  const manifest = config.manifest;
  const env = { browser, manifestVersion: 3, mode: 'production', command: 'build' } as never;
  return (typeof manifest === 'function' ? await manifest(env) : manifest) as Record<string, unknown>;
}

describe('manifest policy', () => {
  it.each(['chrome', 'firefox'] as const)('the %s manifest complies', async (browser) => {
    expect(manifestProblems(await declared(browser), await readme())).toEqual([]);
  });

  it.each(['chrome', 'firefox'] as const)(
    'the %s manifest asks for exactly the expected permissions',
    async (b) => {
      const manifest = await declared(b);
      expect([...(manifest.permissions as string[])].sort()).toEqual([...EXPECTED_PERMISSIONS[b]].sort());
      expect(manifest.host_permissions ?? []).toEqual([]);
      expect(manifest.optional_permissions ?? []).toEqual([]);
    },
  );

  it('every permission is used by some code in src/ or entrypoints/', async () => {
    const sources: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (/\.(ts|tsx)$/.test(entry.name)) sources.push(await readFile(full, 'utf8'));
      }
    };
    await walk(path.join(root, 'src'));
    await walk(path.join(root, 'entrypoints'));
    const unused = new Set<string>();
    for (const b of ['chrome', 'firefox'] as const) {
      for (const permission of (await declared(b)).permissions as string[]) {
        const use = PERMISSION_USE[permission];
        if (!use || !sources.some((text) => use.test(text))) unused.add(permission);
      }
    }
    expect([...unused]).toEqual([]);
  });

  it('the README justifies no permission that neither manifest asks for', async () => {
    expect(readmeExtras(await readme(), [await declared('chrome'), await declared('firefox')])).toEqual([]);
    // and the check can fail: a README row for a permission nothing declares.
    expect(readmeExtras('## Permissions\n| `tabs` | x |\n', [await declared('chrome')])).toEqual(['tabs']);
  });

  it('extension pages: script-src only self and wasm-unsafe-eval, object-src none', async () => {
    const csp = (await declared('chrome')).content_security_policy as { extension_pages: string };
    const directives = cspDirectives(csp.extension_pages);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });

  it('every allow-listed web-accessible resource has a reason', () => {
    for (const entry of WEB_ACCESSIBLE_ALLOW_LIST) expect(entry.reason.length).toBeGreaterThan(10);
  });

  // The policy must be able to fail: each of these manifests breaks it once.
  it.each([
    [
      'a remote script source',
      {
        content_security_policy: {
          extension_pages: "script-src 'self' https://cdn.example; object-src 'none'",
        },
      },
    ],
    [
      'unsafe-eval',
      { content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'; object-src 'none'" } },
    ],
    [
      'no object-src',
      { content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'" } },
    ],
    ['an unjustified permission', { permissions: ['storage', 'cookies'] }],
    ['a host permission', { host_permissions: ['https://*/*'] }],
    [
      'a web-accessible page',
      { web_accessible_resources: [{ resources: ['popup.html'], matches: ['<all_urls>'] }] },
    ],
    ['externally_connectable', { externally_connectable: { matches: ['https://example.com/*'] } }],
  ])('refuses %s', async (_what, change) => {
    const manifest = { ...(await declared('chrome')), ...change };
    expect(manifestProblems(manifest, await readme())).not.toEqual([]);
  });

  it('reads the README table (the justification is real text, not a list kept here)', async () => {
    expect([...readmeJustified(await readme())]).toEqual(expect.arrayContaining(['storage', '<all_urls>']));
  });

  it('no code listens for messages from other extensions or web pages', async () => {
    const offenders: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (/\.(ts|tsx)$/.test(entry.name)) {
          const text = await readFile(full, 'utf8');
          if (/onMessageExternal|onConnectExternal/.test(text)) offenders.push(path.relative(root, full));
        }
      }
    };
    await walk(path.join(root, 'src'));
    await walk(path.join(root, 'entrypoints'));
    expect(offenders).toEqual([]);
  });
});
