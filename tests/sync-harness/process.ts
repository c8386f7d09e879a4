// Child processes for the test servers: start one, wait until it is ready (a port that accepts
// connections, or a line it prints), and stop it for sure. Output is kept in memory so a server that
// fails to start says why in the test's error instead of somewhere in a log file.

import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within two seconds; resolves once it has exited. */
  stop(): Promise<void>;
}

export function startProcess(
  command: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): ServerProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A port the OS just handed out on loopback and released, for programs that cannot report theirs. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no loopback port');
  return address.port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `ready()` holds. Rejects with the process's output when it exits first or `timeoutMs`
 * passes (a loaded CI machine is slow to start Apache, hence the generous default).
 */
export async function waitUntil(
  proc: ServerProcess,
  what: string,
  ready: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${what} exited before it was ready:\n${proc.output()}`);
    }
    if (await ready()) return;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${proc.output()}`);
    }
    await sleep(50);
  }
}

/** Waits until something accepts connections on the loopback port. */
export function waitForPort(proc: ServerProcess, what: string, port: number): Promise<void> {
  return waitUntil(proc, what, () => accepts(port));
}
