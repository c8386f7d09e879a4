// Locates the server programs the sync tests run (Debian's apache2 and rclone). On a developer's machine
// without them the suites that need them skip with a one-line notice; under CI=true a missing program is
// a failure, so CI can never pass by testing no server at all (.ci/run installs both with apt).

import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** The Debian package that provides each program, for the error message. */
const PACKAGES = {
  apache2: 'apache2',
  htpasswd: 'apache2-utils',
  rclone: 'rclone',
  openssl: 'openssl',
} as const;
export type ServerProgram = keyof typeof PACKAGES;

/** Debian installs apache2 in /usr/sbin, which is not on every PATH. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/bin'];

const isCi = (env: Env) => env.CI === 'true' || env.CI === '1';

/** The absolute path of `program`, or null when it is not installed. */
export function findProgram(program: ServerProgram, env: Env = process.env): string | null {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, program);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The path of `program`, or null after a one-line skip notice when it is missing; under CI it throws
 * instead.
 */
export function requireProgram(program: ServerProgram, env: Env = process.env): string | null {
  const found = findProgram(program, env);
  if (found) return found;
  const install = `sudo apt-get install -y ${PACKAGES[program]}`;
  if (isCi(env)) {
    throw new Error(
      `${program} is not installed; under CI=true the sync server tests fail rather than skip (${install})`,
    );
  }
  console.warn(`[skip] ${program} is not installed (${install}); the sync tests that need it are skipped`);
  return null;
}
