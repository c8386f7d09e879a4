import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InlineConfig, Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { AUTOFILL_FORMS_SCRIPT, FRAMED_PAGES, WEB_ACCESSIBLE_SCRIPTS } from './src/messages/audience';

// Extension pages may run WebAssembly (hash-wasm's Argon2id) and nothing else that is not
// bundled: no remote scripts, no eval, no inline script.
const EXTENSION_PAGE_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none';";

// This build's id (src/messages/build.ts): its time in ms, or TESSERA_BUILD_ID when set. Computed
// once per `wxt build`, so the background and every page of one build carry the same id, and a
// page can tell that the background answering it is from another build.
const BUILD_ID = process.env.TESSERA_BUILD_ID || String(Date.now());

/** The PNGs of one icon variant at every size both stores ask for. */
function iconSet(variant: string): Record<string, string> {
  return Object.fromEntries([16, 32, 48, 128].map((size) => [String(size), `icons/${variant}-${size}.png`]));
}

/**
 * Builds an unlisted script as an ES module of `modulePath`'s exports, for a content script to
 * import() (entrypoints/autofill-forms.ts): WXT builds unlisted scripts as an IIFE around a wrapper
 * that runs their main() and appends the IIFE's name as the script's completion value.
 */
function asEsModule(modulePath: string, config: InlineConfig): void {
  const lib = config.build?.lib;
  if (!lib) throw new Error(`wxt.config.ts: expected a library build for ${modulePath}`);
  const rolldown = config.build?.rolldownOptions ?? {};
  if (Array.isArray(rolldown.output)) throw new Error(`wxt.config.ts: expected one output for ${modulePath}`);
  config.build = {
    ...config.build,
    lib: { ...lib, entry: path.resolve(modulePath), formats: ['es'] },
    // Vite leaves whitespace in an ES library (for the library's own bundlers); this one is final.
    rolldownOptions: { ...rolldown, output: { ...rolldown.output, minify: true } },
  };
  config.plugins = (config.plugins ?? []).filter(
    (plugin) =>
      !(plugin && typeof plugin === 'object' && 'name' in plugin && plugin.name === 'wxt:iife-footer'),
  );
}

/** V8's explicit compile hint for a whole file (asAnonymousIife below). */
const COMPILE_ALL_HINT = '//# allFunctionsCalledOnLoad';

/** The scripts the manifest injects into every frame (content_scripts below). */
const INJECTED_SCRIPTS = ['autofill-content', 'passkey-page', 'passkey-relay'];

/**
 * Builds a script the manifest injects into pages as an anonymous IIFE. WXT names an unlisted
 * script's IIFE (`var passkeyPage = (function () {...})();`) and appends that name as the
 * completion value: in the page's own world (world MAIN) a top-level `var` is a property of the
 * page's window, so every page could test `'passkeyPage' in window` to learn Tessera is
 * installed; in a content script's isolated world, defining that global costs every frame's load
 * a few hundredths of a millisecond (issue 18). None of these scripts returns anything or is
 * injected by executeScript, so neither is needed.
 *
 * Each also starts with V8's explicit compile hint, `//# allFunctionsCalledOnLoad` (Chrome 136+;
 * other engines read a comment): every function of the script is compiled with the script, in
 * one pass, instead of each one parsed again and compiled on its first call. What every frame's
 * load runs is a chain of small functions (WXT's wrapper, main, the listeners' set-up), and
 * those one-by-one lazy compiles were most of these scripts' time: in the same browser, page by
 * page, 1.20 -> 0.86 ms of script time for the three together on a plain page, the page-world
 * passkey script alone 0.31 -> 0.13 (bench/README.md, "Compile hints"). It must be the file's
 * first line, so it is added here, after minification.
 */
function asAnonymousIife(config: InlineConfig): void {
  const anonymous = {
    name: 'tessera:anonymous-iife',
    generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.code === undefined) continue;
        const code = chunk.code.replace(/^var [\w$]+\s*=\s*(?=\()/, '');
        if (code === chunk.code) throw new Error('wxt.config.ts: an injected script is no named IIFE');
        chunk.code = `${COMPILE_ALL_HINT}\n${code}`;
      }
    },
  };
  config.plugins = [
    ...(config.plugins ?? []).filter(
      (plugin) =>
        !(plugin && typeof plugin === 'object' && 'name' in plugin && plugin.name === 'wxt:iife-footer'),
    ),
    anonymous,
  ];
}

/**
 * Builds the passkey dialog's script (entrypoints/passkey-dialog-app.ts) without
 * webextension-polyfill: `wxt/browser` resolves to WXT's own `@wxt-dev/browser` (the `browser`
 * global on Firefox, `chrome` on Chromium) instead of the polyfill module's alias. The dialog waits
 * in every passkey sign-in; the polyfill would be most of its script for two calls (sendMessage,
 * i18n.getMessage) that both browsers' MV3 APIs answer with promises already.
 */
