// `npm start`: build the Chrome extension, serve the demo login site on 127.0.0.1 and open Chromium
// with Tessera loaded. Without a display (or without Chromium) it prints how to load the build by hand.
// Safety fact: the demo site binds to loopback only, and Chromium runs on its own profile in .tmp/,
// never on your everyday browser profile. It always runs the build it just made: before each launch
// the profile's registered service workers are forgotten (tests/e2e/harness/profile.ts says why).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const harness = (file) => tsImport(`../tests/e2e/harness/${file}`, import.meta.url);
const { CHROME_EXTENSION_DIR, DEMO_SITE_DIR, FIREFOX_EXTENSION_DIR, REPO_ROOT, TMP_DIR } =
  await harness('paths.ts');
const { findChromium, INSTALL_HINT, runningAsRoot } = await harness('chromium-executable.ts');
const { startFixtureServer } = await harness('fixture-server.ts');
const { forgetRegisteredWorkers } = await harness('profile.ts');

/** Preferred demo-site port; if it is taken the OS picks a free one instead. */
const DEMO_PORT = 8089;
const PROFILE_DIR = path.join(TMP_DIR, 'chromium-profile');
const stayInForeground = process.env.CI !== 'true' && process.stdin.isTTY === true;

function build() {
  const wxtCli = path.join(REPO_ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs');
  if (!existsSync(wxtCli)) {
    console.error('WXT is not installed. Run `npm install` first, then `npm start`.');
    process.exit(1);
  }
  console.log('Building Tessera for Chrome (wxt build)...');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [wxtCli, 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();
      console.error(`wxt build failed (${signal ?? `exit code ${code}`}).`);
      process.exit(1);
    });
  });
}

async function serveDemoSite() {
  try {
    return await startFixtureServer({ root: DEMO_SITE_DIR, port: DEMO_PORT });
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error;
    console.log(`Port ${DEMO_PORT} is busy; serving the demo site on a free port instead.`);
    return startFixtureServer({ root: DEMO_SITE_DIR, port: 0 });
  }
}

function printManualSteps(demoUrl) {
  console.log(
    [
      'Load Tessera by hand:',
      '  Chrome/Chromium: open chrome://extensions, turn on "Developer mode", click "Load unpacked"',
      `                   and choose ${CHROME_EXTENSION_DIR}`,
      '  Firefox:         run `npm run build:firefox`, open about:debugging > This Firefox >',
      `                   "Load Temporary Add-on" and choose ${path.join(FIREFOX_EXTENSION_DIR, 'manifest.json')}`,
      `Demo login site: ${demoUrl}`,
    ].join('\n'),
  );
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Keeps the demo site up until Ctrl+C, or stops right away where nobody could press it. */
async function serveUntilInterrupted(server) {
  if (!stayInForeground) {
    console.log('Not keeping the demo site running (CI or no terminal); exiting.');
    await server.close();
    process.exit(0);
  }
  console.log('Serving the demo site until Ctrl+C.');
  process.once('SIGINT', async () => {
    await server.close();
    process.exit(0);
  });
}

async function launchChromium(executable, demoUrl, server) {
  mkdirSync(PROFILE_DIR, { recursive: true });
  // Chrome would otherwise keep running the background script of the previous build (it reuses the
  // worker it registered for this manifest version); the vault and settings in the profile stay.
  await forgetRegisteredWorkers(PROFILE_DIR);
  const args = [
    `--user-data-dir=${PROFILE_DIR}`,
    `--disable-extensions-except=${CHROME_EXTENSION_DIR}`,
    `--load-extension=${CHROME_EXTENSION_DIR}`,
    '--no-first-run',
    '--no-default-browser-check',
    // Chromium's sandbox cannot run as root (containers); as a normal user it stays on.
    ...(runningAsRoot() ? ['--no-sandbox'] : []),
    demoUrl,
  ];
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  // Chromium logs a lot on stderr; keep only the tail to explain a failed start.
  let stderrTail = '';
  child.stderr.on('data', (chunk) => {
    stderrTail = (stderrTail + chunk).slice(-4000);
  });
  console.log(`Starting Chromium with Tessera loaded (profile: ${path.relative(REPO_ROOT, PROFILE_DIR)}).`);
  console.log(`Demo login site: ${demoUrl}`);
  console.log('Close the browser or press Ctrl+C to stop. To start over with an empty profile: rm -rf .tmp');

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(code);
  };
  process.once('SIGINT', () => {
    // Ctrl+C reaches Chromium too (same process group); make sure it goes.
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  child.on('error', (error) => {
    console.error(`Could not start ${executable}: ${error.message}`);
    printManualSteps(demoUrl);
    stop(1);
  });
  child.on('exit', (code, signal) => {
    if (code && code !== 0) {
      console.error(`Chromium exited with code ${code}. Its last output:\n${stderrTail.trim()}`);
      printManualSteps(demoUrl);
      return stop(1);
    }
    if (signal && signal !== 'SIGTERM' && signal !== 'SIGINT') console.error(`Chromium stopped (${signal}).`);
    stop(0);
  });
}

await build();
const server = await serveDemoSite();
const demoUrl = server.url('/');

if (!hasDisplay()) {
  console.log('No display found (DISPLAY and WAYLAND_DISPLAY are unset), so Chromium will not be opened.');
  printManualSteps(demoUrl);
  await serveUntilInterrupted(server);
} else {
  const chromium = findChromium();
  if (!chromium.path) {
    console.log(`Chromium not found (looked at ${chromium.tried.join(', ')}); install it: ${INSTALL_HINT}`);
    printManualSteps(demoUrl);
    await serveUntilInterrupted(server);
  } else {
    await launchChromium(chromium.path, demoUrl, server);
  }
}
