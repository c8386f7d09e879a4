// Finds the Firefox the Firefox e2e tests drive. Safety fact: this never downloads a browser; it only
// looks at FIREFOX_PATH and Debian's /usr/bin/firefox-esr (`apt-get install -y firefox-esr`).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';

export const DEBIAN_FIREFOX = '/usr/bin/firefox-esr';

export const FIREFOX_INSTALL_HINT = 'sudo apt-get install -y firefox-esr';

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * FIREFOX_PATH wins when set, even if it is wrong (a typo should fail loudly, not silently test
 * another browser). Returns null when no Firefox is installed.
 */
export function findFirefox(
  env: NodeJS.ProcessEnv = process.env,
  debianPath = DEBIAN_FIREFOX,
): string | null {
  const override = env.FIREFOX_PATH?.trim();
  if (override) {
    if (!isExecutableFile(override)) throw new Error(`FIREFOX_PATH=${override} is not an executable file`);
    return override;
  }
  return isExecutableFile(debianPath) ? debianPath : null;
}

/**
 * What to do when no Firefox is installed: skip with the install command on a developer machine,
 * fail in CI (CI set), where passing by testing nothing would hide a broken setup.
 */
export function whenFirefoxMissing(env: NodeJS.ProcessEnv = process.env): { fail: boolean; message: string } {
  const message = `Firefox ESR not found at ${DEBIAN_FIREFOX} (or FIREFOX_PATH); install it with: ${FIREFOX_INSTALL_HINT}`;
  return env.CI
    ? { fail: true, message: `${message}. CI must run the Firefox tests, so this is a failure.` }
    : { fail: false, message: `Skipping the Firefox e2e tests. ${message}` };
}

/** `firefox-esr --version`, e.g. "Mozilla Firefox 153.7.0esr". */
export function firefoxVersion(executable: string): string {
  return execFileSync(executable, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
}