function withoutPolyfill(config: InlineConfig): void {
  const alias = config.resolve?.alias ?? [];
  const entries = Array.isArray(alias)
    ? alias
    : Object.entries(alias).map(([find, replacement]) => ({ find, replacement }));
  config.resolve = {
    ...config.resolve,
    alias: [
      { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' },
      ...entries.filter((entry) => entry.find !== 'wxt/browser'),
    ],
  };
}

/**
 * The passkey dialog is a static page (public/passkey-dialog.html) naming built files by path, so
 * no bundler rewrites them: a renamed script or stylesheet would leave the dialog blank. Fails the
 * build instead.
 */
function checkStaticPageFiles(outDir: string, page: string): void {
  const html = readFileSync(path.join(outDir, page), 'utf8');
  const missing = [...html.matchAll(/(?:src|href)="\/([^"]+)"/g)]
    .map((match) => match[1] ?? '')
    .filter((file) => !existsSync(path.join(outDir, file)));
  if (missing.length > 0)
    throw new Error(`wxt.config.ts: ${page} names missing files: ${missing.join(', ')}`);
}

/** The popup page: what it imports statically (main.tsx, WXT's page module) its first paint waits for. */
const POPUP_PAGE = path.resolve('entrypoints/popup/index.html');

/**
 * The modules the popup runs before its first paint: its page's scripts and all they import statically
 * (not what it import()s later: the item, editor, generator and first-run screens), filled in by the
 * returned plugin once the module graph is complete, before the chunks are made (issue 18).
 */
function popupStartModules(): { has(id: string): boolean; plugin: Plugin } {
  const start = new Set<string>();
  const plugin: Plugin = {
    name: 'tessera:popup-start-modules',
    buildEnd() {
      start.clear();
      const pending = this.getModuleInfo(POPUP_PAGE) ? [POPUP_PAGE] : [];
      for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
        if (start.has(id)) continue;
        start.add(id);
        pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
      if (start.size === 0) this.error(`wxt.config.ts: ${POPUP_PAGE} is not in the pages' build`);
    },
  };
  return { has: (id) => start.has(id), plugin };
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: '.output',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Every permission is justified in README.md ("Permissions") and used by code: the exact list
    // is tests/unit/security/manifest-policy.ts's EXPECTED_PERMISSIONS. No scripting: fills go to
    // the content script through tabs.sendMessage, nothing injects script. activeTab only lets the
    // editor's "Scan QR code" capture the tab the person opened Tessera on (background/otp-scan.ts).
    permissions: [
      'storage',
      'alarms',
      'idle',
      'clipboardWrite',
      'webNavigation',
      'activeTab',
      // Sync: why a request to the person's own server got no answer (untrusted certificate,
      // refused, DNS), observed only, only for the folder's origin (src/sync/net-diagnosis.ts).
      'webRequest',
      // Chrome only: the worker has no DOM to clear the clipboard with (Firefox's event page has).
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Sync (src/sync/host-permission.ts): the person's WebDAV folder. Nothing is granted at
    // install; the options page asks for the one folder's origin from the click that connects, and
    // the background checks it before every fetch. http only to this machine (folder-url.ts).
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    content_security_policy: {
      extension_pages: EXTENSION_PAGE_CSP,
    },
    // Icons: assets/icons/*.svg rendered by scripts/render-icons.ts. The toolbar starts on the
    // locked one (a browser start is always locked); the background switches it with the session
    // (entrypoints/background/toolbar.ts).
    icons: iconSet('tessera'),
    action: { default_title: '__MSG_extName__', default_icon: iconSet('tessera-locked') },
    // The autofill content script (entrypoints/autofill-content.ts, an unlisted script: see there
    // why), in every frame of every page once it has loaded.
    content_scripts: [
      {
        matches: ['<all_urls>'],
        all_frames: true,
        run_at: 'document_idle',
        js: ['autofill-content.js'],
      },
      // The passkey provider (src/passkeys/flow/): the page-world script wraps
      // navigator.credentials before the page's own scripts run (hence document_start and world
      // MAIN: Chrome 111+, Firefox 128+), and the isolated relay beside it carries its requests to
      // the background. Page world first: scripts of one run_at run in manifest order.
      {
        matches: ['<all_urls>'],
        all_frames: true,
        run_at: 'document_start',
        world: 'MAIN',
        js: ['passkey-page.js'],
      },
      {
        matches: ['<all_urls>'],
        all_frames: true,
        run_at: 'document_start',
        js: ['passkey-relay.js'],
      },
    ],
    // Pages the content script frames into web pages (src/autofill/content/extension-frame.ts): the
    // inline menu under login fields and the save prompt. Only the pages themselves: their scripts
    // and styles load from the extension's own origin, which needs no listing. Chrome's
    // use_dynamic_url gives them a per-session id, so a page cannot frame them, or detect Tessera,
    // by a known address (Firefox already uses a per-install random UUID for moz-extension: URLs).
    // The list is FRAMED_PAGES (src/messages/audience.ts): a web-accessible page gets only its own
    // narrow requests, never an extension page's rights. Beside them, WEB_ACCESSIBLE_SCRIPTS: the
    // part of the autofill content script that a frame imports only when it shows a login-like
    // field (entrypoints/autofill-content.ts); a content script may import only a web-accessible
    // module. It holds code and no data, and under the same per-session URL on Chrome.
    web_accessible_resources: [
      {
        resources: [...Object.keys(FRAMED_PAGES), ...WEB_ACCESSIBLE_SCRIPTS],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // The fill shortcut (entrypoints/background/autofill.ts): best match, next one on repeat.
    commands: {
      'fill-login': {
        suggested_key: { default: 'Ctrl+Shift+L', mac: 'Command+Shift+L' },
        description: '__MSG_command_fillLogin__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tessera@tessera.invalid',
              strict_min_version: '140.0',
              // Tessera sends nothing anywhere: the vault stays in this browser.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({
    define: { __TESSERA_BUILD__: JSON.stringify(BUILD_ID) },
    // Preact's automatic JSX runtime (no React compat layer needed).
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    // Both browsers support <link rel="modulepreload"> natively (Chrome 66, Firefox 115), so Vite's
    // polyfill for it would only be one more module that every page, offscreen included, runs.
    build: { target: 'es2022', modulePreload: { polyfill: false } },
  }),
  hooks: {
    'build:done': (wxt) => checkStaticPageFiles(wxt.config.outDir, 'passkey-dialog.html'),
    // Chunking of the extension pages (popup, options, inline menu, save prompt, offscreen), which
    // WXT builds together. Each module file an extension page loads costs a fetch through the
    // browser's extension protocol handler before any script runs: measured on the popup, ten
    // files took 20-25 ms longer to start than three. So every module that two or more pages load
    // at start goes into a shared chunk, and a page loads its own chunk, those and the bundler's
    // runtime. Two shared chunks, so the popup loads only what its first paint runs (issue 18):
    // 'shared' holds the shared modules the popup loads at start (popupStartModules), and
    // 'shared-pages' those only other pages load at start (the options page's and the inline
    // menu's libraries, the schemas, two-factor codes), which the popup loads with the screens that
    // use them. Lazily loaded code (the generator, the strength estimator) stays apart.
    // Stylesheets stay out of it: a shared chunk's CSS would be linked by every page that loads it.
    // Every page evaluates all of the shared chunks it loads (WXT's per-page virtual module is in
    // one), the inline menu and save prompt inside web pages and the offscreen clipboard page
    // included: so a module that pages share must do nothing at top level but define things (no
    // listener, no storage access).
    // The background is a classic worker built on its own (entrypoints/background/index.ts), so it
    // shares no chunk with the pages.
    'vite:build:extendConfig': (entrypoints, config) => {
      const forms = entrypoints.find((entrypoint) => `${entrypoint.name}.js` === AUTOFILL_FORMS_SCRIPT);
      if (forms) {
        asEsModule('src/autofill/content/autofill-forms.ts', config);
        return;
      }
      if (entrypoints.some((entrypoint) => INJECTED_SCRIPTS.includes(entrypoint.name))) {
        asAnonymousIife(config);
        return;
      }
      if (entrypoints.some((entrypoint) => entrypoint.name === 'passkey-dialog-app')) {
        withoutPolyfill(config);
        return;
      }
      if (!entrypoints.some((entrypoint) => entrypoint.name === 'popup')) return;
      const rolldown = config.build?.rolldownOptions ?? {};
      if (Array.isArray(rolldown.output)) throw new Error('wxt.config.ts: expected one output for pages');
      const popupStart = popupStartModules();
      const notCss = (id: string) => !/\.css($|\?)/.test(id);
      const codeSplitting = {
        groups: [
          {
            name: 'shared',
            priority: 2,
            tags: ['$initial' as const],
            minShareCount: 2,
            test: (id: string) => notCss(id) && popupStart.has(id),
          },
          {
            name: 'shared-pages',
            priority: 1,
            tags: ['$initial' as const],
            minShareCount: 2,
            test: notCss,
          },
        ],
      };
      config.build = {
        ...config.build,
        rolldownOptions: { ...rolldown, output: { ...rolldown.output, codeSplitting } },
      };
      config.plugins = [...(config.plugins ?? []), popupStart.plugin];
    },
  },
});
