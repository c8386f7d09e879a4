import { describe, expect, it } from 'vitest';
import { type ClipboardDeps, createClipboardGuard } from '../../../src/ui/clipboard';

/** A fake clipboard and a manual timer queue. */
function setup(options: { canRead: boolean; failWrites?: boolean }) {
  // Mutable on purpose: a test may make writes fail after the copy succeeded.
  const state = { text: 'before', writes: [] as string[] };
  const timers = new Map<number, { run: () => void; ms: number }>();
  let nextTimer = 1;
  const deps: ClipboardDeps = {
    clipboard: {
      async writeText(text) {
        if (options.failWrites) throw new Error('Document is not focused.');
        state.text = text;
        state.writes.push(text);
      },
      async readText() {
        return state.text;
      },
    },
    canRead: async () => options.canRead,
    setTimer(run, ms) {
      const id = nextTimer++;
      timers.set(id, { run, ms });
      return id;
    },
    clearTimer(handle) {
      timers.delete(handle as number);
    },
  };
  const fire = async () => {
    const due = [...timers.entries()];
    timers.clear();
    for (const [, timer] of due) timer.run();
    // Let the clear's awaits settle.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { state, timers, fire, guard: createClipboardGuard(deps) };
}

describe('clipboard guard', () => {
  it('writes at once and clears after the configured seconds', async () => {
    const { state, timers, fire, guard } = setup({ canRead: false });
    await guard.copy('s3cret', 20);
    expect(state.text).toBe('s3cret');
    expect([...timers.values()].map((t) => t.ms)).toEqual([20_000]);
    expect(guard.pending).toBe(true);
    await fire();
    expect(state.text).toBe('');
    expect(guard.pending).toBe(false);
  });

  it('never schedules a clear for 0 seconds', async () => {
    const { state, timers, guard } = setup({ canRead: false });
    await guard.copy('s3cret', 0);
    expect(state.text).toBe('s3cret');
    expect(timers.size).toBe(0);
  });

  it('waits for a delay that is still loading before scheduling', async () => {
    const { state, timers, guard } = setup({ canRead: false });
    let resolve!: (n: number) => void;
    const copying = guard.copy('s3cret', new Promise<number>((r) => (resolve = r)));
    await Promise.resolve();
    expect(state.writes).toEqual(['s3cret']);
    expect(timers.size).toBe(0);
    resolve(30);
    await copying;
    expect([...timers.values()].map((t) => t.ms)).toEqual([30_000]);
  });

  it('leaves the clipboard alone if it can read it and the user copied something else', async () => {
    const { state, fire, guard } = setup({ canRead: true });
    await guard.copy('s3cret', 10);
    state.text = 'something the user copied later';
    await fire();
    expect(state.text).toBe('something the user copied later');
  });

  it('clears unconditionally when it may not read the clipboard', async () => {
    const { state, fire, guard } = setup({ canRead: false });
    await guard.copy('s3cret', 10);
    state.text = 'something else';
    await fire();
    expect(state.text).toBe('');
  });

  it('a new copy replaces the pending clear of the previous one', async () => {
    const { state, timers, fire, guard } = setup({ canRead: true });
    await guard.copy('first', 10);
    await guard.copy('second', 60);
    expect([...timers.values()].map((t) => t.ms)).toEqual([60_000]);
    await fire();
    expect(state.text).toBe('');
  });

  it('clearPending clears now and cancels the timer', async () => {
    const { state, timers, guard } = setup({ canRead: true });
    await guard.copy('s3cret', 120);
    expect(await guard.clearPending()).toBe('cleared');
    expect(state.text).toBe('');
    expect(timers.size).toBe(0);
    expect(await guard.clearPending()).toBeNull();
  });

  it('throws when the write fails, and schedules nothing', async () => {
    const { timers, guard } = setup({ canRead: false, failWrites: true });
    await expect(guard.copy('s3cret', 10)).rejects.toThrow('not focused');
    expect(guard.pending).toBe(false);
    expect(timers.size).toBe(0);
  });

  it('reports a clear that the browser refused instead of throwing', async () => {
    const options = { canRead: false, failWrites: false };
    const { state, guard } = setup(options);
    await guard.copy('s3cret', 10);
    options.failWrites = true;
    expect(await guard.clearPending()).toBe('failed');
    expect(state.text).toBe('s3cret');
  });
});
