/**
 * The manifest policy (issue #8, supply chain): what Tessera's manifest may grant, checked both on
 * the manifest wxt.config.ts declares (unit test) and on the built one (e2e, after `wxt build`).
 *
 * Safety fact: every permission, host permission and content-script match must be named in the
 * README's "Permissions" table, every web-accessible resource must be in the allow-list below with
 * its reason, and extension pages may run only bundled script (plus WebAssembly for Argon2id).
 */

/**
 * Files any web page may load from the extension. Each entry is a clickjacking and fingerprinting
 * surface (a page can frame it or probe for it), so each needs a reason. Today: the inline menu
 * and the save prompt (FRAMED_PAGES in src/messages/audience.ts), and the lazily loaded part of
 * the content script (WEB_ACCESSIBLE_SCRIPTS there).
 */
export const WEB_ACCESSIBLE_ALLOW_LIST: readonly { resource: string; reason: string }[] = [
  {
    resource: 'inline-menu.html',
    reason:
      'The inline menu, framed by the content script under a login field in a closed shadow root. ' +
      'It lists nothing (no token) unless the background armed that frame after a real click, shows ' +
      'names and usernames only, refuses clicks until visible for 500 ms (and, on Chrome, while ' +
      'Intersection Observer v2 says it is covered), and fills only the frame that asked.',
  },
  {
    resource: 'save-prompt.html',
    reason:
      'The save/update prompt, framed by the content script in a closed shadow root. It acts only ' +
      'for the one-time token the background gave that tab (a page that frames it gets nothing), ' +
      'never receives a password, and on Chrome its URL is per-session (use_dynamic_url).',
  },
  {
    resource: 'autofill-forms.js',
    reason:
      'The part of the autofill content script (detection, inline menu, fills) that a frame imports ' +
      'only when it shows a login-like field; a content script may import only a web-accessible ' +
      'module. Code from the public source, no data; evaluated in the isolated world; on Chrome its ' +
      'URL is per-session. A document showing it runs nothing and gets no audience (sender.ts).',
  },
];

/**
 * The exact permissions each build asks for (issue 13 item 13): one more or one less fails, so a
 * permission is added or dropped only with this list, the README table and the code that uses it.
 */
export const EXPECTED_PERMISSIONS = {
  chrome: [
    'storage',
    'alarms',
    'idle',
    'clipboardWrite',
    'webNavigation',
    'activeTab',
    'webRequest',
    'offscreen',
  ],
  firefox: ['storage', 'alarms', 'idle', 'clipboardWrite', 'webNavigation', 'activeTab', 'webRequest'],
} as const;

/**
 * What code using each permission looks like: a permission is kept only while some source file
 * under src/ or entrypoints/ matches its pattern (tests/unit/security/manifest.test.ts).
 */
