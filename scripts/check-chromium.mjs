// Preflight for `npm run test:e2e`: fails fast, with the install command, when Chromium is missing.
// Safety fact: it only looks for an installed Chromium (CHROMIUM_PATH, /usr/bin/chromium, PATH) and
// never downloads one; the lookup itself lives in tests/e2e/harness/chromium-executable.ts.
import { tsImport } from 'tsx/esm/api';

const { chromiumVersion, findChromium, INSTALL_HINT } = await tsImport(
  '../tests/e2e/harness/chromium-executable.ts',
  import.meta.url,
);

const found = findChromium();
if (!found.path) {
  console.error(`Chromium not found (looked at ${found.tried.join(', ')}).`);
  console.error(`The e2e tests drive Debian's Chromium. Install it with: ${INSTALL_HINT}`);
  console.error('Or point CHROMIUM_PATH at a Chromium binary.');
  process.exit(1);
}

try {
  console.log(`${chromiumVersion(found.path)} (${found.path})`);
} catch (error) {
  console.error(`${found.path} is present but \`--version\` failed: ${error.message}`);
  console.error(`Reinstall it with: ${INSTALL_HINT}`);
  process.exit(1);
}
