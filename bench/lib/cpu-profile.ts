// Where a page load's script time goes: V8's sampling CPU profiler over CDP (`Profiler.*`), its
// samples summed by function (self time), for a bench module to print when asked
// (TESSERA_BENCH_PROFILE=1, see bench/README.md). The profiler covers every world of the page's
// isolate, so a content script's isolated world is in it beside the page's own scripts.
//
// Safety fact: a profiled load is never one of the timed samples (the profiler's own cost would be
// in them); it is an extra load made after the timed rounds.

import type { CDPSession } from 'playwright-core';

/** 50 µs between samples: a 2 ms script start still gets ~40 samples. */
const SAMPLING_INTERVAL_US = 50;

export const PROFILE_ENV = 'TESSERA_BENCH_PROFILE';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time in ms by "function (file:line:column)", summed over every call of `profiled`. */
export class SelfTimes {
  readonly #ms = new Map<string, number>();
  #loads = 0;

  /** Runs `load` under the profiler and adds its samples. */
  async profiled(cdp: CDPSession, load: () => Promise<unknown>): Promise<void> {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await cdp.send('Profiler.start');
    try {
      await load();
    } finally {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      await cdp.send('Profiler.disable');
      this.#add(profile);
    }
  }

  #add(profile: Profile): void {
    this.#loads++;
    const names = new Map(profile.nodes.map((node) => [node.id, label(node)]));
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    // timeDeltas[i] is the time before sample i: the time sample i-1 stood for.
    for (let i = 1; i < samples.length; i++) {
      const name = names.get(samples[i - 1]!) ?? '?';
      this.#ms.set(name, (this.#ms.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
    }
  }

  /** The `count` costliest entries, as ms per load, idle time left out. */
  top(count: number): string[] {
    return [...this.#ms]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, ms]) => `${(ms / Math.max(1, this.#loads)).toFixed(2).padStart(7)} ms  ${name}`);
  }
}

function label({ callFrame: frame }: ProfileNode): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
  return `${name} (${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1})`;
}
