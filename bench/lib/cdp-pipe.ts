// A bare Chrome DevTools Protocol client over Chromium's --remote-debugging-pipe, for measurements
// that Playwright's own attachment would distort.
//
// Why not Playwright here: Playwright attaches to every new target with waitForDebuggerOnStart and
// holds the new page's scripts until it has set the page up (a dozen CDP round trips). For a window
// the extension opens in the middle of a timed call (the passkey dialog), that hold is a large part
// of the number measured, and no person's browser has it. This client attaches only when asked,
// to a target that is already running, so the window loads exactly as it would without a test.
//
// Safety fact: the browser runs headless on its own profile directory and is killed by close(); the
// pipe is the only way in (no debugging port is opened on the network).

import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class CdpPipe {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readonly listeners = new Set<(event: CdpEvent) => void>();
  private pendingBytes: Buffer[] = [];

  private constructor(
    private readonly browser: ChildProcess,
    private readonly input: Writable,
    output: Readable,
  ) {
    output.on('data', (chunk: Buffer) => this.receive(chunk));
    browser.on('exit', () => {
      for (const waiting of this.waiting.values()) waiting.reject(new Error('Chromium exited'));
      this.waiting.clear();
    });
  }

  /** Starts headless Chromium with `args` and the protocol on fds 3 (in) and 4 (out). */
  static launch(executable: string, args: readonly string[]): CdpPipe {
    const browser = spawn(executable, ['--headless', '--remote-debugging-pipe', ...args, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    });
    const input = browser.stdio[3] as Writable;
    const output = browser.stdio[4] as Readable;
    return new CdpPipe(browser, input, output);
  }

  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<T> {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.input.write(`${message}\0`);
    });
  }

  /** The first event (from now on) for which `test` holds. */
  waitFor(test: (event: CdpEvent) => boolean, timeoutMs = 30_000): Promise<CdpEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching CDP event within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (event: CdpEvent) => {
        if (!test(event)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(event);
      };
      this.listeners.add(listener);
    });
  }

  async close(): Promise<void> {
    if (this.browser.exitCode !== null) return;
    const exited = new Promise((resolve) => this.browser.once('exit', resolve));
    this.browser.kill('SIGKILL');
    await exited;
  }

  /** Messages are JSON texts, each ended by a NUL byte, split anyhow across chunks. */
  private receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      this.pendingBytes.push(chunk.subarray(start, end));
      const text = Buffer.concat(this.pendingBytes).toString('utf8');
      this.pendingBytes = [];
      start = end + 1;
      this.dispatch(JSON.parse(text));
    }
    if (start < chunk.length) this.pendingBytes.push(chunk.subarray(start));
  }

  private dispatch(message: {
    id?: number;
    result?: unknown;
    error?: { message: string };
    method?: string;
    params?: Record<string, unknown>;
    sessionId?: string;
  }): void {
    if (message.id !== undefined) {
      const waiting = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result);
      return;
    }
    if (!message.method) return;
    const event: CdpEvent = {
      method: message.method,
      params: message.params ?? {},
      ...(message.sessionId ? { sessionId: message.sessionId } : {}),
    };
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** One attached target (page or worker): evaluate in it and click in it. */
export class CdpTarget {
  constructor(
    private readonly cdp: CdpPipe,
    readonly sessionId: string,
  ) {}

  static async attach(cdp: CdpPipe, targetId: string): Promise<CdpTarget> {
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    return new CdpTarget(cdp, sessionId);
  }

  /**
   * The value of `expression` (awaited). A new window's first document can be replaced while the
   * call runs (about:blank, then the page): then it is asked again in the new one.
   */
  async evaluate<T>(expression: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await this.cdp.send<{
          result: { value?: unknown };
          exceptionDetails?: { text: string; exception?: { description?: string } };
        }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, this.sessionId);
        if (reply.exceptionDetails) {
          const details = reply.exceptionDetails;
          throw new Error(details.exception?.description ?? details.text);
        }
        return reply.result.value as T;
      } catch (error) {
        const replaced = /context|destroyed|navigat|Cannot find/i.test(String(error));
        if (!replaced || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  }

  /**
   * A real mouse click (trusted input events) at the centre of the first enabled button matching
   * `name`; `foundAt` is when the page saw the button, on the page's own clock (performance.now(),
   * from its navigation's start).
   */
  async clickButton(name: RegExp): Promise<{ foundAt: number }> {
    const point = await this.evaluate<{ x: number; y: number; at: number }>(`new Promise((resolve) => {
      const name = new RegExp(${JSON.stringify(name.source)}, ${JSON.stringify(name.flags)});
      const find = () => {
        const button = [...document.querySelectorAll('button')].find((b) => !b.disabled && name.test(b.textContent));
        if (!button) return false;
        const box = button.getBoundingClientRect();
        resolve({ x: box.x + box.width / 2, y: box.y + box.height / 2, at: performance.now() });
        return true;
      };
      if (find()) return;
      const watch = new MutationObserver(() => find() && watch.disconnect());
      watch.observe(document, { subtree: true, childList: true, attributes: true });
    })`);
    const mouse = { x: point.x, y: point.y, button: 'left', clickCount: 1 };
    // Press and release sent together (the browser handles one session's commands in order): the
    // release used to wait for the press's answer, a round trip over the pipe (~5-15 ms at load 5)
    // inside every timed click, which a person's press and release do not have.
    const pressed = this.cdp.send(
      'Input.dispatchMouseEvent',
      { type: 'mousePressed', ...mouse },
      this.sessionId,
    );
    // The release can land after the click closed the window: that is not an error.
    const released = this.cdp
      .send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...mouse }, this.sessionId)
      .catch(() => undefined);
    await pressed;
    await released;
    return { foundAt: point.at };
  }
}
