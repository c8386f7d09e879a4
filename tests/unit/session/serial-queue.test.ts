import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../../src/session/serial-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('SerialQueue', () => {
  it('starts a job only after the one before it has settled, in order', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const first = deferred();
    const a = queue.run(async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = queue.run(async () => {
      log.push('b');
      return 'b';
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.resolve();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('a failed job rejects for its caller and does not block the next', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('no');
    });
    const next = queue.run(async () => 'next');
    await expect(failed).rejects.toThrow('no');
    expect(await next).toBe('next');
  });
});
