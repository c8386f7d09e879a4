// Absolute paths the e2e harness and the dev scripts share. Safety fact: everything is resolved from this
// file's location, never from process.cwd(), so `npm start` and `playwright test` agree on what they load.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in tests/e2e/harness). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The unpacked Chrome MV3 build that `wxt build` writes. Tests never build it themselves. */
export const CHROME_EXTENSION_DIR = path.join(REPO_ROOT, '.output', 'chrome-mv3');

/** The Firefox MV3 build that `npm run build:firefox` writes (only named in instructions). */
export const FIREFOX_EXTENSION_DIR = path.join(REPO_ROOT, '.output', 'firefox-mv3');

/** Static pages served over loopback HTTP to the browser under test. */
export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests', 'fixtures');

/** The demo login site that `npm start` opens. */
export const DEMO_SITE_DIR = path.join(FIXTURES_DIR, 'demo-site');

/** Scratch space ignored by git (.gitignore lists .tmp/). */
export const TMP_DIR = path.join(REPO_ROOT, '.tmp');
