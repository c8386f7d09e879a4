// Finds the Chromium binary the tests and `npm start` drive. Safety fact: this never downloads a browser;
// it only looks at CHROMIUM_PATH, Debian's /usr/bin/chromium and then `chromium` on PATH.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Debian's package puts a launcher script here (`apt-get install -y chromium`). */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export const INSTALL_HINT = 'sudo apt-get install -y chromium';

export interface ChromiumLookup {
  /** The executable to launch, or null when none was found. */
  readonly path: string | null;
  /** Every place that was looked at, in order, for the error message. */
  readonly tried: readonly string[];
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * CHROMIUM_PATH wins when set, even if it is wrong: a typo there should fail loudly rather than silently
 * test a different browser.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const override = env.CHROMIUM_PATH?.trim();
  if (override) {
    return { path: isExecutableFile(override) ? override : null, tried: [`CHROMIUM_PATH=${override}`] };
  }
  const tried = [DEBIAN_CHROMIUM];
  if (isExecutableFile(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, tried };
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'chromium');
    if (candidate === DEBIAN_CHROMIUM) continue;
    tried.push(candidate);
    if (isExecutableFile(candidate)) return { path: candidate, tried };
  }
  return { path: null, tried };
}

/**
 * `chromium --version`, first line only. Debian's launcher script may print shell warnings from
 * /etc/chromium.d on stderr; those are discarded.
 */
export function chromiumVersion(executable: string): string {
  const out = execFileSync(executable, ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 30_000,
  });
  return out.split('\n')[0]?.trim() ?? '';
}

/** Chromium refuses to start its sandbox as root (containers, CI), so root runs need --no-sandbox. */
export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