export const PERMISSION_USE: Readonly<Record<string, RegExp>> = {
  storage: /\bstorage\.(local|session)\b/,
  alarms: /\balarms\.(create|clear|onAlarm)\b/,
  idle: /\bidle\.onStateChanged\b/,
  clipboardWrite: /execCommand\('copy'\)|clipboard\.writeText\(/,
  webNavigation: /\bwebNavigation\.(getAllFrames|getFrame|onCommitted|onHistoryStateUpdated)\b/,
  offscreen: /\boffscreen\.createDocument\(/,
  activeTab: /\btabs\.captureVisibleTab\(/,
  webRequest: /\bwebRequest\.onErrorOccurred\b/,
};

/** README table keys that are not permission names (the rows' own words). */
const README_TABLE_WORDS = new Set(['web_accessible_resources', 'use_dynamic_url']);

/**
 * Names the README's "Permissions" table justifies that no manifest asks for: a row left behind
 * after a permission was dropped would tell readers Tessera can do something it cannot.
 */
export function readmeExtras(readme: string, manifests: readonly Record<string, unknown>[]): string[] {
  const declared = new Set<string>();
  for (const manifest of manifests) {
    for (const key of [
      'permissions',
      'optional_permissions',
      'host_permissions',
      'optional_host_permissions',
    ]) {
      for (const name of (manifest[key] as string[] | undefined) ?? []) declared.add(name);
    }
    for (const script of (manifest.content_scripts as { matches?: string[] }[] | undefined) ?? []) {
      for (const match of script.matches ?? []) declared.add(match);
    }
    for (const entry of (manifest.web_accessible_resources as { resources?: string[] }[] | undefined) ?? []) {
      for (const resource of entry.resources ?? []) declared.add(resource);
    }
  }
  return [...readmeJustified(readme)].filter((name) => !declared.has(name) && !README_TABLE_WORDS.has(name));
}

/** The only script sources extension pages may use. */
const SCRIPT_SRC = ["'self'", "'wasm-unsafe-eval'"];
/** Source tokens that would let remote, inline or evaluated code run in an extension page. */
const UNSAFE_SOURCE =
  /^(\*|https?:|wss?:|data:|blob:|filesystem:|'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|'strict-dynamic')|^[a-z0-9.-]+\.[a-z]{2,}/i;

/** Permission names (in backticks) in the first column of the README's "Permissions" table. */
export function readmeJustified(readme: string): Set<string> {
  const section = readme.split(/^## Permissions\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const first = line.match(/^\|([^|]*)\|/)?.[1];
    if (!first) continue;
    for (const [, name] of first.matchAll(/`([^`]+)`/g)) names.add(name!);
  }
  return names;
}

type Csp = string | Record<string, string | undefined> | undefined;

export function cspDirectives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** Every way the manifest breaks the policy, as readable sentences (empty: it complies). */
export function manifestProblems(manifest: Record<string, unknown>, readme: string): string[] {
  const problems: string[] = [];
  const justified = readmeJustified(readme);
  if (justified.size === 0) problems.push('README has no "Permissions" table to justify permissions against');

  const csp = manifest.content_security_policy as Csp;
  if (typeof csp !== 'object' || typeof csp?.extension_pages !== 'string') {
    problems.push('content_security_policy.extension_pages must be set (MV3 object form)');
  } else {
    for (const [where, policy] of Object.entries(csp)) {
      if (typeof policy !== 'string') continue;
      const directives = cspDirectives(policy);
      for (const [name, sources] of directives) {
        for (const source of sources) {
          if (UNSAFE_SOURCE.test(source)) problems.push(`CSP ${where} ${name} allows ${source}`);
        }
      }
      if (where !== 'extension_pages') continue;
      const script = directives.get('script-src') ?? [];
      if ([...script].sort().join(' ') !== [...SCRIPT_SRC].sort().join(' ')) {
        problems.push(
          `CSP extension_pages script-src must be exactly ${SCRIPT_SRC.join(' ')}, is "${script.join(' ')}"`,
        );
      }
      if ((directives.get('object-src') ?? []).join(' ') !== "'none'") {
        problems.push("CSP extension_pages object-src must be 'none'");
      }
    }
  }

  const listed = (key: string) => (Array.isArray(manifest[key]) ? (manifest[key] as string[]) : []);
  for (const key of [
    'permissions',
    'optional_permissions',
    'host_permissions',
    'optional_host_permissions',
  ]) {
    for (const permission of listed(key)) {
      if (!justified.has(permission)) problems.push(`${key} "${permission}" is not justified in README`);
    }
  }
  // Site access granted at install would reach every matching server with no one asking; sync's
  // access to a WebDAV folder is optional and asked for at the moment of connecting.
  for (const host of listed('host_permissions')) {
    problems.push(
      `host_permissions "${host}" is granted at install: ask for it at run time (optional_host_permissions)`,
    );
  }
  const scripts = Array.isArray(manifest.content_scripts)
    ? (manifest.content_scripts as { matches?: string[] }[])
    : [];
  for (const script of scripts) {
    for (const match of script.matches ?? []) {
      if (!justified.has(match)) problems.push(`content script match "${match}" is not justified in README`);
    }
  }

  const allowed = new Set(WEB_ACCESSIBLE_ALLOW_LIST.map((e) => e.resource));
  const war = Array.isArray(manifest.web_accessible_resources)
    ? (manifest.web_accessible_resources as { resources?: string[] }[])
    : [];
  for (const entry of war) {
    for (const resource of entry.resources ?? []) {
      if (!allowed.has(resource))
        problems.push(`web_accessible_resources "${resource}" is not in the allow-list`);
    }
  }
  // No web page and no other extension may message Tessera directly.
  if (manifest.externally_connectable !== undefined)
    problems.push('externally_connectable must not be declared');
  return problems;
}
